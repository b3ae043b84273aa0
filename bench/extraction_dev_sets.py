"""Extraction of the served pipeline on every authored gold set, by role.

    .venv/bin/python bench/extraction_dev_sets.py                      # every read, held-out and probe set
    .venv/bin/python bench/extraction_dev_sets.py --role held_out      # the sets no rule was written from
    .venv/bin/python bench/extraction_dev_sets.py --sets dev-q dev-w --out /tmp/q_w.md

The pipeline is the one `triage serve` runs (classifier, span tagger, rules); scores are those of
`triage eval` (`service.extract.scoring`): owed_total and workers exact over the rows whose gold states
one, false owed totals where gold states none, employer / contractor / project / location span F1 with
exact offsets. Each role ends with its micro scores (all its rows pooled).

A set's role (corpora/gold/authored/roles.json) says what its numbers are evidence of: `held_out` sets were
never read, so they show how the rules carry to unseen text; `read` and `probe` sets were read to write
rules. The test set is left out: `triage eval corpora/gold/test.jsonl` scores it.

Gold rows carry no work-order date, so open ranges (3月起至今) are counted up to `--reference-date`
(fixed by default, so that a run next year gives the same numbers).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.extract.scoring import field_scores, load_gold  # noqa: E402
from service.pipeline import Item, Pipeline  # noqa: E402
from training.corpus_rows import AUTHORED_DIR as AUTHORED, authored_roles  # noqa: E402

ROLES_ORDER = ("held_out", "read", "probe")
SPANS = ("employer", "contractor", "project", "location")


def predict(pipeline: Pipeline, rows: list[dict], reference_date: dt.date, chunk: int = 64) -> list[dict]:
    out: list[dict] = []
    for i in range(0, len(rows), chunk):
        items = [Item(r["text"], r.get("id"), reference_date) for r in rows[i:i + chunk]]
        out.extend(r.entities.model_dump(mode="json") for r in pipeline.triage_many(items))
    return out


def table_row(name: str, s: dict) -> str:
    o, w = s["owed_total"], s["workers"]
    right = round(o["accuracy"] * o["support"])
    return (f"| {name} | {s['n']} | {o['support']} | {o['accuracy']:.3f} ({right}) | {o['false_positive']} | "
            f"{w['accuracy']:.3f} | {w['false_positive']} | " + " | ".join(f"{s[f]['f1']:.3f}" for f in SPANS) + " |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench/extraction_dev_sets.py")
    ap.add_argument("--role", choices=ROLES_ORDER, action="append", help="only the sets of this role (repeatable)")
    ap.add_argument("--sets", nargs="+", help="only these sets (dev-q dev-w ...)")
    ap.add_argument("--reference-date", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    ap.add_argument("--out", type=Path, help="also write the tables here (markdown)")
    args = ap.parse_args(argv)

    roles = authored_roles()
    wanted = args.role or list(ROLES_ORDER)
    names = args.sets or [n for n, r in sorted(roles.items()) if r in wanted]
    unknown = [n for n in names if n not in roles or roles[n] == "test"]
    if unknown:
        ap.error(f"not an authored dev set: {', '.join(unknown)} (see {AUTHORED / 'roles.json'})")

    t0 = time.perf_counter()
    pipeline = Pipeline()
    lines = [f"Served pipeline {pipeline.model_info['version']}, reference date {args.reference_date}.", ""]
    header = ["| set | rows | owed stated | owed_total exact | false owed totals | workers exact | false headcounts | "
              + " | ".join(SPANS) + " |", "|---" * 11 + "|"]
    for role in ROLES_ORDER:
        sets = [n for n in names if roles[n] == role]
        if not sets:
            continue
        lines += [f"## {role} ({len(sets)} sets)", ""] + header
        pooled_gold: list[dict] = []
        pooled_pred: list[dict] = []
        for name in sets:
            gold = load_gold(str(AUTHORED / f"{name}.jsonl"))
            pred = predict(pipeline, gold, args.reference_date)
            lines.append(table_row(name, field_scores(gold, pred)))
            pooled_gold += gold
            pooled_pred += pred
        lines += [table_row(f"**all {role}**", field_scores(pooled_gold, pooled_pred)), ""]
    lines.append(f"{time.perf_counter() - t0:.0f} s on this machine.")
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
