"""Build the synthetic training set: a seeded, reproducible, composition-based generator.

    python -m training.build_corpus --seed 20261122 --n 32000 --out corpora/train.jsonl

Same seed and n => byte-identical file (row i depends only on the seed and i). The logic
lives in training/corpus/ (parties and places, numbers, frames per type, registers,
noise, composition); this is only the command line.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from training.corpus.compose import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.build_corpus", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--n", type=int, default=32000)
    ap.add_argument("--out", default="corpora/train.jsonl")
    ap.add_argument("--check", action="store_true", help="validate every row (validate_row) while writing")
    args = ap.parse_args(argv)
    t0 = time.time()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    labels = None
    if args.check:
        from service.labels import get_labels
        from training.corpus_rows import validate_row
        labels = get_labels()
    bad = 0
    tmp = out.with_suffix(out.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for row in generate(args.seed, args.n):
            if labels is not None:
                errs = validate_row(row, labels)
                for e in errs:
                    print(e, file=sys.stderr)
                bad += bool(errs)
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(out)
    print(f"{args.n} rows -> {out} in {time.time() - t0:.1f}s" + (f", {bad} invalid" if args.check else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
