"""How far a second annotator agrees with gold test on the extraction fields the targets are set on.

    python bench/annotator_agreement.py [--second corpora/gold/agreement/test-second.jsonl]

Six annotators who had never seen the gold labels, the service or its rules re-labelled every text of
gold test (owed_total, workers, employer, contractor, project) from the texts alone and the conventions
the gold authors wrote to (the authoring brief's conventions, taxonomy.md). Their labels are scored
exactly as `triage eval` scores the service (`service.extract.scoring.field_scores`, spans at their first
occurrence), so the numbers say how much of the targets' gap a careful reader closes: where the service
falls short of a second annotator, the gold conventions are not the limit. Writes
bench/results/annotator_agreement.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.extract.scoring import TARGETS, field_scores, load_gold  # noqa: E402

FIELDS = ("owed_total", "workers", "employer", "contractor", "project")


def second_as_predictions(gold: list[dict], second: dict[str, dict]) -> list[dict]:
    """The second annotator's labels in the shape `field_scores` reads; a span is its first occurrence."""
    out = []
    for g in gold:
        r = second[g["id"]]
        p = {"owed_total": r.get("owed_total"), "workers": r.get("workers"),
             "workers_approx": r.get("workers_approx"), "amounts": [], "contacts": [], "sector": None,
             "location": None, "period": None}
        for f in ("employer", "contractor", "project"):
            v = r.get(f)
            p[f] = {"text": v, "start": g["text"].index(v), "end": g["text"].index(v) + len(v)} \
                if v and v in g["text"] else None
        out.append(p)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "corpora/gold/test.jsonl"))
    ap.add_argument("--second", default=str(ROOT / "corpora/gold/agreement/test-second.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "bench/results/annotator_agreement.md"))
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    second = {r["id"]: r for r in map(json.loads, Path(args.second).read_text(encoding="utf-8").splitlines())}
    missing = [g["id"] for g in gold if g["id"] not in second]
    if missing:
        raise SystemExit(f"{len(missing)} gold rows have no second label, e.g. {missing[:3]}")
    s = field_scores(gold, second_as_predictions(gold, second))
    lines = [f"| {f} | {s[f]['accuracy']:.3f} | {s[f]['support']} | {TARGETS[f]} |" if f in ("owed_total", "workers")
             else f"| {f} (span F1) | {s[f]['f1']:.3f} | {s[f]['support']} | {TARGETS[f]} |" for f in FIELDS]
    table = "| field | second annotator vs gold | gold support | target |\n|---|---|---|---|\n" + "\n".join(lines)
    print(table)
    head = Path(args.out).read_text(encoding="utf-8").split("<!-- table -->")[0] if Path(args.out).exists() else ""
    Path(args.out).write_text((head or "# Annotator agreement on gold test\n\n") + "<!-- table -->\n"
                              + f"Run {dt.date.today()} on {Path(args.gold).name} ({len(gold)} rows).\n\n" + table + "\n",
                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
