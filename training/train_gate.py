"""Train a field gate (`service/extract/gates.py`) on the read gold sets.

    python -m training.train_gate --field owed_total --C 3 --threshold 0.8 --out service/models/gates/owed_total.json
    python -m training.train_gate --field workers --cv 5 --C 1 3 10    # set-grouped cross-validation only

Each text of the sets goes through the served pipeline without gates (classifier, span tagger,
rules). Where the rules give an answer for the field, the gate learns whether the gold row
states one at all.

Texts are grouped by set for cross-validation, since one author writes a set and their texts are
alike. The answers depend on the shipped span tagger: retrain the gates when it changes. A run
takes about 30 seconds on two cores, most of it in the pipeline.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from service.extract import Entities, extract
from service.extract.gates import FIELDS, Gate, owed_total_features, workers_features
from service.extract.people import find_headcounts
from service.extract.scoring import load_gold
from service.normalise import normalise
from service.pipeline import Pipeline
from training.corpus_rows import AUTHORED_DIR as AUTHORED, authored_roles

log = logging.getLogger("train_gate")


def features(field: str, text: str, e: Entities) -> set[str] | None:
    """The gate's features for the pipeline's answer in `e` (as `extract` computes them), or None where
    there is no answer for the field."""
    if field == "owed_total":
        if e.owed_total is None:
            return None
        return owed_total_features(text, e.amounts, e.owed_total, e.owed_total_derived, e.owed_total_source, e.workers)
    if e.workers is None:
        return None
    heads = find_headcounts(text, [(c.start, c.end) for c in e.contacts] + [(a.start, a.end) for a in e.amounts])
    return workers_features(text, heads, e.workers, e.workers_approx)


def answers(pipeline: Pipeline, field: str, rows: list[dict], reference_date: dt.date) -> list[tuple[set[str], bool, bool]]:
    """(gate features, gold states no answer, the answer is the gold one) for each row where the
    pipeline without gates answers for `field`."""
    out = []
    norms = [normalise(r["text"]) for r in rows]
    classes = pipeline.classifier.classify([n.text for n in norms])
    spans, policy = pipeline.model_spans([n.text for n in norms], classes)
    for r, n, sp in zip(rows, norms, spans):
        e = extract(n.text, reference_date=reference_date, model_spans=sp, span_policy=policy)
        feats = features(field, n.text, e)
        if feats is None:
            continue
        gold, got = r["entities"].get(field), getattr(e, field)
        out.append((feats, gold is None, gold is not None and abs(float(gold) - got) < 0.5))
    return out


def fit(feats: list[set[str]], none: list[bool], C: float) -> tuple[dict[str, float], float]:
    """Logistic regression on binary features: (weights by feature, bias)."""
    vocab: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            vocab.setdefault(f, len(vocab))
    X = _matrix(feats, vocab)
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(X, np.array(none, dtype=int))
    w = model.coef_[0]
    return {f: float(w[i]) for f, i in vocab.items()}, float(model.intercept_[0])


def folds(groups: list[str], k: int, seed: int = 0) -> list[set[str]]:
    """K held-out parts of the distinct `groups` (set names), shuffled with `seed`: a set's texts are never
    on both sides of a fold, since one author writes a set and their texts are alike."""
    order = sorted(set(groups))
    np.random.default_rng(seed).shuffle(order)
    return [set(order[i::k]) for i in range(k)]


def _matrix(feats: list[set[str]], vocab: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    for i, fs in enumerate(feats):
        for f in fs:
            if f in vocab:
                rows.append(i)
                cols.append(vocab[f])
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--field", choices=FIELDS, required=True)
    ap.add_argument("--sets", nargs="+", help="authored sets to train on (default: every set whose role is read)")
    ap.add_argument("--out", type=Path, help="where to write the gate (JSON)")
    ap.add_argument("--C", type=float, nargs="+", default=[1.0],
                    help="inverse L2 strength of the logistic regression; --cv reports each, --out uses the first")
    ap.add_argument("--threshold", type=float, default=0.5, help="P(no answer) from which the gate drops the field's answer")
    ap.add_argument("--cv", type=int, default=0, help="report K-fold cross-validation, folds by set")
    ap.add_argument("--reference-date", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    ap.add_argument("--min-weight", type=float, default=1e-3, help="weights smaller than this are left out of the file")
    ap.add_argument("--version", default=time.strftime("%Y%m%d.%H%M"), help="default: the date and minute")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if not args.out and not args.cv:
        ap.error("nothing to do: give --out, --cv or both")

    roles = authored_roles()
    names = args.sets or [n for n, r in sorted(roles.items()) if r == "read"]
    if any(roles.get(n) not in ("read", "probe") for n in names):
        ap.error("a gate trains only on read or probe sets, never on test or held-out ones "
                 "(corpora/gold/authored/roles.json)")
    if args.cv == 1 or args.cv < 0:
        ap.error("--cv needs at least 2 folds")
    if not 0.0 < args.threshold <= 1.0:
        ap.error("--threshold is a probability in (0, 1]")
    pipeline = Pipeline(gates={})
    data: list[tuple[str, set[str], bool, bool]] = []
    for name in names:
        rows = load_gold(str(AUTHORED / f"{name}.jsonl"))
        data += [(name, *a) for a in answers(pipeline, args.field, rows, args.reference_date)]
        log.info("%s: %d rows, %d answers so far", name, len(rows), len(data))
    if len({d[2] for d in data}) < 2:
        ap.error(f"the sets give {len(data)} {args.field} answers, {'all' if data and data[0][2] else 'none'} of them "
                 "where gold states none: a gate needs both to learn from")

    for C in args.C if args.cv else ():
        p_none = np.zeros(len(data))
        for held in folds([d[0] for d in data], args.cv):
            train = [d for d in data if d[0] not in held]
            w, b = fit([d[1] for d in train], [d[2] for d in train], C)
            gate = Gate(args.field, w, b, args.threshold, "cv")
            for i, d in enumerate(data):
                if d[0] in held:
                    p_none[i] = gate.p_none(d[1])
        false = sum(d[2] for d in data)
        right = sum(d[3] for d in data)
        print(f"{args.field}: {len(data)} answers, {right} right, {false} where gold states none (C={C})")
        print("| threshold | false answers removed | right answers lost |\n|---|---|---|")
        for t in (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3):
            sel = [d for d, p in zip(data, p_none) if p >= t]
            print(f"| {t} | {sum(d[2] for d in sel)} | {sum(d[3] for d in sel)} |")

    if args.out:
        w, b = fit([d[1] for d in data], [d[2] for d in data], args.C[0])
        kept = {f: round(v, 4) for f, v in w.items() if abs(v) >= args.min_weight}
        gate = Gate(args.field, kept, round(b, 4), args.threshold, args.version, trained_with=pipeline.model_info["version"])
        obj = gate.to_json() | {"trained_on": {"sets": names, "answers": len(data), "C": args.C[0]}}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(obj, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        log.info("wrote %s: %d of %d weights", args.out, len(kept), len(w))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
