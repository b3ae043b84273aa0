"""The owed-total gate: its mechanics, the shipped weights on plain cases, the pipeline wiring and
its trainer."""
from __future__ import annotations

import json

import pytest

from service.extract import extract
from service.extract.owed_gate import OwedGate, gate_features, load_owed_gate
from service.normalise import normalise
from service.pipeline import Pipeline
from training import train_owed_gate

FINE = "我在二七区开了个小饭馆，城管说我占道经营，罚款三千元，我觉得太重了，想问问能不能申请复议。"
LOAN = "我在一家网贷平台借了五千块，现在他们说我还欠两千多，天天打电话到我单位催收，请问这合法吗？"
WAGES = "老板欠我三个月工资一万五，一直拖着不给，我在金水区一家装修公司上班。"


def _features(text: str) -> set[str]:
    n = normalise(text).text
    e = extract(n)
    return gate_features(n, e.amounts, e.owed_total, e.owed_total_derived, e.owed_total_source, e.workers)


def test_a_hand_made_gate_drops_the_total_where_its_features_say_none():
    gate = OwedGate({"T:罚款": 6.0}, bias=-3.0, threshold=0.5, version="t")
    fine = normalise(FINE).text
    assert extract(fine).owed_total == 3000
    gated = extract(fine, owed_gate=gate)
    assert gated.owed_total is None and gated.owed_total_source is None
    assert [a.kind for a in gated.amounts] == ["other"]        # no amount stays an owed total without one
    assert extract(normalise(WAGES).text, owed_gate=gate).owed_total == 15000


def test_features_read_no_digits_and_name_the_answers_amount():
    feats = _features("工地老板欠我8600元工资，电话13812345678。")
    text_features = [f for f in feats if f[:2] in ("T:", "L:", "R:")]
    assert "T:00" in text_features and not any(ch in "123456789" for f in text_features for ch in f)
    assert {"kind=owed_total", "source=rule", "derived=False", "arrears=True"} <= feats


@pytest.mark.parametrize("text", [FINE, LOAN])
def test_shipped_gate_drops_sums_that_are_no_pay(text):
    gate = load_owed_gate()
    n = normalise(text).text
    assert extract(n).owed_total is not None                     # the rules alone take it for an owed total
    assert gate.says_none(_features(text))
    assert extract(n, owed_gate=gate).owed_total is None


def test_shipped_gate_keeps_plain_wage_arrears():
    gate = load_owed_gate()
    assert gate.p_none(_features(WAGES)) < 0.1
    assert extract(normalise(WAGES).text, owed_gate=gate).owed_total == 15000


def test_pipeline_serves_the_gate_and_says_so(monkeypatch):
    on = Pipeline()
    assert on.owed_gate is not None and "+owed-gate." in on.model_info["version"]
    assert on.triage(LOAN).entities.owed_total is None
    monkeypatch.setenv("TRIAGE_OWED_GATE", "none")
    off = Pipeline()
    assert off.owed_gate is None and "owed-gate" not in off.model_info["version"]
    assert off.triage(LOAN).entities.owed_total == 2000


def test_a_gate_file_that_is_not_one_is_refused(tmp_path):
    bad = tmp_path / "gate.json"
    bad.write_text(json.dumps({"weights": {"T:罚款": 1.0}}), encoding="utf-8")
    with pytest.raises(ValueError, match="not an owed gate"):
        load_owed_gate(bad)
    assert load_owed_gate("none") is None


def test_fit_learns_the_feature_that_separates():
    feats = [{"T:罚款", "T:城管"}, {"T:罚款", "T:饭馆"}, {"T:工资", "T:老板"}, {"T:工资", "T:工地"}] * 5
    none = [True, True, False, False] * 5
    weights, bias = train_owed_gate.fit(feats, none, C=10.0)
    gate = OwedGate(weights, bias, 0.5, "t")
    assert weights["T:罚款"] > 0 > weights["T:工资"]
    assert gate.says_none({"T:罚款"}) and not gate.says_none({"T:工资"})


def test_trainer_writes_a_gate_the_service_loads(tmp_path):
    out = tmp_path / "gate.json"
    assert train_owed_gate.main(["--sets", "dev-c", "--out", str(out), "--version", "t1"]) == 0
    gate = load_owed_gate(out)
    assert gate.version == "t1" and gate.threshold == 0.5 and gate.weights
    assert json.loads(out.read_text(encoding="utf-8"))["trained_on"]["sets"] == ["dev-c"]


def test_trainer_refuses_held_out_sets():
    with pytest.raises(SystemExit):
        train_owed_gate.main(["--sets", "dev-q", "--cv", "2"])
