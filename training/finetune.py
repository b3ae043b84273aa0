"""Fine-tune one encoder with all heads: types (multi-label), primary, intent, span tags.

    python -m training.finetune --encoder runs/pretrain-b/encoder --out runs/ft-b
    python -m training.finetune --encoder /path/to/chinese-roberta-wwm-ext --out runs/ft-roberta
    python -m training.finetune --encoder runs/pretrain-b/encoder --random-init --out runs/ft-b-random

`--encoder` takes any HuggingFace BERT-family checkpoint directory (its tokenizer must be
in the same folder). Training reads the generated training set (corpora/train.jsonl);
the best epoch is chosen on gold dev; gold test is only predicted (`--predict`), never
used for any choice. The decision thresholds are tuned later on the exported model
(training.export), so here the dev score uses 0.5.

Writes OUT/ (TriageModel folder), OUT/metrics.json, OUT/log.jsonl and, for each
`--predict` file, OUT/pred-NAME.npz (ids and the three heads' probabilities), so models
too big to bring back from the GPU machine can still be compared. `--resume` continues
from OUT/checkpoint.pt (epoch granularity).
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import random
import sys
import time
from pathlib import Path

log = logging.getLogger("finetune")


def char_tags(row: dict, kind_tags: dict[str, str] | None = None) -> list[str]:
    """BIO label per character from the row's entity spans (first span wins on overlap); an amount
    whose kind is in `kind_tags` ({"owed_total": "owed", ...}) is tagged so, not `amount`."""
    from training.model import TAG_FIELDS

    tags = ["O"] * len(row["text"])
    ents = row.get("entities") or {}
    spans = [(f, ents.get(f)) for f in TAG_FIELDS if f != "amount"]
    spans += [((kind_tags or {}).get(a.get("kind"), "amount"), a) for a in ents.get("amounts") or []]
    for field, span in spans:
        if not span or not isinstance(span, dict) or "start" not in span:
            continue
        s, e = span["start"], span["end"]
        if any(t != "O" for t in tags[s:e]):
            continue
        tags[s:e] = [f"B-{field}"] + [f"I-{field}"] * (e - s - 1)
    return tags


def encode(tokenizer, rows: list[dict], types: list[str], intents: list[str], tags: list[str],
           max_length: int) -> dict:
    """Tensors for a labelled file: normalised text, multi-hot types, primary, intent,
    one BIO tag per token (the tag of its first character; -100 on special tokens)."""
    import torch
    from service.normalise import normalise
    from training.model import AMOUNT_KIND_TAGS

    texts = [normalise(r["text"]).text for r in rows]
    enc = tokenizer(texts, truncation=True, max_length=max_length, padding="longest",
                    return_offsets_mapping=True, return_tensors="pt")
    tix, iix, gix = ({c: i for i, c in enumerate(v)} for v in (types, intents, tags))
    kind_tags = {k: f for k, f in AMOUNT_KIND_TAGS.items() if f"B-{f}" in gix}     # a span tagger's head
    y_types = torch.zeros(len(rows), len(types))
    y_tags = torch.full(enc["input_ids"].shape, -100, dtype=torch.long)
    for i, r in enumerate(rows):
        for t in r["types"]:
            y_types[i, tix[t]] = 1
        ct, prev = char_tags(r, kind_tags), "O"
        n_tokens = int(enc["attention_mask"][i].sum())
        for j, (s, e) in enumerate(enc["offset_mapping"][i, :n_tokens].tolist()):
            if e > s:
                tag = ct[s]
                if tag.startswith("I-") and prev[2:] != tag[2:]:   # span starts inside a token
                    tag = "B-" + tag[2:]
                y_tags[i, j] = gix[tag]
                prev = tag
    return {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"],
            "types": y_types, "primary": torch.tensor([tix[r["primary"]] for r in rows]),
            "intent": torch.tensor([iix[r["intent"]] for r in rows]), "tags": y_tags}


def batches(data: dict, batch_size: int, order):
    for b in range(0, len(order), batch_size):
        idx = order[b:b + batch_size]
        # trim padding to the longest row of the batch, rounded up to 32 so the GPU sees
        # few distinct shapes
        width = min(data["input_ids"].shape[1], -(-int(data["attention_mask"][idx].sum(1).max()) // 32) * 32)
        yield {k: (v[idx][:, :width] if v.dim() == 2 and k in ("input_ids", "attention_mask", "tags") else v[idx])
               for k, v in data.items()}


def optimizer_step(model, loss, opt, sched) -> None:
    """Backward, gradients clipped to norm 1, one step of the optimiser and of its schedule."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    opt.zero_grad(set_to_none=True)


