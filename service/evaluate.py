"""Scoring against gold files (interface.md's gold shape): what `triage eval` prints.

Types: per-label precision/recall/F1 and macro-F1 over the labels present in gold;
primary and intent accuracy; flags P/R/F1; priority and routing accuracy; each
extracted field (service.extract.scoring); and the same headline numbers per slice
(meta.slices: no_keyword, traditional, asr, multi_type, hard) and per register.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Sequence

from service.pipeline import Item, Pipeline


def _codes(values: Iterable[Any]) -> set[str]:
    return {v["code"] if isinstance(v, dict) else v for v in values}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": tp + fn}


def _gold_flags(row: dict) -> set[str]:
    return {k for k, v in (row.get("flags") or {}).items() if (v["value"] if isinstance(v, dict) else v)}


def _headline(gold: Sequence[dict], pred: Sequence[dict], codes: Sequence[str]) -> dict[str, Any]:
    counts = {c: [0, 0, 0] for c in codes}
    for g, p in zip(gold, pred):
        gt, pt = _codes(g["types"]), _codes(p["types"])
        for c in codes:
            counts[c][0] += c in gt and c in pt
            counts[c][1] += c not in gt and c in pt
            counts[c][2] += c in gt and c not in pt
    per_label = {c: _prf(*counts[c]) for c in codes}
    present = [c for c in codes if per_label[c]["support"]]
    n = len(gold) or 1
    lead = lambda r: r["route"]["lead"]["code"] if isinstance(r["route"]["lead"], dict) else r["route"]["lead"]
    return {
        "n": len(gold),
        "types": per_label,
        "macro_f1": sum(per_label[c]["f1"] for c in present) / (len(present) or 1),
        "primary_accuracy": sum(g["primary"] == p["primary"] for g, p in zip(gold, pred)) / n,
        "intent_accuracy": sum((g["intent"]["code"] if isinstance(g["intent"], dict) else g["intent"]) == p["intent"]["code"]
                               for g, p in zip(gold, pred)) / n,
        "lead_accuracy": sum(lead(g) == lead(p) for g, p in zip(gold, pred)) / n,
        "route_exact": sum(lead(g) == lead(p) and _codes(g["route"].get("assist", [])) == _codes(p["route"]["assist"])
                           for g, p in zip(gold, pred)) / n,
        "priority_accuracy": sum(g.get("priority") == p["priority"] for g, p in zip(gold, pred)) / n,
        "needs_review_rate": sum(p["needs_review"] for p in pred) / n,
    }


def evaluate(pipeline: Pipeline, gold: Sequence[dict], chunk_size: int = 64) -> dict[str, Any]:
    from service.extract.scoring import field_scores

    pred: list[dict] = []
    for i in range(0, len(gold), chunk_size):
        chunk = gold[i:i + chunk_size]
        results = pipeline.triage_many([Item(r["text"], r.get("id")) for r in chunk])
        pred.extend(r.model_dump(mode="json") for r in results)
    codes = pipeline.labels.type_codes
    report = _headline(gold, pred, codes)
    flag_counts = {f: [0, 0, 0] for f in pipeline.labels.flags}
    for g, p in zip(gold, pred):
        gf, pf = _gold_flags(g), {k for k, v in p["flags"].items() if v["value"]}
        for f in flag_counts:
            flag_counts[f][0] += f in gf and f in pf
            flag_counts[f][1] += f not in gf and f in pf
            flag_counts[f][2] += f in gf and f not in pf
    report["flags"] = {f: _prf(*c) for f, c in flag_counts.items()}
    report["fields"] = field_scores(list(gold), [p["entities"] for p in pred])
    groups: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        meta = g.get("meta") or {}
        for s in meta.get("slices") or []:
            groups[f"slice:{s}"].append(i)
        if meta.get("register"):
            groups[f"register:{meta['register']}"].append(i)
    report["slices"] = {}
    for name, idx in sorted(groups.items()):
        h = _headline([gold[i] for i in idx], [pred[i] for i in idx], codes)
        report["slices"][name] = {k: h[k] for k in ("n", "macro_f1", "primary_accuracy", "lead_accuracy")}
    report["model"] = pipeline.model_info
    return report


def format_report(report: dict[str, Any]) -> str:
    """The report as Markdown tables."""
    out = [f"model: {report['model']['name']} {report['model']['version']} · labels {report['model']['labels_version']} · {report['n']} texts", ""]
    out += ["| type | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for c, m in report["types"].items():
        out.append(f"| {c} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    out += ["", "| overall | value |", "|---|---|"]
    for k in ("macro_f1", "primary_accuracy", "intent_accuracy", "lead_accuracy", "route_exact", "priority_accuracy", "needs_review_rate"):
        out.append(f"| {k} | {report[k]:.3f} |")
    out += ["", "| flag | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for f, m in report["flags"].items():
        out.append(f"| {f} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    out += ["", "| field | metric | value | n |", "|---|---|---|---|"]
    for f, m in report["fields"].items():
        if not isinstance(m, dict):                 # a single number (e.g. a row count)
            out.append(f"| {f} | value | {m} | |")
            continue
        for k, v in m.items():
            if k not in ("n", "support", "tp", "fp", "fn") and isinstance(v, (int, float)) and not isinstance(v, bool):
                out.append(f"| {f} | {k} | {v:.3f} | {m.get('n', m.get('support', ''))} |")
    if report["slices"]:
        out += ["", "| slice | n | macro-F1 | primary acc | lead acc |", "|---|---|---|---|---|"]
        for s, m in report["slices"].items():
            out.append(f"| {s} | {m['n']} | {m['macro_f1']:.3f} | {m['primary_accuracy']:.3f} | {m['lead_accuracy']:.3f} |")
    return "\n".join(out)
