"""Classification stage: violation types (multi-label), primary type and intent.

Every model sits behind `Classifier`: it scores texts; `decide` turns scores into the
answer with the per-label thresholds that ship with the model, so a statistical model
and any later one share the same decision rules. A model lives in a directory whose
`model.json` says its kind; `load_classifier` dispatches on it.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models" / "tfidf-baseline"


@dataclass(frozen=True)
class Scores:
    """Raw model output for one text; every dict covers every code of its kind."""
    types: dict[str, float]
    primary: dict[str, float]
    intent: dict[str, float]


@dataclass(frozen=True)
class Classification:
    types: list[tuple[str, float]]       # passing types, best first; never empty
    primary: str
    intent: tuple[str, float]
    needs_review: bool
    review_reason: str | None = None
    all_scores: dict[str, float] = field(default_factory=dict)


class Classifier(Protocol):
    name: str
    version: str

    def score(self, texts: Sequence[str]) -> list[Scores]:
        """Scores for a batch of normalised texts."""
        ...

    def classify(self, texts: Sequence[str]) -> list[Classification]:
        ...


@dataclass(frozen=True)
class DecisionRules:
    thresholds: dict[str, float]          # per type; default 0.5
    review_margin: float = 0.15           # primary top-two closer than this -> needs_review
    exclusive: frozenset[str] = frozenset({"other"})

    @classmethod
    def from_meta(cls, meta: dict) -> "DecisionRules":
        return cls(thresholds=dict(meta.get("thresholds", {})),
                   review_margin=float(meta.get("review_margin", 0.15)),
                   exclusive=frozenset(meta.get("exclusive", ["other"])))


def decide(scores: Scores, rules: DecisionRules) -> Classification:
    """Scores -> types, primary, intent and needs_review, the same for every model."""
    passing = {c: s for c, s in scores.types.items() if s >= rules.thresholds.get(c, 0.5)}
    ranked_primary = sorted(scores.primary.items(), key=lambda kv: -kv[1])
    primary, p1 = ranked_primary[0]
    p2 = ranked_primary[1][1] if len(ranked_primary) > 1 else 0.0
    reason = None
    if not passing:
        reason = "no type passed its threshold"
    elif p1 - p2 < rules.review_margin:
        reason = f"top two primary candidates are close ({p1:.2f} vs {p2:.2f})"
    # The primary head decides the main type; the multi-label head adds the others.
    passing.setdefault(primary, scores.types.get(primary, p1))
    if primary in rules.exclusive:
        passing = {primary: passing[primary]}
    else:
        passing = {c: s for c, s in passing.items() if c not in rules.exclusive}
    types = sorted(passing.items(), key=lambda kv: (kv[0] != primary, -kv[1]))
    intent = max(scores.intent.items(), key=lambda kv: kv[1])
    return Classification(types=types, primary=primary, intent=intent,
                          needs_review=reason is not None, review_reason=reason,
                          all_scores=dict(scores.types))


class TfidfClassifier:
    """Character n-gram TF-IDF + linear models: the baseline every model is compared with."""

    kind = "tfidf"

    def __init__(self, model_dir: Path):
        import joblib  # deferred: only this model kind needs it

        self.model_dir = Path(model_dir)
        self.meta = json.loads((self.model_dir / "model.json").read_text(encoding="utf-8"))
        bundle = joblib.load(self.model_dir / self.meta["file"])
        self.vectorizer = bundle["vectorizer"]
        self.types_model = bundle["types"]          # one-vs-rest, predict_proba per type
        self.primary_model = bundle["primary"]      # multinomial
        self.intent_model = bundle["intent"]        # multinomial
        self.type_codes: list[str] = bundle["type_codes"]
        self.rules = DecisionRules.from_meta(self.meta)
        self.name = self.meta["name"]
        self.version = self.meta["version"]

    def score(self, texts: Sequence[str]) -> list[Scores]:
        X = self.vectorizer.transform(list(texts))
        tp = self.types_model.predict_proba(X)
        pp = self.primary_model.predict_proba(X)
        ip = self.intent_model.predict_proba(X)
        pc, ic = list(self.primary_model.classes_), list(self.intent_model.classes_)
        out = []
        for i in range(len(texts)):
            prim = dict.fromkeys(self.type_codes, 0.0)
            prim.update({c: float(v) for c, v in zip(pc, pp[i])})
            out.append(Scores(types={c: float(v) for c, v in zip(self.type_codes, tp[i])},
                              primary=prim,
                              intent={c: float(v) for c, v in zip(ic, ip[i])}))
        return out

    def classify(self, texts: Sequence[str]) -> list[Classification]:
        return [decide(s, self.rules) for s in self.score(texts)]


MODEL_KINDS = {"tfidf": TfidfClassifier}


def load_classifier(model_dir: Path | str | None = None) -> Classifier:
    """Load the model in `model_dir` (default: TRIAGE_MODEL_DIR, else the shipped model)."""
    model_dir = Path(model_dir or os.environ.get("TRIAGE_MODEL_DIR") or DEFAULT_MODEL_DIR)
    meta_path = model_dir / "model.json"
    if not meta_path.is_file():
        raise FileNotFoundError(f"{model_dir}: no model.json; not a triage model directory")
    kind = json.loads(meta_path.read_text(encoding="utf-8")).get("kind")
    if kind not in MODEL_KINDS:
        raise ValueError(f"{meta_path}: unknown model kind {kind!r}; known: {sorted(MODEL_KINDS)}")
    return MODEL_KINDS[kind](model_dir)


def tune_thresholds(y_true: np.ndarray, y_score: np.ndarray, codes: Sequence[str],
                    grid: Sequence[float] = tuple(np.arange(0.1, 0.91, 0.05))) -> dict[str, float]:
    """Per-label threshold maximising F1 on a tuning set (labels absent from it keep 0.5)."""
    out = {}
    for j, code in enumerate(codes):
        if y_true[:, j].sum() == 0:
            out[code] = 0.5
            continue
        best, best_f1 = 0.5, -1.0
        for t in grid:
            pred = y_score[:, j] >= t
            tp = float((pred & (y_true[:, j] == 1)).sum())
            f1 = 2 * tp / (pred.sum() + y_true[:, j].sum()) if tp else 0.0
            if f1 > best_f1 + 1e-9:
                best, best_f1 = float(round(t, 2)), f1
        out[code] = best
    return out
