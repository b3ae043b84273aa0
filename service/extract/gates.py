"""Field gates: statistical checks on what the rules extracted.

    gates = load_gates()                         # {field: Gate}; {} where turned off
    gates["owed_total"].says_none(owed_total_features(text, amounts, total, derived, source, workers))
    gates["workers"].says_none(workers_features(text, heads, workers, approx))

The rules find a sum worded as owed, or a count of people, in many texts that state no owed
total or no headcount of affected workers at all:
- a loan collector's claim (还说我欠四千多);
- a fine (罚款五千元);
- a gym's prepaid card;
- compensation asked for a dismissal;
- a plant's four hundred staff in a safety report;
- the hundred households of a neighbour's complaint.

Word lists (`_not_wages`, `writer_is_customer`) catch the plain cases. The rest differ in how the
whole text reads, not in the words next to the figure.

A gate is a logistic model over two things:
- the text's character bigrams;
- what the field's answer rests on: the amount or count, its left and right context, and how the
  rules reached it.

Where it says "none" with probability >= its threshold, `extract` drops the field's answer and keeps
it, with that probability, in `Entities.gated` (`entities.gated` in a result). A gate never adds an
answer and never changes one.

Gates are trained by `training/train_gate.py` on the read gold sets, on the answers of the rules
and the shipped span tagger. A new tagger changes those answers: retrain the gates with it. Their
measured effect is in `bench/results/gates.md`.
"""
from __future__ import annotations

import json
import logging
import math
import os
import re
from dataclasses import dataclass, field as dataclass_field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

from service.extract.amounts import ARREARS, Amount
from service.normalise import CLAUSE_PUNCT

FIELDS = ("owed_total", "workers")
DEFAULT_GATES_DIR = Path(__file__).resolve().parent.parent / "models" / "gates"
GATES_ENV = "TRIAGE_GATES_DIR"       # a folder of <field>.json gates; "none" turns them off

log = logging.getLogger("triage.gates")
_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")      # same length: the offsets hold
_CLAUSE_SPLIT = re.compile(f"[{CLAUSE_PUNCT}]")


def _bigrams(s: str, prefix: str) -> set[str]:
    return {prefix + s[i:i + 2] for i in range(len(s) - 1)}


def _text_and_context(text: str, span: tuple[int, int] | None) -> set[str]:
    """The whole text's bigrams, and those of the eight characters left of `span` (cut at a clause mark)
    and of the four after it. Digits 1-9 read as 0, so that no phone number, ID or sum in digits becomes
    a feature; numerals in characters (三千) stay, as words do."""
    text = text.translate(_DIGITS_AS_ZERO)
    if span is None:
        return _bigrams(text, "T:")
    left = _CLAUSE_SPLIT.split(text[max(0, span[0] - 8):span[0]])[-1]
    return _bigrams(text, "T:") | _bigrams(left, "L:") | _bigrams(text[span[1]:span[1] + 4], "R:")


def owed_total_features(text: str, amounts: Sequence[Amount], total: float, derived: bool,
                        source: str | None, workers: int | None) -> set[str]:
    """What the owed-total gate reads: the text, and the amount the total comes from (if one has its value)."""
    feats = {f"source={source}", f"derived={derived}", f"n_amounts={min(len(amounts), 4)}",
             f"workers={workers is not None}", f"arrears={ARREARS.search(text) is not None}"}
    under = next((a for a in amounts if abs(a.value - total) < 0.5), None)
    if under is None:
        return feats | _text_and_context(text, None) | {"amount=none"}
    return feats | _text_and_context(text, (under.start, under.end)) | {f"kind={under.kind}", f"cue={under.cue}", f"rate={under.rate}"}


def workers_features(text: str, heads: Sequence[tuple], workers: int, approx: bool) -> set[str]:
    """What the headcount gate reads: the text, and the count the headcount comes from (`find_headcounts`
    tuples: value, approx, start, end, is a firm's size), if one has its value."""
    feats = {f"workers={min(workers, 20)}", f"approx={approx}"}
    head = next((h for h in heads if h[0] == workers), None)
    if head is None:
        return feats | _text_and_context(text, None) | {"head=none"}
    return feats | _text_and_context(text, (head[2], head[3])) | {f"size={head[4]}"}


@dataclass(frozen=True)
class Gate:
    field: str
    weights: Mapping[str, float] = dataclass_field(repr=False)
    bias: float = 0.0
    threshold: float = 0.5
    version: str = ""
    # the pipeline (classifier + span tagger) whose answers it was trained on; "" where not known
    trained_with: str = ""

    def __post_init__(self):
        if self.field not in FIELDS:
            raise ValueError(f"a gate for {self.field!r}; gates exist for {', '.join(FIELDS)}")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"a gate's threshold is a probability in (0, 1], not {self.threshold}")
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))   # shared by every pipeline: read-only

    def p_none(self, features: set[str]) -> float:
        """Probability that the text states no answer for the field."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)         # the same, without overflow for a very negative z
        return e / (1.0 + e)

    def says_none(self, features: set[str]) -> bool:
        return self.p_none(features) >= self.threshold

    def to_json(self) -> dict:
        return {"field": self.field, "version": self.version, "threshold": self.threshold, "bias": self.bias,
                "weights": dict(sorted(self.weights.items())), "trained_with": self.trained_with}

    @classmethod
    def from_json(cls, obj: Mapping) -> "Gate":
        try:
            return cls(field=str(obj["field"]), weights={str(k): float(v) for k, v in obj["weights"].items()},
                       bias=float(obj["bias"]), threshold=float(obj["threshold"]), version=str(obj["version"]),
                       trained_with=str(obj.get("trained_with", "")))
        except (KeyError, TypeError, AttributeError) as e:
            raise ValueError(f"not a field gate: {e!r}") from e


def load_gates(directory: Path | str | None = None) -> dict[str, Gate]:
    """The gates in `directory` (default: TRIAGE_GATES_DIR, else the shipped ones), one `<field>.json`
    each, by field; {} where they are turned off ("none"). A folder named explicitly must hold at least one."""
    chosen = directory if directory is not None else os.environ.get(GATES_ENV)
    if chosen is not None and str(chosen).strip().lower() in ("", "none", "off"):
        return {}
    folder = Path(chosen) if chosen else DEFAULT_GATES_DIR
    if chosen is not None and not folder.is_dir():
        raise ValueError(f"{folder}: {'not a folder' if folder.exists() else 'no such folder'}; "
                         f"{GATES_ENV} names a folder of <field>.json gates, or none")
    gates = {}
    for f in FIELDS:
        path = folder / f"{f}.json"
        if not path.is_file():
            log.warning("no %s gate in %s: that field's answers go unchecked", f, folder)
            continue
        gate = _load_cached(str(path.resolve()), path.stat().st_mtime_ns)
        if gate.field != f:
            raise ValueError(f"{path}: a gate for {gate.field!r} in the file of the {f!r} gate")
        gates[f] = gate
    if chosen is not None and not gates:
        raise ValueError(f"{folder}: no gate in it ({', '.join(f + '.json' for f in FIELDS)})")
    return gates


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> Gate:
    # keyed on the file's modification time too: a gate rewritten in place is read again
    try:
        with open(path, encoding="utf-8") as f:
            return Gate.from_json(json.load(f))
    except (ValueError, OSError) as e:
        raise ValueError(f"{path}: {e}") from e
