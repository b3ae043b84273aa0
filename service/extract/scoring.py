"""Field scores of extracted entities against gold rows (`triage eval` prints them).

    field_scores(gold_rows, predicted) -> dict

`gold_rows` are gold-shape rows (training.corpus_rows: spans with offsets); `predicted`
is Entities.to_dict() for each row, in the same order. Scores:

- owed_total: exact value accuracy over the rows whose gold states one
- workers: exact accuracy over the rows whose gold states one (and workers_approx agreement)
- employer / contractor / project / location / period: span P/R/F1, exact start/end
- amounts: P/R/F1 on (value, start, end); contacts: P/R/F1 on (start, end, kind)
- pii_recall: share of gold contacts whose characters a predicted contact covers
- sector: accuracy

Run as a script on a corpus file to see the table and, with --errors, the misses:
    python -m service.extract.scoring corpora/gold/dev.jsonl [--errors FIELD]
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

SPAN_FIELDS = ("employer", "contractor", "project", "location", "period")


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn, "tp": tp, "fp": fp, "fn": fn}


def _key(s: dict | None) -> tuple[int, int] | None:
    if not s:
        return None
    return (s["start"], s["end"])


def _num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 0.5


def field_scores(gold_rows: list[dict], predicted: list[dict]) -> dict[str, Any]:
    if len(gold_rows) != len(predicted):
        raise ValueError(f"{len(gold_rows)} gold rows but {len(predicted)} predictions")
    out: dict[str, Any] = {"n": len(gold_rows)}
    # owed_total / workers
    ot = [(g["entities"].get("owed_total"), p.get("owed_total")) for g, p in zip(gold_rows, predicted)]
    stated = [(g, p) for g, p in ot if g is not None]
    out["owed_total"] = {"accuracy": sum(_num_eq(g, p) for g, p in stated) / len(stated) if stated else 0.0,
                         "support": len(stated),
                         "false_positive": sum(g is None and p is not None for g, p in ot)}
    wk = [(g["entities"], p) for g, p in zip(gold_rows, predicted)]
    stated_w = [(g, p) for g, p in wk if g.get("workers") is not None]
    out["workers"] = {"accuracy": sum(g["workers"] == p.get("workers") for g, p in stated_w) / len(stated_w) if stated_w else 0.0,
                      "approx_accuracy": (sum(bool(g.get("workers_approx")) == bool(p.get("workers_approx"))
                                              for g, p in stated_w if g["workers"] == p.get("workers"))
                                          / max(1, sum(g["workers"] == p.get("workers") for g, p in stated_w))),
                      "support": len(stated_w),
                      "false_positive": sum(g.get("workers") is None and p.get("workers") is not None for g, p in wk)}
    # spans
    for f in SPAN_FIELDS:
        tp = fp = fn = 0
        for g, p in zip(gold_rows, predicted):
            gk, pk = _key(g["entities"].get(f)), _key(p.get(f))
            if gk and pk and gk == pk:
                tp += 1
            else:
                fp += pk is not None
                fn += gk is not None
        out[f] = _prf(tp, fp, fn)
    # amounts
    tp = fp = fn = 0
    for g, p in zip(gold_rows, predicted):
        gs = {(round(float(a["value"]), 2), a["start"], a["end"]) for a in g["entities"].get("amounts") or []}
        ps = {(round(float(a["value"]), 2), a["start"], a["end"]) for a in p.get("amounts") or []}
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    out["amounts"] = _prf(tp, fp, fn)
    # contacts
    tp = fp = fn = 0
    covered = total = 0
    for g, p in zip(gold_rows, predicted):
        gc = g["entities"].get("contacts") or []
        pc = p.get("contacts") or []
        gs = {(c["start"], c["end"], c.get("kind")) for c in gc}
        ps = {(c["start"], c["end"], c.get("kind")) for c in pc}
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
        for c in gc:
            total += 1
            covered += any(q["start"] <= c["start"] and c["end"] <= q["end"] for q in pc)
    out["contacts"] = _prf(tp, fp, fn)
    out["pii_recall"] = {"recall": covered / total if total else 1.0, "support": total}
    out["sector"] = {"accuracy": sum(g["entities"].get("sector") == p.get("sector")
                                     for g, p in zip(gold_rows, predicted)) / (len(gold_rows) or 1),
                     "support": len(gold_rows)}
    return out


TARGETS = {"owed_total": 0.92, "workers": 0.92, "employer": 0.85, "contractor": 0.80, "project": 0.80,
           "location": 0.85, "pii_recall": 1.0}


def format_scores(s: dict[str, Any]) -> str:
    rows = ["| field | score | P | R | support | target |", "|---|---|---|---|---|---|"]

    def t(f):
        return f"≥ {TARGETS[f]:.2f}" if f in TARGETS else ""
    rows.append(f"| owed_total (exact) | {s['owed_total']['accuracy']:.3f} | | | {s['owed_total']['support']} | {t('owed_total')} |")
    rows.append(f"| workers (exact) | {s['workers']['accuracy']:.3f} | | | {s['workers']['support']} | {t('workers')} |")
    for f in SPAN_FIELDS + ("amounts", "contacts"):
        m = s[f]
        rows.append(f"| {f} (F1) | {m['f1']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} | {m['support']} | {t(f)} |")
    rows.append(f"| pii_recall | {s['pii_recall']['recall']:.3f} | | | {s['pii_recall']['support']} | {t('pii_recall')} |")
    rows.append(f"| sector (accuracy) | {s['sector']['accuracy']:.3f} | | | {s['sector']['support']} | |")
    return "\n".join(rows)


def load_gold(path: str) -> list[dict]:
    """Gold rows from a gold-shape or authored-shape JSONL (authored rows are located)."""
    from training.corpus_rows import locate, read_jsonl
    rows = []
    for r in read_jsonl(path):
        ents = r.get("entities") or {}
        authored = any(isinstance(ents.get(f), str) for f in SPAN_FIELDS) or \
            any("start" not in a for a in ents.get("amounts") or []) or \
            any(isinstance(c, str) or "start" not in c for c in ents.get("contacts") or [])
        if authored or "flags" not in r or any(not isinstance(v, bool) for v in (r.get("flags") or {}).values()):
            try:
                r = locate(r)
            except (KeyError, ValueError, TypeError) as exc:
                print(f"skip {r.get('id')}: {exc}", file=sys.stderr)
                continue
        rows.append(r)
    return rows


def predict(rows: list[dict]) -> list[dict]:
    from service.extract import extract
    from service.normalise import normalise
    return [extract(normalise(r["text"]).text).to_dict() for r in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m service.extract.scoring")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--errors", action="append", default=[], help="print misses of this field (repeatable)")
    args = ap.parse_args(argv)
    gold: list[dict] = []
    for f in args.files:
        gold.extend(load_gold(f))
    pred = predict(gold)
    print(format_scores(field_scores(gold, pred)))
    for f in args.errors:
        print(f"\n## misses: {f}")
        for g, p in zip(gold, pred):
            ge = g["entities"]
            if f in ("owed_total", "workers"):
                if ge.get(f) is not None and not _num_eq(ge.get(f), p.get(f)):
                    print(f"{g['id']}: gold {ge.get(f)} pred {p.get(f)} | {[(a['text'], a['kind']) for a in p['amounts']]}"
                          f" w={p.get('workers')} per={p.get('period') and p['period']['text']}\n    {g['text'][:160]}")
            elif f == "sector":
                if ge.get("sector") != p.get("sector"):
                    print(f"{g['id']}: gold {ge.get('sector')} pred {p.get('sector')} | {g['text'][:80]}")
            elif f in ("amounts", "contacts"):
                gs = {(a["text"], a["start"], a.get("value", a.get("kind"))) for a in ge.get(f) or []}
                ps = {(a["text"], a["start"], a.get("value", a.get("kind"))) for a in p.get(f) or []}
                if gs != ps:
                    print(f"{g['id']}: missed {sorted(gs - ps)} extra {sorted(ps - gs)}")
            else:
                gk, pk = ge.get(f), p.get(f)
                if _key(gk) != _key(pk):
                    print(f"{g['id']}: gold {gk and gk['text']!r} pred {pk and pk['text']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
