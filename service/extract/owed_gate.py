"""Owed-total gate: a statistical check on the rules' owed total.

    gate = load_owed_gate()                     # the shipped gate, or None where turned off
    gate.p_none(gate_features(text, amounts, total, derived, source, workers)) -> float

The rules find a sum worded as owed in many texts that state no wages owed at all: a loan
collector's claim (还说我欠四千多), a fine (罚款五千元), a gym's prepaid card, compensation asked
for a dismissal. Word lists (`_not_wages`, `writer_is_customer`) catch the plain cases; the
rest differ in how the whole text reads, not in the words before the sum. The gate is a
logistic model over the text's character bigrams and what the rules' answer rests on (the
amount's kind and cue, its left and right context, derived or not, rule or tagger). Where it
says "no owed total" with probability >= its threshold, `extract` drops the total.

It is trained by `training/train_owed_gate.py` on the read gold sets, on the answers of the
rules and the shipped span tagger (a new tagger changes the answers: retrain the gate with
it). Its measured effect is in `bench/results/owed_gate.md`.
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

from service.extract.amounts import ARREARS, Amount
from service.normalise import CLAUSE_PUNCT

DEFAULT_GATE_PATH = Path(__file__).resolve().parent.parent / "models" / "owed-gate" / "gate.json"
OWED_GATE_ENV = "TRIAGE_OWED_GATE"       # a gate file; "none" turns the gate off

_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")      # same length: the amounts' offsets hold
_CLAUSE_SPLIT = re.compile(f"[{CLAUSE_PUNCT}]")


def _bigrams(s: str, prefix: str) -> set[str]:
    return {prefix + s[i:i + 2] for i in range(len(s) - 1)}


def gate_features(text: str, amounts: Sequence[Amount], total: float, derived: bool,
                  source: str | None, workers: int | None) -> set[str]:
    """What the gate reads: the whole text's character bigrams (digits as 0, so that no sum or
    phone number becomes a feature), and what the answer rests on."""
    text = text.translate(_DIGITS_AS_ZERO)
    feats = _bigrams(text, "T:")
    feats |= {f"source={source}", f"derived={derived}", f"n_amounts={min(len(amounts), 4)}",
              f"workers={workers is not None}", f"arrears={ARREARS.search(text) is not None}"}
    under = next((a for a in amounts if abs(a.value - total) < 0.5), None)
    if under is None:
        feats.add("amount=none")
    else:
        left = _CLAUSE_SPLIT.split(text[max(0, under.start - 8):under.start])[-1]
        feats |= {f"kind={under.kind}", f"cue={under.cue}", f"rate={under.rate}"}
        feats |= _bigrams(left, "L:") | _bigrams(text[under.end:under.end + 4], "R:")
    return feats


@dataclass(frozen=True)
class OwedGate:
    weights: Mapping[str, float]
    bias: float
    threshold: float
    version: str

    def p_none(self, features: set[str]) -> float:
        """Probability that the text states no owed total."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z))

    def says_none(self, features: set[str]) -> bool:
        return self.p_none(features) >= self.threshold

    def to_json(self) -> dict:
        return {"version": self.version, "threshold": self.threshold, "bias": self.bias,
                "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, obj: Mapping) -> "OwedGate":
        try:
            return cls(weights={str(k): float(v) for k, v in obj["weights"].items()}, bias=float(obj["bias"]),
                       threshold=float(obj["threshold"]), version=str(obj["version"]))
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise ValueError(f"not an owed gate: {e!r}") from e


def load_owed_gate(path: Path | str | None = None) -> OwedGate | None:
    """The gate in `path` (default: TRIAGE_OWED_GATE, else the shipped one); None where it is turned
    off ("none") or the default is not installed."""
    chosen = path if path is not None else os.environ.get(OWED_GATE_ENV)
    if chosen is not None and str(chosen).strip().lower() in ("", "none", "off"):
        return None
    p = Path(chosen) if chosen else DEFAULT_GATE_PATH
    if chosen is None and not p.is_file():
        return None
    return _load_cached(str(p.resolve()))


@lru_cache(maxsize=4)
def _load_cached(path: str) -> OwedGate:
    with open(path, encoding="utf-8") as f:
        return OwedGate.from_json(json.load(f))
