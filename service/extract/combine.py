"""Where rule spans and model spans meet: one policy per field.

A model with a token-classification head (the span tagger, or a BERT classifier's own tag head)
gives {field: [(start, end, confidence)]} in the normalised text. For each span field the policy
says how its best span and the rules' span combine:

- "rules": the rules alone;
- "fill": the rules' span where they found one, else the model's;
- "model-first": the model's span where it is sure (confidence >= threshold), else the rules'.

whether the model may veto a rule span (`veto`): where the model read the text, a rule span stands
only where the model tagged the field over it, at any confidence (on dev sets neither had seen, the
spans it drops are more often wrong than right: bench/results/span_tagger.md); and whether the
model's span is snapped onto the rule candidate it overlaps most (`snap`): a small tagger finds the
right organisation far more often than its exact first and last character, and the rules'
candidates (organisation names, the rules' own spans) have exact boundaries.

The policy of a tagger is measured, not assumed: `training.span_policy` scores every way and
threshold on held-out hand-written rows, and the chosen policy ships in the tagger's model.json
(`span_policy`). Without one, every field is "fill" at any confidence, unsnapped: a rule span
stands where the rules fire.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence, TypeVar

Candidate = TypeVar("Candidate")       # a span (start, end), or any answer a rule and a model both give

WAYS = ("rules", "fill", "model-first")


@dataclass(frozen=True)
class FieldPolicy:
    way: str = "fill"
    threshold: float = 0.0
    snap: bool = False
    veto: bool = False

    def __post_init__(self):
        if self.way not in WAYS:
            raise ValueError(f"span policy way {self.way!r}; known: {WAYS}")
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"span policy threshold {self.threshold} outside [0, 1]")


DEFAULT_POLICY = FieldPolicy()


def parse_policy(raw: Mapping[str, Mapping] | None) -> dict[str, FieldPolicy]:
    """{field: {"way", "threshold", "snap"}} as stored in model.json -> {field: FieldPolicy}."""
    return {f: FieldPolicy(**spec) for f, spec in (raw or {}).items()}


def merge_adjacent(spans: Sequence[Sequence[float]]) -> list[list[float]]:
    """Touching spans of one field are one span (a B tag predicted inside a name); the confidence
    of the merged span is the length-weighted mean."""
    out: list[list[float]] = []
    for span in sorted(tuple(s) for s in spans):
        s, e = span[0], span[1]
        p = span[2] if len(span) > 2 else 1.0
        if out and s <= out[-1][1]:
            ps, pe, pp = out[-1]
            out[-1] = [ps, max(pe, e), (pp * (pe - ps) + p * (e - s)) / ((pe - ps) + (e - s))]
        else:
            out.append([s, e, p])
    return out


def best_span(text: str, spans: Sequence[Sequence[float]], threshold: float) -> tuple[int, int] | None:
    """The model's most confident span of at least two characters (then the longest), moved to the
    first occurrence of its characters (as the rules and the gold sets count a name)."""
    cands = [c for c in merge_adjacent(spans)
             if c[2] >= threshold and c[1] - c[0] >= 2 and 0 <= c[0] < c[1] <= len(text) and text[int(c[0]):int(c[1])].strip()]
    if not cands:
        return None
    s, e, _ = max(cands, key=lambda c: (c[2], c[1] - c[0]))
    s, e = int(s), int(e)
    first = text.find(text[s:e])
    return first, first + e - s


def snap(span: tuple[int, int] | None, candidates: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The candidate that overlaps `span` most, or `span` itself where none overlaps it."""
    if span is None:
        return None
    best = max(candidates, key=lambda c: min(span[1], c[1]) - max(span[0], c[0]), default=None)
    if best is None or min(span[1], best[1]) - max(span[0], best[0]) <= 0:
        return span
    return best


def vetoed(rule: tuple[int, int] | None, spans: Sequence[Sequence[float]]) -> bool:
    """True where the model tagged none of the rule span's characters as the field."""
    return rule is not None and not any(s[0] < rule[1] and rule[0] < s[1] for s in spans)


def choose(way: str, rule: Candidate | None, model: Candidate | None) -> Candidate | None:
    """What a way keeps of the rules' answer and the model's (already thresholded) one: spans, and the
    owed total (`service.extract.owed_with_model`)."""
    if way == "rules":
        return rule
    if way == "fill":
        return rule or model
    if way == "model-first":
        return model or rule
    raise ValueError(way)
