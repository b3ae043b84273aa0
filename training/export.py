"""Export a fine-tuned TriageModel to ONNX int8 for serving (`service.classify.OnnxClassifier`).

    python -m training.export --model runs/bert-ft --out service/models/bert \
        [--dev corpora/gold/dev.jsonl] [--quant auto|per-tensor|per-channel-noembed-r7|...]

Steps:
1. load the fine-tuned folder (`TriageModel.load`), eval mode, eager attention;
2. export fp32 ONNX (opset 17; inputs `input_ids`, `attention_mask`, int64, dynamic batch
   and sequence axes; outputs `types_prob` (sigmoid), `primary_prob` and `intent_prob`
   (softmax), `tags_prob` (softmax over the BIO tags, per token));
3. dynamic int8 quantisation (onnxruntime `quantize_dynamic`, weights QInt8). With
   `--quant auto` every variant (per-tensor / per-channel weights, with or without the
   embedding Gather quantised, 8- or 7-bit weights) is built and compared with the PyTorch fp32 model on the
   parity texts (gold dev when given); the most faithful variant is kept (ties: the smaller);
4. per-type thresholds tuned on gold dev with the *served* int8 model
   (`service.classify.tune_thresholds`), so the thresholds fit what runs;
5. the output folder gets `model.int8.onnx`, `tokenizer.json` (the fast tokenizer) and
   `model.json`; the fp32 intermediate is deleted.

The serving side needs only onnxruntime, tokenizers and numpy.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from training.model import TriageModel

log = logging.getLogger("export")

OPSET = 17
# name: (per_channel, quantise the Gather ops (the embedding tables), reduce_range (7-bit weights)).
# 7-bit weights avoid the saturation of u8 x s8 products on CPUs without VNNI (AVX2-only ones).
QUANT_VARIANTS = {
    f"{'per-channel' if pc else 'per-tensor'}{'' if gather else '-noembed'}{'-r7' if rr else ''}": (pc, gather, rr)
    for rr in (False, True) for gather in (True, False) for pc in (False, True)
}

# Texts for the parity check when no dev file is given (labour complaints of several kinds).
FALLBACK_TEXTS = [
    "我们是某某建筑公司工地的农民工，共43人，包工头张某拖欠2023年10月至今工资共计83万余元，多次讨要无果",
    "饭店老板欠了我两个月工钱一共六千块",
    "公司从来不给我们交社保，也没有签劳动合同，请问怎么办",
    "今年七八月份天气那么热，厂里一分钱高温津贴都没发",
    "每天从早上七点干到晚上十一点，一个月只休一天，加班费也没有",
    "请问灵活就业人员的养老保险在哪里交",
    "楼下烧烤店天天闹到凌晨两点",
    "我在工地摔伤了腿，老板不给报工伤也不给医药费",
]


class ServingGraph(nn.Module):
    """The exported graph: probabilities instead of logits, so the runtime does no maths."""

    def __init__(self, model: TriageModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        out = self.model(input_ids, attention_mask)
        return (torch.sigmoid(out["types"]), torch.softmax(out["primary"], -1),
                torch.softmax(out["intent"], -1), torch.softmax(out["tags"], -1))


OUTPUT_NAMES = ["types_prob", "primary_prob", "intent_prob", "tags_prob"]


def load_model(model_dir: Path) -> TriageModel:
    model = TriageModel.load(model_dir)
    enc = model.encoder
    # eager attention traces to plain MatMul/Softmax, which quantise and run everywhere
    if hasattr(enc, "set_attn_implementation"):
        enc.set_attn_implementation("eager")
    else:  # pragma: no cover - older transformers
        enc.config._attn_implementation = "eager"
    return model.eval()


def load_fast_tokenizer(model_dir: Path):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    if not getattr(tok, "is_fast", False):
        raise SystemExit(f"{model_dir}: the tokenizer is not a fast (tokenizers) one; cannot serve without transformers")
    return tok


def export_fp32(model: TriageModel, tokenizer, path: Path) -> None:
    graph = ServingGraph(model).eval()
    enc = tokenizer(["包工头拖欠工资", "公司不交社保"], padding=True, return_tensors="pt")
    args = (enc["input_ids"].long(), enc["attention_mask"].long())
    dyn = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
           "types_prob": {0: "batch"}, "primary_prob": {0: "batch"}, "intent_prob": {0: "batch"},
           "tags_prob": {0: "batch", 1: "sequence"}}
    with torch.no_grad():
        torch.onnx.export(graph, args, str(path), input_names=["input_ids", "attention_mask"],
                          output_names=OUTPUT_NAMES, dynamic_axes=dyn, opset_version=OPSET,
                          do_constant_folding=True, dynamo=False)


def quantise(src: Path, dst: Path, per_channel: bool, gather: bool, reduce_range: bool = False) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    ops = ["MatMul", "Gemm", "Gather"] if gather else ["MatMul", "Gemm"]
    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=per_channel,
                     reduce_range=reduce_range, op_types_to_quantize=ops)


# ---------------------------------------------------------------- scoring helpers
def torch_scores(model: TriageModel, tokenizer, texts: list[str], max_length: int, batch: int = 16) -> dict:
    """fp32 PyTorch probabilities (the reference), in the serving graph's output names."""
    graph = ServingGraph(model).eval()
    outs: dict[str, list] = {k: [] for k in OUTPUT_NAMES[:3]}
    with torch.no_grad():
        for i in range(0, len(texts), batch):
            enc = tokenizer(texts[i:i + batch], padding=True, truncation=True, max_length=max_length,
                            return_tensors="pt")
            res = graph(enc["input_ids"].long(), enc["attention_mask"].long())
            for k, v in zip(OUTPUT_NAMES[:3], res[:3]):
                outs[k].append(v.numpy())
    return {k: np.concatenate(v) for k, v in outs.items()}


