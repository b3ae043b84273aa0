"""`triage diff OLD NEW`: what moved between two runs over the same items.

Inputs are batch result files (JSONL, CSV or Parquet) or stored runs (`run:RUN_ID`,
read from the database). Items are matched by `id` (by row position when rows carry
no id). The report counts changes of primary type, lead department and priority,
gives the confusion table of old vs new primary type and samples of changed items,
and is written as diff.md, changed.csv and diff.png into the output folder.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from service.batch.formats import read_rows

COMPARED = ("primary", "lead", "priority")


@dataclass(frozen=True)
class Outcome:
    key: str
    text: str
    primary: str | None
    lead: str | None
    priority: str | None
    model: str | None


def _outcome(key: str, row: dict[str, Any]) -> Outcome:
    res = row.get("result")
    if res is None and row.get("result_json"):
        res = json.loads(row["result_json"])
    text = str(row.get("text") or "")
    if not res:
        return Outcome(key, text, None, None, None, None)
    return Outcome(key, text, res["primary"], res["route"]["lead"]["code"], res["priority"],
                   f"{res['model']['name']} {res['model']['version']}")


def load_outcomes(source: str, db_url: str | None = None) -> dict[str, Outcome]:
    rows: Iterator[dict[str, Any]]
    if source.startswith("run:"):
        from service.store import Store

        if not db_url:
            raise ValueError("reading a stored run needs a database URL (--db)")
        records = Store(db_url).records(run_id=source[4:])
        if not records:
            raise ValueError(f"no stored rows for {source}")
        rows = ({"id": r.item_id if r.item_id is not None else f"#{r.row_index}", "text": r.text,
                 "result": r.result} for r in records)
    else:
        rows = read_rows(Path(source))
    out: dict[str, Outcome] = {}
    for n, row in enumerate(rows):
        key = str(row["id"]) if row.get("id") not in (None, "") else f"#{n}"
        out[key] = _outcome(key, row)
    return out


def diff_runs(old: dict[str, Outcome], new: dict[str, Outcome], samples: int = 20) -> dict[str, Any]:
    common = [k for k in old if k in new]
    changed = {f: [k for k in common if getattr(old[k], f) != getattr(new[k], f)] for f in COMPARED}
    any_changed = [k for k in common if any(getattr(old[k], f) != getattr(new[k], f) for f in COMPARED)]
    confusion = Counter((old[k].primary, new[k].primary) for k in common)
    return {
        "items": len(common), "only_old": len(set(old) - set(new)), "only_new": len(set(new) - set(old)),
        "changed": {f: len(v) for f, v in changed.items()}, "changed_any": len(any_changed),
        "confusion": {f"{a} -> {b}": n for (a, b), n in sorted(confusion.items(), key=lambda kv: -kv[1])},
        "confusion_pairs": confusion,
        "changed_keys": any_changed,
        "samples": [{"id": k, "text": old[k].text[:80], **{f"old_{f}": getattr(old[k], f) for f in COMPARED},
                     **{f"new_{f}": getattr(new[k], f) for f in COMPARED}} for k in any_changed[:samples]],
        "models": {"old": Counter(o.model for o in old.values()).most_common(1)[0][0] if old else None,
                   "new": Counter(o.model for o in new.values()).most_common(1)[0][0] if new else None},
    }


def _markdown(report: dict[str, Any]) -> str:
    n = report["items"] or 1
    lines = ["# Reclassification diff", "",
             f"old model: {report['models']['old']} · new model: {report['models']['new']}", "",
             f"{report['items']} items in both runs ({report['only_old']} only in old, {report['only_new']} only in new).", "",
             "| changed | items | share |", "|---|---|---|"]
    for f, c in report["changed"].items():
        lines.append(f"| {f} | {c} | {c / n:.1%} |")
    lines.append(f"| any of them | {report['changed_any']} | {report['changed_any'] / n:.1%} |")
    pairs = report["confusion_pairs"]
    types = sorted({a for a, _ in pairs} | {b for _, b in pairs}, key=lambda t: str(t))
    lines += ["", "## Primary type: old (rows) vs new (columns)", "",
              "| old \\ new | " + " | ".join(map(str, types)) + " |", "|---" * (len(types) + 1) + "|"]
    for a in types:
        lines.append(f"| {a} | " + " | ".join(str(pairs.get((a, b), "")) for b in types) + " |")
    lines += ["", "## Samples of changed items", "", "| id | text | primary | lead | priority |", "|---|---|---|---|---|"]
    for s in report["samples"]:
        cell = lambda f: s[f"old_{f}"] if s[f"old_{f}"] == s[f"new_{f}"] else f"{s[f'old_{f}']} → {s[f'new_{f}']}"
        lines.append(f"| {s['id']} | {s['text'].replace('|', '/')} | {cell('primary')} | {cell('lead')} | {cell('priority')} |")
    return "\n".join(lines) + "\n"


def _chart(report: dict[str, Any], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    moved = Counter()
    for (a, b), c in report["confusion_pairs"].items():
        if a != b:
            moved[f"{a}→{b}"] += c
    top = moved.most_common(15)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5), gridspec_kw={"width_ratios": [1, 2.2]})
    ax1.bar(list(report["changed"]), list(report["changed"].values()), color="#4a7ab5")
    ax1.set_title(f"items changed (of {report['items']})")
    ax2.barh([k for k, _ in top][::-1] or ["(none)"], [v for _, v in top][::-1] or [0], color="#c0504d")
    ax2.set_title("largest primary-type moves")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(report: dict[str, Any], out_dir: Path, old: dict[str, Outcome], new: dict[str, Outcome]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    md, csv_path, png = out_dir / "diff.md", out_dir / "changed.csv", out_dir / "diff.png"
    md.write_text(_markdown(report), encoding="utf-8")
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", *(f"old_{f}" for f in COMPARED), *(f"new_{f}" for f in COMPARED)])
        for k in report["changed_keys"]:
            w.writerow([k, old[k].text, *(getattr(old[k], f) for f in COMPARED), *(getattr(new[k], f) for f in COMPARED)])
    _chart(report, png)
    return [md, csv_path, png]
