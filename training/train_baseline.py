"""Train the TF-IDF baseline: character n-grams + linear models for types, primary, intent.

    python -m training.train_baseline --train corpora/train.jsonl \
        --dev corpora/gold/dev.jsonl --out service/models/tfidf-baseline

Texts go through the service's own normaliser first, so training and serving see the
same characters. Per-label thresholds are tuned on --dev (gold dev; never gold test).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from service.classify import tune_thresholds
from service.labels import get_labels
from service.normalise import normalise
from training.corpus_rows import read_jsonl

log = logging.getLogger("train_baseline")


def _compact(model) -> None:
    """float32 weights: half the size on disk, same decisions to ~1e-7."""
    for est in getattr(model, "estimators_", [model]):
        if not hasattr(est, "coef_"):   # a label with no positive example gets a constant predictor
            continue
        est.coef_ = est.coef_.astype(np.float32)
        est.intercept_ = est.intercept_.astype(np.float32)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default="corpora/train.jsonl")
    ap.add_argument("--dev", default="corpora/gold/dev.jsonl", help="gold dev set for threshold tuning ('' to skip)")
    ap.add_argument("--out", default="service/models/tfidf-baseline")
    ap.add_argument("--max-features", type=int, default=60000)
    ap.add_argument("--ngram-max", type=int, default=3)
    ap.add_argument("--C", type=float, default=4.0)
    ap.add_argument("--version", default=time.strftime("%Y%m%d"))
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    log.info("config %s", json.dumps(vars(args), ensure_ascii=False))

    labels = get_labels()
    codes = labels.type_codes
    rows = read_jsonl(args.train)
    texts = [normalise(r["text"]).text for r in rows]
    Y = np.array([[int(c in r["types"]) for c in codes] for r in rows])
    t0 = time.time()
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, args.ngram_max), min_df=2,
                          max_features=args.max_features, sublinear_tf=True, dtype=np.float32)
    X = vec.fit_transform(texts)
    types = OneVsRestClassifier(LogisticRegression(C=args.C, solver="liblinear"), n_jobs=1).fit(X, Y)
    primary = LogisticRegression(C=args.C, max_iter=300).fit(X, [r["primary"] for r in rows])
    intent = LogisticRegression(C=args.C, max_iter=300).fit(X, [r["intent"] for r in rows])
    for m in (types, primary, intent):
        _compact(m)
    log.info("trained on %d rows, %d features in %.1fs", len(rows), X.shape[1], time.time() - t0)

    thresholds = {c: 0.5 for c in codes}
    if args.dev and Path(args.dev).is_file():
        dev = read_jsonl(args.dev)
        Xd = vec.transform([normalise(r["text"]).text for r in dev])
        Yd = np.array([[int(c in r["types"]) for c in codes] for r in dev])
        thresholds = tune_thresholds(Yd, types.predict_proba(Xd), codes)
        log.info("thresholds tuned on %s (%d rows): %s", args.dev, len(dev), thresholds)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump({"vectorizer": vec, "types": types, "primary": primary, "intent": intent,
                 "type_codes": codes}, out / "model.joblib", compress=3)
    train_hash = hashlib.sha256(Path(args.train).read_bytes()).hexdigest()[:12]
    meta = {"kind": "tfidf", "name": "tfidf-baseline", "version": args.version, "file": "model.joblib",
            "labels_version": labels.version, "trained_on": {"file": args.train, "rows": len(rows), "sha256_12": train_hash},
            "tuned_on": args.dev or None, "thresholds": thresholds, "review_margin": 0.15,
            "exclusive": sorted(labels.exclusive_types), "config": vars(args)}
    (out / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    log.info("wrote %s (%.1f MB)", out, (out / "model.joblib").stat().st_size / 1e6)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
