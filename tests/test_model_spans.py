"""Model spans travel explicitly: classifier Scores.spans -> Classification.spans -> the pipeline ->
extract(model_spans=...) -> combine_spans, and every span in the answer says which produced it.
Without a span tagger (span_tagger=None) the classifier's own spans are used, with the default
policy: they fill the fields the rules leave empty."""
from __future__ import annotations

from dataclasses import replace

from service.classify import Classification, decide, load_classifier
from service.pipeline import Pipeline


class SpanStub:
    """The shipped baseline's scores plus fixed model spans (as a tagging head would give)."""

    def __init__(self, spans: dict):
        self.inner = load_classifier()
        self.name, self.version = "span-stub", "0"
        self.spans = spans

    def score(self, texts):
        return [replace(s, spans=self.spans) for s in self.inner.score(texts)]

    def classify(self, texts) -> list[Classification]:
        return [decide(s, self.inner.rules) for s in self.score(texts)]


def test_decide_carries_spans():
    c = SpanStub({"employer": [(4, 7)]}).classify(["我在一家小作坊干活，老板欠我钱"])[0]
    assert c.spans == {"employer": [(4, 7)]}


def test_model_span_fills_an_empty_field_and_says_so():
    text = "我在一家小作坊干活，老板欠我钱"
    plain = Pipeline(classifier=load_classifier(), span_tagger=None).triage(text).model_dump()
    assert plain["entities"]["employer"] is None
    r = Pipeline(span_tagger=None, classifier=SpanStub({"employer": [(4, 7)], "period": [(100, 120)]})).triage(text).model_dump()
    assert r["entities"]["employer"] == {"text": "小作坊", "start": 4, "end": 7, "source": "model"}
    assert r["entities"]["period"] is None                    # out of range: dropped


def test_rule_span_stands_and_model_spans_use_original_characters():
    text = "我在安徽恒泰建築勞務有限公司幹活，欠我工資"            # traditional: offsets hold, text is the original
    r = Pipeline(span_tagger=None, classifier=SpanStub({"employer": [(2, 6)], "project": [(2, 4)]})).triage(text).model_dump()
    emp = r["entities"]["employer"]
    assert emp["source"] == "rule" and emp["end"] - emp["start"] > 4
    assert r["entities"]["project"] == {"text": "安徽", "start": 2, "end": 4, "source": "model"}
    assert text[emp["start"]:emp["end"]] == emp["text"]


def test_tfidf_baseline_has_no_model_spans():
    c = load_classifier().classify(["老板欠我两万元工资"])[0]
    assert c.spans == {}
