"""Rule and model spans meet by a per-field policy (service.extract.combine): the ways, the
threshold, snapping onto the rules' candidates, and the shipped span tagger that uses them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.classify import DEFAULT_SPAN_TAGGER_DIR, load_span_tagger
from service.extract import extract
from service.extract.combine import FieldPolicy, best_span, choose, merge_adjacent, parse_policy, snap, vetoed
from service.normalise import normalise
from service.pipeline import Item, Pipeline

RECIPE = Path(__file__).resolve().parents[1] / "training" / "recipes" / "span_policy.json"

# The rules find the first company; the model is asked about the second.
TEXT = "我在宏达物流有限公司的仓库干活，工资其实是鑫源人力资源有限公司发，两个月没发了"
RULE_NAME = "宏达物流有限公司"
OTHER = "鑫源人力资源有限公司"


def _at(name: str, text: str = TEXT) -> tuple[int, int]:
    s = text.index(name)
    return s, s + len(name)


def test_touching_spans_merge_with_a_length_weighted_confidence():
    assert merge_adjacent([(5, 8, 0.9), (0, 2, 0.5), (2, 4, 1.0)]) == [[0, 4, 0.75], [5, 8, 0.9]]
    assert merge_adjacent([(0, 2)]) == [[0, 2, 1.0]]            # spans without a confidence count as sure


def test_best_span_keeps_the_surest_above_the_threshold_at_its_first_occurrence():
    text = "鑫源公司欠钱。鑫源公司不接电话"
    later = (7, 11)
    assert best_span(text, [later + (0.9,)], 0.85) == (0, 4)
    assert best_span(text, [later + (0.8,)], 0.85) is None
    assert best_span(text, [(0, 1, 0.99)], 0.0) is None              # one character is no name
    assert best_span(text, [(30, 40, 0.99)], 0.0) is None            # outside the text


def test_snap_moves_a_span_onto_the_candidate_it_overlaps_most():
    assert snap((3, 6), [(0, 4), (2, 10)]) == (2, 10)
    assert snap((20, 22), [(0, 4)]) == (20, 22)                      # no overlap: unchanged
    assert snap(None, [(0, 4)]) is None


def test_the_ways():
    assert choose("rules", (0, 2), (3, 5)) == (0, 2)
    assert choose("fill", (0, 2), (3, 5)) == (0, 2) and choose("fill", None, (3, 5)) == (3, 5)
    assert choose("model-first", (0, 2), (3, 5)) == (3, 5) and choose("model-first", (0, 2), None) == (0, 2)
    assert vetoed((0, 4), []) and vetoed((0, 4), [(4, 6, 0.9)]) and not vetoed((0, 4), [(3, 6, 0.1)])
    assert not vetoed(None, [])


def test_a_policy_that_the_service_cannot_apply_is_refused():
    with pytest.raises(ValueError):
        parse_policy({"employer": {"way": "veto"}})
    with pytest.raises(ValueError):
        parse_policy({"employer": {"way": "fill", "threshold": 1.5}})


def test_model_first_takes_a_sure_model_span_and_fill_keeps_the_rules():
    assert extract(TEXT).employer.text == RULE_NAME
    sure = {"employer": [_at(OTHER) + (0.95,)]}
    first = {"employer": FieldPolicy("model-first", 0.85)}
    emp = extract(TEXT, model_spans=sure, span_policy=first).employer
    assert (emp.text, emp.source) == (OTHER, "model")
    unsure = {"employer": [_at(OTHER) + (0.6,)]}
    assert extract(TEXT, model_spans=unsure, span_policy=first).employer.source == "rule"
    fill = {"employer": FieldPolicy("fill", 0.85)}
    assert extract(TEXT, model_spans=sure, span_policy=fill).employer.text == RULE_NAME


def test_a_snapped_model_span_takes_the_boundaries_of_the_name_it_overlaps():
    s, e = _at(OTHER)
    clipped = {"employer": [(s + 2, e - 2, 0.95)]}                   # 人力资源有限: the middle of the name
    no_snap = extract(TEXT, model_spans=clipped, span_policy={"employer": FieldPolicy("model-first", 0.85)})
    assert no_snap.employer.text == OTHER[2:-2]
    snapped = extract(TEXT, model_spans=clipped, span_policy={"employer": FieldPolicy("model-first", 0.85, snap=True)})
    assert (snapped.employer.text, snapped.employer.source) == (OTHER, "model")


def test_a_span_both_found_is_the_rules():
    both = {"employer": [_at(RULE_NAME) + (0.99,)]}
    emp = extract(TEXT, model_spans=both, span_policy={"employer": FieldPolicy("model-first", 0.5)}).employer
    assert (emp.text, emp.source) == (RULE_NAME, "rule")


# ------------------------------------------------------------------ the shipped tagger
shipped = pytest.mark.skipif(not (DEFAULT_SPAN_TAGGER_DIR / "model.json").is_file(), reason="no span tagger shipped")


@shipped
def test_the_shipped_tagger_carries_the_measured_policy():
    tagger = load_span_tagger()
    assert tagger is not None and "B-employer" in tagger.tags
    assert tagger.span_policy == parse_policy(json.loads(RECIPE.read_text(encoding="utf-8")))


@shipped
def test_the_tagger_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("TRIAGE_SPAN_TAGGER_DIR", "none")
    assert Pipeline().span_tagger is None
    monkeypatch.delenv("TRIAGE_SPAN_TAGGER_DIR")
    assert Pipeline().span_tagger is not None


@shipped
def test_the_shipped_tagger_scores_spans_with_confidences():
    tagger = load_span_tagger()
    text = "市民反映：其在杭州顺丰达物流有限公司的分拣中心工作，公司拖欠工资两个月共计一万二千元"
    spans = tagger.score([text])[0].spans
    assert spans, "the tagger tagged nothing in a plain wage complaint"
    for field, found in spans.items():
        for s, e, p in found:
            assert 0 <= s < e <= len(text) and 0.0 <= p <= 1.0
    emp = Pipeline(span_tagger=tagger).triage(text).model_dump()["entities"]["employer"]
    assert emp["text"] == "杭州顺丰达物流有限公司"


@shipped
def test_the_tagger_reads_only_texts_with_a_violation():
    real = load_span_tagger()

    class Counting:                    # the real tagger, counting what it is given
        name, version, span_policy = real.name, real.version, real.span_policy
        seen: list[str] = []

        def score(self, texts):
            self.seen.extend(texts)
            return real.score(texts)

    tagger = Counting()
    p = Pipeline(span_tagger=tagger)
    wage = "我在宏达物流有限公司的仓库干活，老板拖欠我们三个月工资"
    noise = "楼下烧烤店每天营业到凌晨两点，油烟和噪音太大，希望管一管"      # `other`: no violation
    results = p.triage_many([Item(wage), Item(noise)])
    assert tagger.seen == [normalise(wage).text]
    assert results[0].entities.employer.text == "宏达物流有限公司"
    # a text the tagger did not read keeps the rules' spans: its silence vetoes nothing
    question = "请问我在深圳华强电子有限公司上班满一年了，社保怎么转移到老家？"
    assert any(f.veto for f in real.span_policy.values())
    asked = p.triage(question)
    assert tagger.seen == [normalise(wage).text]
    assert asked.entities.employer.text == "深圳华强电子有限公司"


@shipped
def test_the_result_names_the_tagger_that_made_its_spans():
    tagger = load_span_tagger()
    with_tagger = Pipeline(span_tagger=tagger, gates={}).model_info["version"]
    without = Pipeline(span_tagger=None, gates={}).model_info["version"]
    assert with_tagger == f"{without}+{tagger.name}.{tagger.version}"


def test_a_rule_span_the_model_read_past_is_vetoed():
    veto = {"employer": FieldPolicy("model-first", 0.85, veto=True)}
    assert extract(TEXT, model_spans={}, span_policy=veto).employer is None              # read, tagged nothing
    elsewhere = {"employer": [_at(OTHER) + (0.6,)]}                                       # unsure, another firm
    assert extract(TEXT, model_spans=elsewhere, span_policy=veto).employer is None
    over_it = {"employer": [(_at(RULE_NAME)[0] + 2, _at(RULE_NAME)[1], 0.3)]}             # any confidence, any overlap
    assert extract(TEXT, model_spans=over_it, span_policy=veto).employer.text == RULE_NAME
    assert extract(TEXT, model_spans=None, span_policy=veto).employer.text == RULE_NAME   # no model read it
    keep = {"employer": FieldPolicy("model-first", 0.85)}
    assert extract(TEXT, model_spans={}, span_policy=keep).employer.text == RULE_NAME


def test_a_sure_model_span_is_never_vetoed():
    sure = {"employer": [_at(OTHER) + (0.95,)]}
    emp = extract(TEXT, model_spans=sure, span_policy={"employer": FieldPolicy("model-first", 0.85, veto=True)}).employer
    assert (emp.text, emp.source) == (OTHER, "model")


# ------------------------------------------------------------------ the owed tag
UNCUED = "在顺义一家饭店干了一个半月，老板把我撵走了，4500块"          # no arrears word: the rules find no owed total
CUED = "公司拖欠我工资8000元，另外押金500元也不退，一共干了两个月"


def _tag(text: str, piece: str, p: float) -> dict:
    return {"owed": [_at(piece, text) + (p,)]}


def test_an_owed_tag_fills_the_owed_total_the_rules_did_not_find():
    assert extract(UNCUED).owed_total is None
    fill = {"owed": FieldPolicy("fill", 0.5)}
    e = extract(UNCUED, model_spans=_tag(UNCUED, "4500块", 0.8), span_policy=fill)
    assert (e.owed_total, e.owed_total_source, e.owed_total_derived) == (4500, "model", False)
    assert [a.kind for a in e.amounts] == ["owed_total"]
    assert e.to_dict()["owed_total_source"] == "model"
    assert extract(UNCUED, model_spans=_tag(UNCUED, "4500块", 0.4), span_policy=fill).owed_total is None
    assert extract(UNCUED, model_spans=_tag(UNCUED, "4500块", 0.8)).owed_total is None     # no owed policy
    assert extract(UNCUED, model_spans=_tag(UNCUED, "顺义", 0.9), span_policy=fill).owed_total is None  # no amount there


def test_fill_keeps_the_rules_owed_total_and_model_first_takes_the_tagged_amount():
    rules = extract(CUED)
    assert (rules.owed_total, rules.owed_total_source) == (8000, "rule")
    deposit = _tag(CUED, "500元", 0.9)
    assert extract(CUED, model_spans=deposit, span_policy={"owed": FieldPolicy("fill", 0.5)}).owed_total == 8000
    first = extract(CUED, model_spans=deposit, span_policy={"owed": FieldPolicy("model-first", 0.5)})
    assert (first.owed_total, first.owed_total_source) == (500, "model")


@shipped
def test_the_shipped_tagger_tags_an_owed_total_written_without_an_arrears_word():
    tagger = load_span_tagger()
    assert "B-owed" in tagger.tags and "owed" in tagger.span_policy
    text = "在朝阳一家火锅店干了三个月传菜，老板让我走人，说钱过几天再说，一共7200块"
    assert extract(normalise(text).text).owed_total is None
    e = Pipeline(span_tagger=tagger).triage(text).model_dump()["entities"]
    assert (e["owed_total"], e["owed_total_source"]) == (7200, "model")
    assert Pipeline(span_tagger=None).triage(text).model_dump()["entities"]["owed_total"] is None
