"""The corpus row: one labelled text in the gold-file shape of interface.md.

    {"id", "text", "types": [code], "primary", "intent",
     "flags": {flag: bool}, "priority",
     "entities": {"amounts": [{value, text, start, end, approx, kind}], "owed_total",
                  "workers", "workers_approx", "employer"|"contractor"|"project"|
                  "location"|"period": {text, start, end} | null, "sector",
                  "contacts": [{text, start, end, kind}]},
     "route": {"lead": dept, "assist": [dept]},
     "meta": {"register", "source", ...}}

`validate_row` checks a row against the taxonomy (used by the tests on every corpus
file); `locate` turns a hand-authored row, whose spans are plain strings, into that
shape by finding each span's offsets in the text.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from service.labels import Labels, get_labels
from service.route import RouteFacts, priority_of, route

SPAN_FIELDS = ("employer", "contractor", "project", "location", "period")
CONTACT_KINDS = ("phone", "landline", "id_number", "bank_card")
REGISTERS = ("work_order", "online_message", "petition", "one_liner", "narrative", "wechat", "asr")


def _span_ok(text: str, span: Any, where: str, errors: list[str]) -> None:
    if not isinstance(span, dict) or not {"text", "start", "end"} <= set(span):
        errors.append(f"{where}: span needs text/start/end, got {span!r}")
        return
    s, e = span["start"], span["end"]
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        errors.append(f"{where}: bad offsets {s}..{e}")
    elif text[s:e] != span["text"]:
        errors.append(f"{where}: text[{s}:{e}]={text[s:e]!r} != {span['text']!r}")


def validate_row(row: dict[str, Any], labels: Labels | None = None) -> list[str]:
    """Every way `row` disagrees with the taxonomy or its own text; empty when valid."""
    labels = labels or get_labels()
    errors: list[str] = []
    rid = row.get("id", "?")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return [f"{rid}: empty or missing text"]
    types = row.get("types") or []
    if not types:
        errors.append(f"{rid}: no types")
    for t in types:
        if t not in labels.types:
            errors.append(f"{rid}: unknown type {t!r}")
    if len(set(types)) != len(types):
        errors.append(f"{rid}: duplicate types")
    if set(types) & labels.exclusive_types and len(types) > 1:
        errors.append(f"{rid}: 'other' is exclusive but types are {types}")
    if row.get("primary") not in types:
        errors.append(f"{rid}: primary {row.get('primary')!r} not among types")
    if row.get("intent") not in labels.intents:
        errors.append(f"{rid}: unknown intent {row.get('intent')!r}")
    flags = row.get("flags") or {}
    if set(flags) != set(labels.flags) or not all(isinstance(v, bool) for v in flags.values()):
        errors.append(f"{rid}: flags must give a bool for each of {sorted(labels.flags)}")
    ents = row.get("entities") or {}
    if ents.get("sector") not in labels.sectors:
        errors.append(f"{rid}: unknown sector {ents.get('sector')!r}")
    for i, a in enumerate(ents.get("amounts") or []):
        _span_ok(text, a, f"{rid}: amounts[{i}]", errors)
        if a.get("kind") not in labels.amount_kinds:
            errors.append(f"{rid}: amounts[{i}] unknown kind {a.get('kind')!r}")
        if not isinstance(a.get("value"), (int, float)) or isinstance(a.get("value"), bool):
            errors.append(f"{rid}: amounts[{i}] value must be a number")
        if not isinstance(a.get("approx"), bool):
            errors.append(f"{rid}: amounts[{i}] approx must be a bool")
    for f in SPAN_FIELDS:
        if ents.get(f) is not None:
            _span_ok(text, ents[f], f"{rid}: {f}", errors)
    for i, c in enumerate(ents.get("contacts") or []):
        _span_ok(text, c, f"{rid}: contacts[{i}]", errors)
        if c.get("kind") not in CONTACT_KINDS:
            errors.append(f"{rid}: contacts[{i}] kind must be one of {CONTACT_KINDS}")
    w = ents.get("workers")
    if w is not None and (not isinstance(w, int) or isinstance(w, bool) or w < 1):
        errors.append(f"{rid}: workers must be a positive integer or null")
    ot = ents.get("owed_total")
    if ot is not None and (not isinstance(ot, (int, float)) or ot <= 0):
        errors.append(f"{rid}: owed_total must be a positive number or null")
    r = row.get("route") or {}
    if r.get("lead") not in labels.departments:
        errors.append(f"{rid}: unknown lead department {r.get('lead')!r}")
    for d in r.get("assist") or []:
        if d not in labels.departments:
            errors.append(f"{rid}: unknown assist department {d!r}")
    if row.get("priority") not in ("urgent", "high", "normal"):
        errors.append(f"{rid}: priority must be urgent/high/normal")
    return errors


def expected_route(row: dict[str, Any], labels: Labels | None = None) -> tuple[str, list[str], str]:
    """(lead, assists, priority) the routing table gives for a row's gold labels."""
    labels = labels or get_labels()
    on = frozenset(k for k, v in row["flags"].items() if v)
    facts = RouteFacts(tuple(row["types"]), row["primary"], on, row["entities"]["sector"], row["text"])
    r = route(labels, facts)
    return r.lead.code, [a.code for a in r.assist], priority_of(labels, row["types"], on)


