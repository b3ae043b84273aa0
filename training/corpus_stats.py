"""Counts of a corpus file as Markdown: labels, intents, flags, sectors, registers, slices,
routes and extracted fields.

    python -m training.corpus_stats corpora/train.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from service.labels import get_labels


def _table(title: str, counter: Counter, order: list[str] | None = None, total: int | None = None,
           extra: dict[str, Counter] | None = None) -> list[str]:
    keys = order if order is not None else [k for k, _ in counter.most_common()]
    cols = ["", "rows"] + (["%"] if total else []) + list(extra or {})
    out = [f"**{title}**", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for k in keys:
        row = [f"`{k}`", str(counter.get(k, 0))]
        if total:
            row.append(f"{100 * counter.get(k, 0) / total:.1f}")
        for c in (extra or {}).values():
            row.append(str(c.get(k, 0)))
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    return out


def stats(rows: list[dict]) -> str:
    labels = get_labels()
    n = len(rows)
    types, primary, intents, flags, sectors = Counter(), Counter(), Counter(), Counter(), Counter()
    registers, slices, prio, lead, assist, origin = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
    fields, kinds, ckinds = Counter(), Counter(), Counter()
    lens: dict[str, list[int]] = {}
    n_types = Counter()
    for r in rows:
        for t in r["types"]:
            types[t] += 1
        primary[r["primary"]] += 1
        n_types[len(r["types"])] += 1
        intents[r["intent"]] += 1
        for f, v in r["flags"].items():
            flags[f] += bool(v)
        e = r["entities"]
        sectors[e["sector"]] += 1
        meta = r.get("meta") or {}
        reg = meta.get("register", "?")
        registers[reg] += 1
        lens.setdefault(reg, []).append(len(r["text"]))
        for s in meta.get("slices") or []:
            slices[s] += 1
        origin[meta.get("origin", "composed")] += 1
        prio[r["priority"]] += 1
        lead[r["route"]["lead"]] += 1
        for d in r["route"].get("assist") or []:
            assist[d] += 1
        if e["amounts"]:
            fields["amounts (rows with any)"] += 1
        fields["amounts (mentions)"] += len(e["amounts"])
        for a in e["amounts"]:
            kinds[a["kind"]] += 1
            fields["amounts approx"] += bool(a["approx"])
        for f in ("owed_total", "workers"):
            fields[f] += e.get(f) is not None
        fields["workers_approx"] += bool(e.get("workers_approx"))
        for f in ("employer", "contractor", "project", "location", "period"):
            fields[f] += e.get(f) is not None
        if e["contacts"]:
            fields["contacts (rows with any)"] += 1
        for c in e["contacts"]:
            ckinds[c["kind"]] += 1
    texts = len({r["text"] for r in rows})
    out = [f"{n} rows, {texts} distinct texts; {n_types[1]} single-type, {n - n_types[1]} multi-type "
           f"({', '.join(f'{k} types: {v}' for k, v in sorted(n_types.items()) if k > 1)}).", ""]
    out += _table("Types (any label / primary)", types, list(labels.types), n, {"primary": primary})
    out += _table("Intents", intents, list(labels.intents), n)
    out += _table("Flags (true)", flags, list(labels.flags), n)
    out += _table("Priority", prio, ["urgent", "high", "normal"], n)
    out += _table("Sectors", sectors, list(labels.sectors), n)
    reg_len = Counter({k: round(sum(v) / len(v)) for k, v in lens.items()})
    out += _table("Registers (with mean length in characters)", registers,
                  [r for r in ("work_order", "online_message", "petition", "one_liner", "narrative", "wechat", "asr") if r in registers]
                  + [r for r in registers if r not in ("work_order", "online_message", "petition", "one_liner", "narrative", "wechat", "asr")],
                  n, {"mean chars": reg_len})
    out += _table("Slices", slices, ["no_keyword", "traditional", "asr", "multi_type", "hard"], n)
    if len(origin) > 1:
        out += _table("Origin", origin, None, n)
    out += _table("Departments (lead / assist)", lead, list(labels.departments), None, {"assist": assist})
    out += _table("Extracted fields (rows with the field set, or mentions)", fields,
                  ["amounts (rows with any)", "amounts (mentions)", "amounts approx", "owed_total", "workers", "workers_approx",
                   "employer", "contractor", "project", "location", "period", "contacts (rows with any)"], n)
    out += _table("Amount kinds (mentions)", kinds, list(labels.amount_kinds))
    out += _table("Contact kinds (mentions)", ckinds, ["phone", "landline", "id_number", "bank_card"])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.corpus_stats")
    ap.add_argument("file")
    args = ap.parse_args(argv)
    with open(args.file, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    print(stats(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