def predict(model, data: dict, device, batch_size: int = 128) -> dict:
    import torch

    model.eval()
    out = {"types": [], "primary": [], "intent": []}
    with torch.no_grad(), torch.autocast(device_type=device.type, dtype=torch.bfloat16,
                                         enabled=device.type == "cuda"):
        for batch in batches(data, batch_size, torch.arange(len(data["input_ids"]))):
            o = model(batch["input_ids"].to(device), batch["attention_mask"].to(device))
            out["types"].append(torch.sigmoid(o["types"].float()).cpu())
            out["primary"].append(torch.softmax(o["primary"].float(), -1).cpu())
            out["intent"].append(torch.softmax(o["intent"].float(), -1).cpu())
    model.train()
    return {k: torch.cat(v).numpy() for k, v in out.items()}


def dev_scores(probs: dict, data: dict, types: list[str]) -> dict:
    """Macro-F1 of types at 0.5 (plus the primary), primary and intent accuracy."""
    import numpy as np

    y = data["types"].numpy().astype(bool)
    pred = probs["types"] >= 0.5
    pred[np.arange(len(pred)), probs["primary"].argmax(1)] = True
    f1s = []
    for j in range(len(types)):
        if y[:, j].any():
            tp = (pred[:, j] & y[:, j]).sum()
            f1s.append(2 * tp / (pred[:, j].sum() + y[:, j].sum()))
    return {"macro_f1": float(np.mean(f1s)),
            "primary_accuracy": float((probs["primary"].argmax(1) == data["primary"].numpy()).mean()),
            "intent_accuracy": float((probs["intent"].argmax(1) == data["intent"].numpy()).mean())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.finetune", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", required=True, help="HF checkpoint directory (with its tokenizer)")
    ap.add_argument("--random-init", action="store_true", help="the encoder's shape, fresh weights")
    ap.add_argument("--train", default="corpora/train.jsonl")
    ap.add_argument("--dev", default="corpora/gold/dev.jsonl")
    ap.add_argument("--predict", nargs="*", default=["corpora/gold/dev.jsonl", "corpora/gold/test.jsonl"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--max-minutes", type=float, default=0, help="stop after the epoch that passes this")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--tags-weight", type=float, default=0.5)
    ap.add_argument("--limit", type=int, default=0, help="use only this many training rows (smoke runs)")
    ap.add_argument("--save-dtype", choices=["float32", "float16"], default="float32")
    ap.add_argument("--no-save", action="store_true", help="metrics and predictions only")
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--resume", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stdout)

    import numpy as np
    import torch
    from transformers import AutoTokenizer

    from service.labels import get_labels
    from training.corpus_rows import read_jsonl
    from training.model import TAGS, TriageModel

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    labels = get_labels()
    types, intents = labels.type_codes, list(labels.intents)
    tok = AutoTokenizer.from_pretrained(args.encoder)
    model = TriageModel.from_encoder(args.encoder, types, intents, random_init=args.random_init).to(device)

    t0 = time.time()
    train_rows = read_jsonl(Path(args.train))
    if args.limit:
        train_rows = random.Random(args.seed).sample(train_rows, args.limit)
    train = encode(tok, train_rows, types, intents, TAGS, args.max_length)
    dev = encode(tok, read_jsonl(Path(args.dev)), types, intents, TAGS, args.max_length)
    log.info("encoded %d train / %d dev rows in %.0fs", len(train_rows), len(dev["input_ids"]), time.time() - t0)
    # the whole training set lives on the device: a batch is then an index, no copies
    train = {k: v.to(device) for k, v in train.items()}

    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    enc_params = [p for n, p in model.named_parameters() if n.startswith("encoder.")]
    opt = torch.optim.AdamW([{"params": enc_params, "lr": args.lr}, {"params": head_params, "lr": args.head_lr}],
                            weight_decay=0.01)
    steps_per_epoch = math.ceil(len(train_rows) / args.batch_size)
    total = steps_per_epoch * args.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / max(1, int(0.06 * total))) * max(0.0, (total - s) / total))
    state = {"epoch": 0, "best": -1.0, "history": [], "seconds": 0.0}
    ckpt = out / "checkpoint.pt"
    if args.resume and ckpt.exists():
        saved = torch.load(ckpt, map_location=device, weights_only=False)
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["optimizer"])
        sched.load_state_dict(saved["scheduler"])
        state = saved["state"]
        log.info("resumed after epoch %d", state["epoch"])
    config = {**vars(args), "device": str(device), "types": types, "intents": intents,
              "parameters": sum(p.numel() for p in model.parameters()), "train_rows": len(train_rows)}
    log.info("config %s", json.dumps(config, ensure_ascii=False))
    (out / "config-finetune.json").write_text(json.dumps(config, ensure_ascii=False, indent=1))
    pos = train["types"].mean(0).clamp(min=1e-3)
    bce = torch.nn.BCEWithLogitsLoss(pos_weight=((1 - pos) / pos).sqrt())
    ce = torch.nn.CrossEntropyLoss()
    ce_tags = torch.nn.CrossEntropyLoss(ignore_index=-100)
    logf = open(out / "log.jsonl", "a")
    best_state = None
    t_start = time.time() - state["seconds"]
    while state["epoch"] < args.epochs:
        model.train()
        order = torch.randperm(len(train_rows), generator=torch.Generator().manual_seed(args.seed + state["epoch"])).to(device)
        losses = []
        for batch in batches(train, args.batch_size, order):
            b = batch
            with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
                o = model(b["input_ids"], b["attention_mask"])
                loss = (bce(o["types"].float(), b["types"]) + ce(o["primary"].float(), b["primary"])
                        + ce(o["intent"].float(), b["intent"])
                        + args.tags_weight * ce_tags(o["tags"].float().flatten(0, 1), b["tags"].flatten()))
            optimizer_step(model, loss, opt, sched)
            losses.append(loss.detach())
        state["epoch"] += 1
        state["seconds"] = time.time() - t_start
        scores = dev_scores(predict(model, dev, device), dev, types)
        rec = {"epoch": state["epoch"], "loss": float(torch.stack(losses).mean()), "seconds": round(state["seconds"], 1),
               **{f"dev_{k}": round(v, 4) for k, v in scores.items()}}
        state["history"].append(rec)
        log.info("%s", rec)
        logf.write(json.dumps(rec) + "\n")
        logf.flush()
        if scores["macro_f1"] > state["best"]:
            state["best"] = scores["macro_f1"]
            best_state = {k: v.detach().clone().cpu() for k, v in model.state_dict().items()}
        torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": sched.state_dict(), "state": state}, ckpt)
        if args.max_minutes and state["seconds"] > args.max_minutes * 60:
            log.info("time budget reached after epoch %d", state["epoch"])
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    for path in args.predict:
        rows = read_jsonl(Path(path))
        probs = predict(model, encode(tok, rows, types, intents, TAGS, args.max_length), device)
        np.savez_compressed(out / f"pred-{Path(path).stem}.npz", ids=np.array([r["id"] for r in rows]),
                            types_order=np.array(types), intents_order=np.array(intents), **probs)
    metrics = {"best_dev_macro_f1_at_0.5": state["best"], "epochs": state["epoch"],
               "minutes": round(state["seconds"] / 60, 2), "history": state["history"]}
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1))
    if not args.no_save:
        if args.save_dtype == "float16":
            model.half()
        model.cpu().save(out, tokenizer=tok, extra_meta={"trained_on": args.train, "encoder": args.encoder,
                                                          "random_init": args.random_init})
    ckpt.unlink(missing_ok=True)   # the saved folder replaces it
    log.info("done: %s", json.dumps({k: v for k, v in metrics.items() if k != "history"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
