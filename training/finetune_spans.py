"""Fine-tune the token head (employer, contractor, project, location, period, amount, and owed:
the amount written as the owed total) on hand-labelled rows: the span tagger that extraction
combines with its rules. A model whose head lacks the owed tag (a classifier, an older tagger)
gets it (`TriageModel.extend_tags`).

    python -m training.finetune_spans --init runs/ft-b --out runs/spans \
        --train corpora/gold/authored/dev-{a,b,c,d,e,f}.jsonl --generated 4000 \
        --predict corpora/gold/test.jsonl

The classifier's own fine-tuning (training.finetune) teaches the tag head on generated
text only, where an employer is always a 有限公司 in a template; the span tagger goes on
from that model with the hand-written rows (authored files, spans as strings, located
here) plus a sample of generated rows so it keeps the generated variety. Only the tag
loss is trained; the other heads ride along unchanged, so the folder is a TriageModel
that `training.export` exports like any other.

Small enough to train on a laptop CPU (4 layers x 256: about 1 minute an epoch for 5,000
rows on 2 cores). `--predict FILE` writes OUT/spans-NAME.jsonl: per row the id and the
character spans per field with their mean token probability, which `training.span_policy`
combines with the rules' output to choose how extraction uses the model.
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

log = logging.getLogger("finetune_spans")


def gold_rows(path: Path) -> list[dict]:
    """Rows of a gold or authored file in the gold shape (spans with offsets)."""
    from training.corpus_rows import locate, read_jsonl

    rows = read_jsonl(path)
    return [r if _located(r) else locate(r) for r in rows]


def _located(row: dict) -> bool:
    from training.corpus_rows import SPAN_FIELDS

    ents = row.get("entities") or {}
    return (all(not isinstance(ents.get(f), str) for f in SPAN_FIELDS)
            and all("start" in a for a in ents.get("amounts") or [])
            and all(isinstance(c, dict) and "start" in c for c in ents.get("contacts") or []))


def predict_spans(model, tokenizer, texts: list[str], max_length: int, batch_size: int = 32) -> list[dict]:
    """{field: [[start, end, probability]]} per normalised text: argmax BIO tags decoded to
    character spans, each with the mean probability of its tokens' tags."""
    import torch
    from service.classify import decode_bio, span_confidence

    model.eval()
    out: list[dict] = []
    with torch.no_grad():
        for b in range(0, len(texts), batch_size):
            chunk = texts[b:b + batch_size]
            enc = tokenizer(chunk, truncation=True, max_length=max_length, padding="longest",
                            return_offsets_mapping=True, return_special_tokens_mask=True, return_tensors="pt")
            probs = torch.softmax(model(enc["input_ids"], enc["attention_mask"])["tags"].float(), -1)
            for i in range(len(chunk)):
                n = int(enc["attention_mask"][i].sum())
                p = probs[i, :n]
                ids = p.argmax(-1)
                offsets = enc["offset_mapping"][i, :n].tolist()
                spans = decode_bio(ids.tolist(), model.tags, offsets, enc["special_tokens_mask"][i, :n].tolist())
                tag_prob = p.gather(1, ids[:, None])[:, 0]        # probability of each token's chosen tag
                row = {field: [[s, e, span_confidence(tag_prob.tolist(), offsets, s, e)] for s, e in pairs]
                       for field, pairs in spans.items()}
                out.append(row)
    model.train()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.finetune_spans", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--init", required=True, help="a TriageModel folder (training.finetune output) "
                                                   "or any HuggingFace BERT-family checkpoint directory")
    ap.add_argument("--train", nargs="+", required=True, help="gold or authored files of hand-labelled rows")
    ap.add_argument("--generated", type=int, default=4000, help="rows sampled from --generated-file")
    ap.add_argument("--generated-file", default="corpora/train.jsonl")
    ap.add_argument("--predict", nargs="*", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=5e-4)
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--no-save", action="store_true", help="span predictions only")
    ap.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint.pt (epoch granularity)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stdout)

    import torch
    from transformers import AutoTokenizer

    from service.labels import get_labels
    from service.normalise import normalise
    from training.corpus_rows import read_jsonl
    from training.finetune import batches, encode, optimizer_step
    from training.model import SPAN_TAGS, TriageModel

    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    labels = get_labels()
    types, intents = labels.type_codes, list(labels.intents)
    tok = AutoTokenizer.from_pretrained(args.init)
    if (Path(args.init) / "heads.json").exists():
        model = TriageModel.load(Path(args.init))
    else:
        model = TriageModel.from_encoder(args.init, types, intents)
    if model.tags != SPAN_TAGS:
        try:
            model.extend_tags(SPAN_TAGS)          # a classifier or an older tagger: add the owed tag
        except ValueError as e:
            raise SystemExit(f"{args.init}: {e}")

    rows = [r for path in args.train for r in gold_rows(Path(path))]
    n_hand = len(rows)
    if args.generated:
        rows += random.Random(args.seed).sample(read_jsonl(Path(args.generated_file)), args.generated)
    data = encode(tok, rows, model.types, model.intents, SPAN_TAGS, args.max_length)
    log.info("%d hand-labelled + %d generated rows", n_hand, len(rows) - n_hand)

    head = [p for n, p in model.named_parameters() if n.startswith("tags_head.")]
    enc_params = [p for n, p in model.named_parameters() if n.startswith("encoder.")]
    opt = torch.optim.AdamW([{"params": enc_params, "lr": args.lr}, {"params": head, "lr": args.head_lr}],
                            weight_decay=0.01)
    total = math.ceil(len(rows) / args.batch_size) * args.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / max(1, int(0.06 * total))) * max(0.0, (total - s) / max(1, total)))
    state = {"epoch": 0, "history": [], "seconds": 0.0}
    ckpt = out / "checkpoint.pt"
    if args.resume and ckpt.exists():
        saved = torch.load(ckpt, weights_only=False)
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["optimizer"])
        sched.load_state_dict(saved["scheduler"])
        state = saved["state"]
        log.info("resumed after epoch %d", state["epoch"])
    (out / "config-spans.json").write_text(json.dumps({**vars(args), "hand_rows": n_hand,
                                                       "generated_rows": len(rows) - n_hand}, indent=1))
    ce = torch.nn.CrossEntropyLoss(ignore_index=-100)
    t_start = time.time() - state["seconds"]
    model.train()
    while state["epoch"] < args.epochs:
        order = torch.randperm(len(rows), generator=torch.Generator().manual_seed(args.seed + state["epoch"]))
        losses = []
        for b in batches(data, args.batch_size, order):
            o = model(b["input_ids"], b["attention_mask"])
            loss = ce(o["tags"].flatten(0, 1), b["tags"].flatten())
            optimizer_step(model, loss, opt, sched)
            losses.append(loss.item())
        state["epoch"] += 1
        state["seconds"] = time.time() - t_start
        rec = {"epoch": state["epoch"], "loss": round(sum(losses) / len(losses), 4), "seconds": round(state["seconds"], 1)}
        state["history"].append(rec)
        log.info("%s", rec)
        torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": sched.state_dict(), "state": state}, ckpt)
    for path in args.predict:
        prow = read_jsonl(Path(path))
        spans = predict_spans(model, tok, [normalise(r["text"]).text for r in prow], args.max_length)
        with open(out / f"spans-{Path(path).stem}.jsonl", "w", encoding="utf-8") as fh:
            for r, s in zip(prow, spans):
                fh.write(json.dumps({"id": r["id"], "spans": s}, ensure_ascii=False) + "\n")
    (out / "metrics.json").write_text(json.dumps(state, indent=1))
    if not args.no_save:
        model.save(out, tokenizer=tok, extra_meta={"trained_on": args.train, "init": args.init,
                                                   "generated_rows": len(rows) - n_hand})
    ckpt.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