def onnx_scores(model_dir: Path, texts: list[str]) -> dict:
    """Probabilities from the served classifier (the real serving path, tokenizer included)."""
    from service.classify import OnnxClassifier

    clf = OnnxClassifier(model_dir)
    probs = clf.probabilities(texts)
    return {k: probs[k] for k in OUTPUT_NAMES[:3]}


def parity(ref: dict, got: dict) -> dict:
    out = {}
    for k in OUTPUT_NAMES[:3]:
        d = np.abs(ref[k] - got[k])
        out[k] = {"max_abs": round(float(d.max()), 5), "mean_abs": round(float(d.mean()), 6)}
    out["primary_argmax_agree"] = round(float((ref["primary_prob"].argmax(1) == got["primary_prob"].argmax(1)).mean()), 4)
    out["intent_argmax_agree"] = round(float((ref["intent_prob"].argmax(1) == got["intent_prob"].argmax(1)).mean()), 4)
    out["types_at_0.5_agree"] = round(float(((ref["types_prob"] >= 0.5) == (got["types_prob"] >= 0.5)).all(1).mean()), 4)
    return out


def _badness(p: dict) -> tuple:
    """Lower is better: decisions first, then the largest probability error."""
    return (-(p["primary_argmax_agree"] + p["intent_argmax_agree"] + p["types_at_0.5_agree"]),
            round(max(p[k]["max_abs"] for k in OUTPUT_NAMES[:3]), 3))


def _sha12(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:12]