def _find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    i = text.find(needle, after)
    if i < 0:
        i = text.find(needle)
    if i < 0:
        raise ValueError(f"span {needle!r} not found in text")
    return i, i + len(needle)


def locate(row: dict[str, Any], labels: Labels | None = None) -> dict[str, Any]:
    """Turn an authored row (spans as plain strings, flags maybe partial) into the gold shape.

    Amounts are located in order, each search starting after the previous amount, so
    a repeated figure gets the right occurrence when listed in text order.
    """
    labels = labels or get_labels()
    out = dict(row)
    ents = dict(row.get("entities") or {})
    text = row["text"]
    amounts, pos = [], 0
    for a in ents.get("amounts") or []:
        s, e = _find(text, a["text"], pos)
        pos = e
        amounts.append({"value": a["value"], "text": a["text"], "start": s, "end": e,
                        "approx": bool(a.get("approx", False)), "kind": a.get("kind", "other")})
    ents["amounts"] = amounts
    for f in SPAN_FIELDS:
        v = ents.get(f)
        if isinstance(v, str) and v:
            s, e = _find(text, v)
            ents[f] = {"text": v, "start": s, "end": e}
        elif not v:
            ents[f] = None
    contacts = []
    for c in ents.get("contacts") or []:
        c = {"text": c, "kind": "phone"} if isinstance(c, str) else c
        s, e = _find(text, c["text"])
        contacts.append({"text": c["text"], "start": s, "end": e, "kind": c.get("kind", "phone")})
    ents["contacts"] = contacts
    ents.setdefault("owed_total", None)
    ents.setdefault("workers", None)
    ents["workers_approx"] = bool(ents.get("workers_approx", False))
    ents.setdefault("sector", "unknown")
    out["entities"] = ents
    out["flags"] = {f: bool((row.get("flags") or {}).get(f, False)) for f in labels.flags}
    on = frozenset(k for k, v in out["flags"].items() if v)
    out["priority"] = priority_of(labels, out["types"], on)
    if "route" not in out:
        lead, assist, _ = expected_route(out, labels)
        out["route"] = {"lead": lead, "assist": assist}
    return out


# The hand-written gold sets, and what each may be used for (read, held_out, probe, test: roles.json says why)
AUTHORED_DIR = Path(__file__).resolve().parent.parent / "corpora" / "gold" / "authored"


def authored_roles() -> dict[str, str]:
    """{set name: role} from corpora/gold/authored/roles.json."""
    return json.loads((AUTHORED_DIR / "roles.json").read_text(encoding="utf-8"))["roles"]


def read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Convert authored JSONL to gold JSONL, or check a corpus file.

    python -m training.corpus_rows locate AUTHORED.jsonl OUT.jsonl
    python -m training.corpus_rows check FILE.jsonl [--routes]
    """
    ap = argparse.ArgumentParser(prog="python -m training.corpus_rows")
    sub = ap.add_subparsers(dest="cmd", required=True)
    lo = sub.add_parser("locate", help="authored rows -> gold rows with offsets")
    lo.add_argument("src")
    lo.add_argument("dst")
    ch = sub.add_parser("check", help="validate rows; --routes also compares gold routes with the table")
    ch.add_argument("src")
    ch.add_argument("--routes", action="store_true")
    args = ap.parse_args(argv)
    labels = get_labels()
    bad = 0
    if args.cmd == "locate":
        rows = []
        for n, row in enumerate(read_jsonl(args.src), 1):
            try:
                g = locate(row, labels)
            except (KeyError, ValueError, TypeError) as exc:
                print(f"line {n} ({row.get('id')}): {exc}", file=sys.stderr)
                bad += 1
                continue
            errs = validate_row(g, labels)
            for e in errs:
                print(e, file=sys.stderr)
            bad += bool(errs)
            rows.append(g)
        with open(args.dst, "w", encoding="utf-8") as fh:
            for g in rows:
                fh.write(json.dumps(g, ensure_ascii=False) + "\n")
        print(f"{len(rows)} rows written, {bad} with problems")
    else:
        for row in read_jsonl(args.src):
            errs = validate_row(row, labels)
            for e in errs:
                print(e)
            bad += bool(errs)
            if args.routes and not errs:
                lead, assist, prio = expected_route(row, labels)
                if lead != row["route"]["lead"] or set(assist) != set(row["route"].get("assist", [])):
                    print(f"{row['id']}: route {row['route']} but the table gives lead={lead} assist={assist}")
                    bad += 1
        print(f"{bad} problem rows")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
