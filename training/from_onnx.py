"""Rebuild a trainable TriageModel folder from a served int8 ONNX model.

    python -m training.from_onnx --model service/models/span-tagger --out runs/from-span-tagger

The repository ships models as int8 ONNX (`training.export`), not the torch folders they were
exported from: those are training outputs, kept under `runs/` on the machine that trained them.
This reads the ONNX graph back: every float initializer keeps the torch parameter name it was
exported under (`model.encoder...`, `model.types_head.bias`); every Linear weight was exported
as a transposed MatMul initializer and quantised to int8 with a scale and zero point, and is
found through the bias that the graph adds to its product. The weights are dequantised, so the
rebuilt model is the served one (int8 rounding included), and `training.finetune_spans --init`
or `training.finetune` can train it further.
"""
from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np

log = logging.getLogger("training.from_onnx")

PREFIX = "model."          # training.export.ServingGraph wraps the TriageModel as `model`


def _linear_weights(graph, arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """{torch Linear weight name: [out, in] float array} from the quantised MatMuls."""
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    out: dict[str, np.ndarray] = {}
    for node in graph.node:
        if node.op_type not in ("MatMulInteger", "MatMul"):
            continue
        weight = next((i for i in node.input[1:2] if i in arrays), None)
        if weight is None:
            continue                       # activations x activations (attention scores)
        if node.op_type == "MatMulInteger":
            base = weight[:-len("_quantized")]
            w = (arrays[weight].astype(np.float32) - arrays[base + "_zero_point"].astype(np.float32)) \
                * arrays[base + "_scale"].astype(np.float32)
        else:
            w = arrays[weight].astype(np.float32)
        # follow the product (Cast, Mul by scales) to the Add that brings the Linear's bias
        frontier, bias = [node.output[0]], None
        for _ in range(6):
            nxt = []
            for t in frontier:
                for c in consumers.get(t, []):
                    named = [i for i in c.input if i.startswith(PREFIX) and i.endswith(".bias")]
                    if c.op_type == "Add" and named:
                        bias = named[0]
                    nxt.extend(c.output)
            if bias or not nxt:
                break
            frontier = nxt
        if bias is None:
            raise ValueError(f"no bias found after {node.name}: not a graph exported by training.export")
        out[bias[len(PREFIX):-len(".bias")] + ".weight"] = w.T.copy()
    return out


def rebuild(model_dir: Path, out: Path) -> Path:
    import onnx
    import torch
    from onnx import numpy_helper
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    from training.model import TriageModel

    meta = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    graph = onnx.load(str(model_dir / meta["file"])).graph
    arrays = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    state = {k[len(PREFIX):]: v for k, v in arrays.items() if k.startswith(PREFIX)}
    state.update(_linear_weights(graph, arrays))

    enc = meta["encoder"]
    width = enc["hidden_size"]
    config = BertConfig(vocab_size=enc["vocab_size"], hidden_size=width,
                        num_hidden_layers=enc["num_hidden_layers"], num_attention_heads=enc["num_attention_heads"],
                        intermediate_size=state["encoder.encoder.layer.0.intermediate.dense.weight"].shape[0],
                        max_position_embeddings=state["encoder.embeddings.position_embeddings.weight"].shape[0],
                        pad_token_id=int(meta.get("pad_id") or 0))
    model = TriageModel(BertModel(config, add_pooling_layer=False), meta["types"], meta["intents"], meta["tags"])
    wanted = model.state_dict()
    missing = [k for k in wanted if k not in state and not k.endswith("position_ids")]
    if missing:
        raise ValueError(f"{model_dir}: the graph lacks {missing[:5]}")
    model.load_state_dict({k: torch.from_numpy(np.array(state[k], dtype=np.float32)) if k in state else v
                           for k, v in wanted.items()}, strict=True)

    tok = PreTrainedTokenizerFast(tokenizer_object=Tokenizer.from_file(str(model_dir / meta.get("tokenizer", "tokenizer.json"))),
                                  unk_token="[UNK]", sep_token="[SEP]", pad_token="[PAD]", cls_token="[CLS]",
                                  mask_token="[MASK]", model_max_length=int(meta.get("max_length", 256)))
    model.save(out, tokenizer=tok, extra_meta={"rebuilt_from": str(model_dir), "rebuilt_from_sha256_12": meta.get("sha256_12")})
    log.info("%s -> %s (%d tensors, %d of them dequantised int8)", model_dir, out, len(wanted),
             sum(1 for k in state if k.endswith(".weight") and "LayerNorm" not in k and "embeddings" not in k))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.from_onnx", description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", required=True, help="a served model folder (model.json + int8 ONNX + tokenizer.json)")
    ap.add_argument("--out", required=True, help="where the TriageModel folder goes")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    rebuild(Path(args.model), Path(args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