def write_meta(out: Path, meta: dict) -> None:
    (out / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="fine-tuned TriageModel folder (heads.json, safetensors, tokenizer)")
    ap.add_argument("--out", required=True, help="serving folder to write, e.g. service/models/bert")
    ap.add_argument("--dev", default="", help="gold dev jsonl: parity texts and threshold tuning ('' to skip)")
    ap.add_argument("--name", default=None, help="model name (default: the output folder's name)")
    ap.add_argument("--version", default=time.strftime("%Y%m%d"))
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--quant", default="auto", choices=["auto", *QUANT_VARIANTS])
    ap.add_argument("--review-margin", type=float, default=0.15)
    ap.add_argument("--span-policy", default="",
                    help="JSON file {field: {way, threshold, snap}}: how extraction combines this model's tag "
                         "spans with its rules (measured with training.span_policy); kept in model.json")
    args = ap.parse_args(argv)
    # onnxruntime's quantiser logs every tensor it skips on the root logger: keep that at WARNING
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    log.setLevel(logging.INFO)
    log.info("config %s", json.dumps(vars(args), ensure_ascii=False))

    from service.normalise import normalise

    src, out = Path(args.model), Path(args.out)
    model = load_model(src)
    tokenizer = load_fast_tokenizer(src)
    heads = json.loads((src / "heads.json").read_text(encoding="utf-8"))
    dev_rows = []
    if args.dev:
        from training.corpus_rows import read_jsonl
        dev_rows = read_jsonl(args.dev)
    texts = [normalise(r["text"]).text for r in dev_rows] or [normalise(t).text for t in FALLBACK_TEXTS]

    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("*.onnx")) + [out / "model.json", out / "tokenizer.json"]:
        if old.exists():
            old.unlink()
    tokenizer.backend_tokenizer.save(str(out / "tokenizer.json"))
    base_meta = {
        "kind": "onnx", "name": args.name or out.name, "version": args.version,
        "file": "model.int8.onnx", "tokenizer": "tokenizer.json", "max_length": args.max_length,
        "pad_id": int(tokenizer.pad_token_id or 0),
        "types": model.types, "intents": model.intents, "tags": model.tags,
        "thresholds": {c: 0.5 for c in model.types}, "review_margin": args.review_margin,
        "exclusive": ["other"],
        "labels_version": heads.get("labels_version", "taxonomy-v1+routing-v1"),
        "trained_on": heads.get("trained_on"), "base_encoder": heads.get("base") or heads.get("encoder"),
        "encoder": {k: model.encoder.config.to_dict().get(k) for k in
                    ("model_type", "hidden_size", "num_hidden_layers", "num_attention_heads", "vocab_size")},
    }
    if args.span_policy:
        from service.extract.combine import parse_policy

        policy = json.loads(Path(args.span_policy).read_text(encoding="utf-8"))
        parse_policy(policy)                 # refuse a policy the service would refuse
        base_meta["span_policy"] = policy

    t0 = time.time()
    ref = torch_scores(model, tokenizer, texts, args.max_length)
    log.info("fp32 PyTorch reference on %d texts in %.1fs", len(texts), time.time() - t0)

    with tempfile.TemporaryDirectory(prefix="export-", dir=out.parent) as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        t0 = time.time()
        export_fp32(model, tokenizer, fp32)
        log.info("fp32 ONNX %.1f MB in %.1fs", fp32.stat().st_size / 1e6, time.time() - t0)
        variants = list(QUANT_VARIANTS) if args.quant == "auto" else [args.quant]
        tried: dict[str, dict] = {}
        for name in variants:
            per_channel, gather, reduce_range = QUANT_VARIANTS[name]
            vdir = Path(tmp) / name
            vdir.mkdir()
            quantise(fp32, vdir / "model.int8.onnx", per_channel, gather, reduce_range)
            shutil.copy(out / "tokenizer.json", vdir / "tokenizer.json")
            write_meta(vdir, base_meta)
            t0 = time.time()
            p = parity(ref, onnx_scores(vdir, texts))
            p["size_mb"] = round((vdir / "model.int8.onnx").stat().st_size / 1e6, 2)
            p["seconds"] = round(time.time() - t0, 1)
            tried[name] = p
            log.info("variant %s: %s", name, json.dumps(p))
        best = min(tried, key=lambda n: (_badness(tried[n]), tried[n]["size_mb"]))
        log.info("keeping %s", best)
        shutil.move(str(Path(tmp) / best / "model.int8.onnx"), str(out / "model.int8.onnx"))
        # the fp32 intermediate and the other variants go with the temporary directory

    meta = {**base_meta, "quantization": {"method": "onnxruntime.quantize_dynamic", "weight_type": "QInt8",
                                          "variant": best, "per_channel": QUANT_VARIANTS[best][0],
                                          "embedding_quantized": QUANT_VARIANTS[best][1],
                                          "reduce_range": QUANT_VARIANTS[best][2], "opset": OPSET},
            "parity": {"texts": args.dev or "fallback", "n": len(texts), "chosen": tried[best], "variants": tried},
            "sha256_12": _sha12(out / "model.int8.onnx"),
            "config": {k: v for k, v in vars(args).items()}}
    write_meta(out, meta)

    if dev_rows:
        from service.classify import OnnxClassifier, tune_thresholds

        probs = OnnxClassifier(out).probabilities(texts)["types_prob"]
        codes = model.types
        Y = np.array([[int(c in r["types"]) for c in codes] for r in dev_rows])
        meta["thresholds"] = tune_thresholds(Y, probs, codes)
        meta["tuned_on"] = args.dev
        write_meta(out, meta)
        log.info("thresholds tuned on %s (%d rows) with the int8 model: %s", args.dev, len(dev_rows), meta["thresholds"])
    log.info("wrote %s: %s", out, sorted(p.name for p in out.iterdir()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
