"""Compare encoder candidates on gold dev and test from their saved predictions.

    python -m training.compare --run "(b) pretrained=runs/ft-b" --run "(a) e5=runs/ft-e5" \
        --baseline service/models/tfidf-baseline --out bench/results/encoder_comparison.md

Each run folder holds pred-dev.npz and pred-test.npz written by training.finetune (the
probabilities of the types, primary and intent heads). Every candidate gets the same
treatment as the served model: per-type thresholds tuned on dev (tune_thresholds), then
`decide` (service.classify) on dev and test. Test is never used for any choice.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from service.classify import DecisionRules, Scores, decide, load_classifier, tune_thresholds
from service.labels import get_labels
from service.normalise import normalise
from training.corpus_rows import read_jsonl


def scores_from_npz(path: Path) -> tuple[list[str], list[Scores]]:
    z = np.load(path)
    types, intents = list(z["types_order"]), list(z["intents_order"])
    out = [Scores(types=dict(zip(types, map(float, t))), primary=dict(zip(types, map(float, p))),
                  intent=dict(zip(intents, map(float, i))))
           for t, p, i in zip(z["types"], z["primary"], z["intent"])]
    return list(z["ids"]), out


def metrics(rows: list[dict], scores: list[Scores], rules: DecisionRules, codes: list[str]) -> dict:
    preds = [decide(s, rules) for s in scores]
    f1s = []
    for c in codes:
        tp = sum(c in r["types"] and c in {t for t, _ in p.types} for r, p in zip(rows, preds))
        npred = sum(c in {t for t, _ in p.types} for p in preds)
        ngold = sum(c in r["types"] for r in rows)
        if ngold:
            f1s.append(2 * tp / (npred + ngold))
    return {"macro_f1": float(np.mean(f1s)),
            "primary_accuracy": float(np.mean([r["primary"] == p.primary for r, p in zip(rows, preds)])),
            "intent_accuracy": float(np.mean([r["intent"] == p.intent[0] for r, p in zip(rows, preds)]))}


def evaluate_scores(dev_rows, dev_scores, test_rows, test_scores, codes) -> dict:
    y = np.array([[c in r["types"] for c in codes] for r in dev_rows], dtype=int)
    s = np.array([[sc.types[c] for c in codes] for sc in dev_scores])
    rules = DecisionRules(thresholds=tune_thresholds(y, s, codes))
    out = {"dev": metrics(dev_rows, dev_scores, rules, codes), "test": metrics(test_rows, test_scores, rules, codes)}
    nk = [i for i, r in enumerate(test_rows) if "no_keyword" in (r.get("meta") or {}).get("slices", [])]
    out["test"]["no_keyword_macro_f1"] = metrics([test_rows[i] for i in nk], [test_scores[i] for i in nk],
                                                 rules, codes)["macro_f1"] if nk else None
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.compare", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", action="append", default=[], help="LABEL=RUN_DIR (with pred-dev.npz, pred-test.npz)")
    ap.add_argument("--baseline", help="a served model directory scored directly (e.g. the TF-IDF baseline)")
    ap.add_argument("--dev", default="corpora/gold/dev.jsonl")
    ap.add_argument("--test", default="corpora/gold/test.jsonl")
    ap.add_argument("--out", help="write the table (markdown) here as well")
    args = ap.parse_args(argv)
    codes = get_labels().type_codes
    dev_rows, test_rows = read_jsonl(Path(args.dev)), read_jsonl(Path(args.test))
    results = {}
    for spec in args.run:
        label, run_dir = spec.rsplit("=", 1)
        by_set = {}
        for name, rows in (("dev", dev_rows), ("test", test_rows)):
            ids, scores = scores_from_npz(Path(run_dir) / f"pred-{name}.npz")
            assert ids == [r["id"] for r in rows], f"{run_dir}: predictions are not for {name} as it is now"
            by_set[name] = scores
        results[label] = evaluate_scores(dev_rows, by_set["dev"], test_rows, by_set["test"], codes)
    if args.baseline:
        clf = load_classifier(Path(args.baseline))
        sc = {name: clf.score([normalise(r["text"]).text for r in rows])
              for name, rows in (("dev", dev_rows), ("test", test_rows))}
        results[f"TF-IDF baseline ({Path(args.baseline).name})"] = evaluate_scores(
            dev_rows, sc["dev"], test_rows, sc["test"], codes)
    lines = ["| candidate | dev macro-F1 | dev primary | test macro-F1 | test primary | test intent | test no-keyword macro-F1 |",
             "|---|---|---|---|---|---|---|"]
    for label, r in results.items():
        nk = r["test"]["no_keyword_macro_f1"]
        lines.append(f"| {label} | {r['dev']['macro_f1']:.3f} | {r['dev']['primary_accuracy']:.3f} | "
                     f"{r['test']['macro_f1']:.3f} | {r['test']['primary_accuracy']:.3f} | "
                     f"{r['test']['intent_accuracy']:.3f} | {'-' if nk is None else f'{nk:.3f}'} |")
    table = "\n".join(lines)
    print(table)
    if args.out:
        Path(args.out).write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
