"""Near-duplicate check between the training set and the hand-written gold sets.

    python -m training.near_dup corpora/train.jsonl corpora/gold/dev.jsonl corpora/gold/test.jsonl

For every gold text: the largest share of its distinct character 5-grams found in any
ONE training text (containment, in [0, 1]), and which training text that is. Texts are
compared after the service's normaliser (traditional -> simplified, full-width ->
half-width) with whitespace and punctuation removed, so a copy that only differs in
script or punctuation still counts as a copy.

It fails (exit 1) when a gold text's containment exceeds --threshold (default 0.5, strictly
greater) with at least --min-shared (default 8) shared 5-grams. Why these numbers:
  * 0.5: more than half of a gold text's 5-character sequences verbatim in a single
    synthetic text means the gold text's wording was (re)produced, not just its topic. Independently
    written texts on the same topic share stock phrases (市民来电反映, 拖欠工资, 诉求：请相关
    部门) and, measured on this project's sets, stay well below that (see corpora/README.md).
  * 8 shared 5-grams (a 12-character run at least): below that a "match" is a stock
    phrase or a very short question (婚假几天？) that any writer would produce; such
    short texts are reported, never failed.

Implementation: an inverted index over hashed 5-grams in numpy (sorted gram array plus
document ids), so a 32k-text training set against ~1,300 gold texts takes seconds.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from service.normalise import normalise

N = 5
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def canon(text: str) -> str:
    return _DROP.sub("", normalise(text).text)


def grams(text: str, n: int = N) -> set[str]:
    t = canon(text)
    if len(t) < n:
        return {t} if t else set()
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def _hash(g: str) -> int:
    # stable within a process; int64 keeps numpy happy
    return hash(g) & 0x7FFF_FFFF_FFFF_FFFF


class Index:
    """Inverted index: 5-gram hash -> ids of the training texts containing it."""

    def __init__(self, texts: list[str]):
        keys: list[np.ndarray] = []
        docs: list[np.ndarray] = []
        for i, t in enumerate(texts):
            gs = grams(t)
            if not gs:
                continue
            keys.append(np.fromiter((_hash(g) for g in gs), dtype=np.int64, count=len(gs)))
            docs.append(np.full(len(gs), i, dtype=np.int32))
        k = np.concatenate(keys) if keys else np.zeros(0, np.int64)
        d = np.concatenate(docs) if docs else np.zeros(0, np.int32)
        order = np.argsort(k, kind="stable")
        self.keys, self.docs, self.n = k[order], d[order], len(texts)

    def best(self, text: str) -> tuple[float, int, int, int]:
        """(containment, shared grams, gold grams, best training index) for one gold text."""
        gs = grams(text)
        if not gs or self.n == 0:
            return 0.0, 0, len(gs), -1
        h = np.fromiter((_hash(g) for g in gs), dtype=np.int64, count=len(gs))
        lo = np.searchsorted(self.keys, h, side="left")
        hi = np.searchsorted(self.keys, h, side="right")
        hits = [self.docs[a:b] for a, b in zip(lo, hi) if b > a]
        if not hits:
            return 0.0, 0, len(gs), -1
        counts = np.bincount(np.concatenate(hits), minlength=self.n)
        j = int(counts.argmax())
        shared = int(counts[j])
        return shared / len(gs), shared, len(gs), j


def read_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def check(train_rows: list[dict], gold_sets: dict[str, list[dict]], threshold: float = 0.5,
          min_shared: int = 8) -> tuple[list[dict], list[dict]]:
    """Per gold text: containment and best match; and the offending ones."""
    idx = Index([r["text"] for r in train_rows])
    report, bad = [], []
    for name, rows in gold_sets.items():
        for r in rows:
            c, shared, total, j = idx.best(r["text"])
            item = {"set": name, "id": r.get("id"), "containment": round(c, 4), "shared": shared, "grams": total,
                    "train_id": train_rows[j].get("id") if j >= 0 else None,
                    "text": r["text"], "train_text": train_rows[j]["text"] if j >= 0 else None}
            report.append(item)
            if c > threshold and shared >= min_shared:
                bad.append(item)
    return report, bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.near_dup", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train")
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--min-shared", type=int, default=8)
    ap.add_argument("--show", type=int, default=10, help="print this many highest-containment gold texts")
    ap.add_argument("--json", help="write the per-text report here (JSONL)")
    args = ap.parse_args(argv)
    t0 = time.time()
    train = read_jsonl(args.train)
    gold = {}
    for p in args.gold:
        if not Path(p).is_file():
            print(f"{p}: not found", file=sys.stderr)
            return 2
        gold[p] = read_jsonl(p)
    report, bad = check(train, gold, args.threshold, args.min_shared)
    cs = np.array([x["containment"] for x in report]) if report else np.zeros(1)
    print(f"{len(train)} training texts, {len(report)} gold texts, {time.time() - t0:.1f}s")
    print(f"max 5-gram containment per gold text: mean {cs.mean():.3f}  median {np.median(cs):.3f}  "
          f"p95 {np.quantile(cs, .95):.3f}  p99 {np.quantile(cs, .99):.3f}  max {cs.max():.3f}")
    for name in gold:
        sub = np.array([x["containment"] for x in report if x["set"] == name])
        print(f"  {name}: n={len(sub)}  mean {sub.mean():.3f}  max {sub.max():.3f}  > {args.threshold}: {(sub > args.threshold).sum()}")
    short = [x for x in report if x["containment"] > args.threshold and x["shared"] < args.min_shared]
    if short:
        print(f"{len(short)} short gold texts reach the threshold with fewer than {args.min_shared} shared 5-grams (reported, not failed):")
        for x in short[:args.show]:
            print(f"  {x['id']} {x['containment']:.2f} {x['text'][:40]!r} ~ {x['train_text'][:40]!r}")
    print(f"highest {args.show}:")
    for x in sorted(report, key=lambda x: -x["containment"])[:args.show]:
        print(f"  {x['id']} {x['containment']:.3f} ({x['shared']}/{x['grams']}) {x['text'][:50]!r}\n      ~ {x['train_id']} {str(x['train_text'])[:60]!r}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            for x in report:
                fh.write(json.dumps(x, ensure_ascii=False) + "\n")
    if bad:
        print(f"FAIL: {len(bad)} gold texts with containment > {args.threshold} and >= {args.min_shared} shared 5-grams")
        for x in bad[:50]:
            print(f"  {x['set']} {x['id']} {x['containment']:.3f}: {x['text'][:60]!r}\n      ~ {x['train_id']}: {str(x['train_text'])[:60]!r}")
        return 1
    print(f"OK: no gold text has containment above {args.threshold} (with >= {args.min_shared} shared 5-grams)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
