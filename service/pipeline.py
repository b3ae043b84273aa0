"""The triage pipeline: normalise → classify → extract → flag → route → store.

One direction, one place. The API, the CLI, batch runs and evaluation all call
`Pipeline.triage_many`; each stage is a module with a small interface.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, Mapping, Protocol, Sequence

from service.classify import Classification, Classifier, OnnxClassifier, load_classifier, load_span_tagger
from service.extract import extract
from service.extract.gates import FIELDS as GATE_FIELDS, Gate, load_gates
from service.flags import Flagger
from service.labels import Labels, get_labels
from service.normalise import normalise
from service.route import RouteFacts, priority_of, route
from service.schemas import TriageResult

log = logging.getLogger("triage.pipeline")


class InvalidInput(ValueError):
    """An item the pipeline refuses; `field` names what is wrong for the caller."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Item:
    text: Any
    id: str | None = None
    reference_date: dt.date | None = None


class ResultSink(Protocol):
    """The store stage: receives every triaged item with its input."""

    def save(self, items: Sequence[Item], results: Sequence[TriageResult], **context: Any) -> None: ...


def _original_spans(obj: Any, original: str) -> Any:
    """Give every span the original characters behind its offsets (found in normalised text)."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and "text" in obj:
            obj["text"] = original[obj["start"]:obj["end"]]
        for v in obj.values():
            _original_spans(v, original)
    elif isinstance(obj, list):
        for v in obj:
            _original_spans(v, original)
    return obj


_DEFAULT = object()


class Pipeline:
    def __init__(self, labels: Labels | None = None, classifier: Classifier | None = None,
                 flagger: Flagger | None = None, store: ResultSink | None = None,
                 max_text_chars: int = 20000, span_tagger: OnnxClassifier | None | object = _DEFAULT,
                 gates: Mapping[str, Gate] | None | object = _DEFAULT):
        self.labels = labels or get_labels()
        self.classifier = classifier or load_classifier()
        # The tagger whose spans extraction combines with its rules; None: the classifier's own tag
        # spans, if it has any (default: the shipped tagger, or TRIAGE_SPAN_TAGGER_DIR).
        self.span_tagger = load_span_tagger() if span_tagger is _DEFAULT else span_tagger
        # The checks on the rules' owed total and headcount (default: the shipped gates, or those in
        # TRIAGE_GATES_DIR; None or {}: off).
        self.gates = dict(load_gates() if gates is _DEFAULT else gates or {})
        for f, gate in self.gates.items():
            if gate.field != f:
                raise ValueError(f"the {gate.field!r} gate given as the {f!r} gate")
            if gate.trained_with and gate.trained_with != self._models_version():
                # its features include the answers of these models: retrain it (training/train_gate.py)
                log.warning("the %s gate was trained with %s, not %s", f, gate.trained_with, self._models_version())
        self.flagger = flagger or Flagger(self.labels)
        self.store = store
        self.max_text_chars = max_text_chars

    def _models_version(self) -> str:
        # The spans depend on the span tagger too: its name and version ride in `version`
        # (the interface fixes the three keys), so a stored result says what produced it.
        version = self.classifier.version
        if self.span_tagger is not None:
            version += f"+{self.span_tagger.name}.{self.span_tagger.version}"
        return version

    @property
    def model_info(self) -> dict[str, str]:
        version = self._models_version()
        # Gates: "+gates.V" when every field has one and they share a version (the column is 100 characters)
        versions = {gate.version for gate in self.gates.values()}
        if set(self.gates) == set(GATE_FIELDS) and len(versions) == 1:
            version += f"+gates.{versions.pop()}"
        else:
            version += "".join(f"+{f}-gate.{gate.version}" for f, gate in sorted(self.gates.items()))
        return {"name": self.classifier.name, "version": version, "labels_version": self.labels.version}

    def check(self, item: Item, field: str = "text") -> None:
        """Raise InvalidInput unless the item can be triaged."""
        if not isinstance(item.text, str):
            raise InvalidInput(field, f"must be a string, got {type(item.text).__name__}")
        if len(item.text) > self.max_text_chars:
            raise InvalidInput(field, f"is {len(item.text)} characters; the limit is {self.max_text_chars}")
        if not normalise(item.text).text.strip():
            raise InvalidInput(field, "is empty or only whitespace/control characters")

    def triage(self, text: str, id: str | None = None, reference_date: dt.date | None = None,
               **context: Any) -> TriageResult:
        return self.triage_many([Item(text, id, reference_date)], **context)[0]

    def model_spans(self, texts: Sequence[str], classes: Sequence[Classification]) -> tuple[list[dict | None], Any]:
        """The model spans extraction combines with its rules, one per normalised text (None where no
        model read it), and the policy they meet the rules by."""
        if self.span_tagger is None:
            return [c.spans for c in classes], getattr(self.classifier, "span_policy", None)
        # Employers, contractors and projects belong to violation reports: the tagger reads only
        # texts where the classifier finds a violation type (a quarter to a third of traffic is
        # service questions and other matters; on dev-h/i/j skipping them lost nothing).
        kinds = self.labels.type_kinds
        wanted = [i for i, c in enumerate(classes) if any(kinds.get(code) == "violation" for code, _ in c.types)]
        # None where the tagger did not read the text: its silence there vetoes nothing
        tagged: list[dict | None] = [None for _ in texts]
        for i, scores in zip(wanted, self.span_tagger.score([texts[i] for i in wanted])):
            tagged[i] = scores.spans
        return tagged, self.span_tagger.span_policy

    def triage_many(self, items: Sequence[Item], **context: Any) -> list[TriageResult]:
        """Triage valid items (call `check` first); classification runs as one batch."""
        for item in items:
            self.check(item)
        norms = [normalise(item.text) for item in items]
        classes = self.classifier.classify([n.text for n in norms])
        tagged, policy = self.model_spans([n.text for n in norms], classes)
        results = []
        for item, norm, cls, spans in zip(items, norms, classes, tagged):
            ents = extract(norm.text, reference_date=item.reference_date, model_spans=spans, span_policy=policy,
                           gates=self.gates)
            entities = _original_spans(ents.to_dict(), norm.original)
            flags = self.flagger.flag(norm.text, norm.original, ents.workers)
            on = frozenset(c for c, f in flags.items() if f.value)
            types = [c for c, _ in cls.types]
            facts = RouteFacts(tuple(types), cls.primary, on, ents.sector, norm.text)
            r = route(self.labels, facts)
            results.append(TriageResult.model_validate({
                "id": item.id,
                "types": [{"code": c, "name": self.labels.types[c].name, "score": round(s, 4)} for c, s in cls.types],
                "primary": cls.primary,
                "intent": {"code": cls.intent[0], "name": self.labels.intents[cls.intent[0]].name,
                           "score": round(cls.intent[1], 4)},
                "needs_review": cls.needs_review,
                "review_reason": cls.review_reason,
                "flags": {c: {"value": f.value, "evidence": vars(f.evidence) if f.evidence else None}
                          for c, f in flags.items()},
                "priority": priority_of(self.labels, types, on),
                "entities": entities,
                "route": {"lead": vars(r.lead), "assist": [vars(a) for a in r.assist]},
                "model": self.model_info,
            }))
        if self.store is not None:
            try:
                self.store.save(items, results, **context)
            except Exception:  # noqa: BLE001 - the caller still gets the answer; the failure is logged
                log.exception("store failed for %d item(s)", len(items))
        return results
