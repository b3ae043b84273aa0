"""Field gates: their mechanics, the shipped gates on plain cases, the pipeline wiring and the trainer."""
from __future__ import annotations

import json

import pytest

from service.extract import extract
from service.extract.gates import DEFAULT_GATES_DIR, Gate, load_gates, owed_total_features
from service.normalise import normalise
from service.pipeline import Pipeline
from training import train_gate

FINE = "我在二七区开了个小饭馆，城管说我占道经营，罚款三千元，我觉得太重了，想问问能不能申请复议。"
LOAN = "我在一家网贷平台借了五千块，现在他们说我还欠两千多，天天打电话到我单位催收，请问这合法吗？"
WAGES = "老板欠我三个月工资一万五，一直拖着不给，我在金水区一家装修公司上班。"
STARTUP = "我去年在开封鼓楼区开了一家奶茶店，带动了4个人就业，想问一下一次性创业补贴怎么申请？"
GYM = "新乡红旗区那家健身房老板跑路了，我办的年卡还有半年没用，会员群里有三百多人。"
CREW = "我们车间三十多个工人三个月没发工资了，老板说等货款回来再发。"


@pytest.fixture(autouse=True)
def _shipped_gates_by_default(monkeypatch):
    # a developer scoring rules runs with TRIAGE_GATES_DIR=none; these tests are about the gates
    monkeypatch.delenv("TRIAGE_GATES_DIR", raising=False)


def _owed_features(text: str) -> set[str]:
    n = normalise(text).text
    return train_gate.features("owed_total", n, extract(n))


def _workers_features(text: str) -> set[str]:
    n = normalise(text).text
    return train_gate.features("workers", n, extract(n))


def test_a_hand_made_gate_drops_the_answer_where_its_features_say_none():
    gate = Gate("owed_total", {"T:罚款": 6.0}, bias=-3.0, threshold=0.5, version="t")
    fine = normalise(FINE).text
    assert extract(fine).owed_total == 3000
    gated = extract(fine, gates={"owed_total": gate})
    assert gated.owed_total is None and gated.owed_total_source is None
    assert [a.kind for a in gated.amounts] == ["other"]        # no amount stays an owed total without one
    # what was withheld stays in the result, for the operator and for an analyst's count
    assert gated.to_dict()["gated"] == {"owed_total": {"value": 3000, "p_none": round(1 / (1 + 2.718281828459045 ** -3), 3)}}
    assert extract(fine).to_dict()["gated"] == {}
    assert extract(normalise(WAGES).text, gates={"owed_total": gate}).owed_total == 15000
    heads = Gate("workers", {"T:会员": 6.0}, bias=-3.0, threshold=0.5, version="t")
    assert extract(normalise(GYM).text).workers == 300
    assert extract(normalise(GYM).text, gates={"workers": heads}).workers is None
    assert extract(normalise(CREW).text, gates={"workers": heads}).workers == 30


def test_features_read_no_digits_and_name_what_the_answer_rests_on():
    feats = _owed_features("工地老板欠我8600元工资，电话13812345678。")
    text_features = [f for f in feats if f[:2] in ("T:", "L:", "R:")]
    assert "T:00" in text_features and not any(ch in "123456789" for f in text_features for ch in f)
    assert {"kind=owed_total", "source=rule", "derived=False", "arrears=True", "L:欠我", "R:工资"} <= feats
    heads = _workers_features(CREW)
    assert {"workers=20", "approx=True", "size=False", "L:我们", "R:工人"} <= heads


@pytest.mark.parametrize("field,text", [("owed_total", FINE), ("owed_total", LOAN), ("workers", STARTUP), ("workers", GYM)])
def test_shipped_gates_drop_what_no_worker_is_owed_or_numbers(field, text):
    gate = load_gates(DEFAULT_GATES_DIR)[field]
    n = normalise(text).text
    assert getattr(extract(n), field) is not None            # the rules alone give an answer
    features = _owed_features(text) if field == "owed_total" else _workers_features(text)
    assert gate.says_none(features)
    assert getattr(extract(n, gates=load_gates(DEFAULT_GATES_DIR)), field) is None


def test_shipped_gates_keep_plain_wage_arrears():
    gates = load_gates(DEFAULT_GATES_DIR)
    assert gates["owed_total"].p_none(_owed_features(WAGES)) < 0.1
    assert gates["workers"].p_none(_workers_features(CREW)) < 0.1
    crew = extract(normalise(CREW).text, gates=gates)
    assert crew.workers == 30 and crew.workers_approx
    assert extract(normalise(WAGES).text, gates=gates).owed_total == 15000


def test_pipeline_serves_the_gates_and_says_so(monkeypatch):
    on = Pipeline()
    with pytest.raises(ValueError, match="given as the 'owed_total' gate"):
        Pipeline(gates={"owed_total": on.gates["workers"]})
    assert set(on.gates) == {"owed_total", "workers"}
    shipped = on.gates["owed_total"].version
    assert on.gates["workers"].version == shipped and on.model_info["version"].endswith(f"+gates.{shipped}")
    owed_only = Pipeline(gates={"owed_total": on.gates["owed_total"]})
    assert owed_only.model_info["version"].endswith(f"+owed_total-gate.{shipped}")
    loan = on.triage(LOAN).entities
    assert loan.owed_total is None
    assert loan.gated["owed_total"].value == 2000 and loan.gated["owed_total"].p_none >= on.gates["owed_total"].threshold
    assert "workers" not in loan.gated
    monkeypatch.setenv("TRIAGE_GATES_DIR", "none")
    off = Pipeline()
    assert off.gates == {} and "gate" not in off.model_info["version"]
    assert off.triage(LOAN).entities.owed_total == 2000 and off.triage(LOAN).entities.gated == {}


def test_gate_files_that_are_not_gates_are_refused(tmp_path):
    (tmp_path / "owed_total.json").write_text(json.dumps({"weights": {"T:罚款": 1.0}}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a field gate"):
        load_gates(tmp_path)
    (tmp_path / "owed_total.json").write_text(json.dumps(Gate("workers", {}, 0.0, 0.5, "t").to_json()), encoding="utf-8")
    with pytest.raises(ValueError, match="a gate for 'workers' in the file of the 'owed_total' gate"):
        load_gates(tmp_path)
    (tmp_path / "owed_total.json").write_text(json.dumps(Gate("owed_total", {}, 0.0, 0.5, "t").to_json() | {"threshold": 0}),
                                              encoding="utf-8")
    with pytest.raises(ValueError, match="threshold is a probability"):
        load_gates(tmp_path)
    with pytest.raises(ValueError, match="no such folder"):
        load_gates(tmp_path / "missing")
    with pytest.raises(ValueError, match="not a folder"):
        load_gates(tmp_path / "owed_total.json")
    (tmp_path / "owed_total.json").unlink()
    with pytest.raises(ValueError, match="no gate in it"):
        load_gates(tmp_path)
    assert load_gates("none") == {}


def test_a_gate_file_rewritten_in_place_is_read_again(tmp_path):
    path = tmp_path / "workers.json"
    path.write_text(json.dumps(Gate("workers", {"T:会员": 1.0}, 0.0, 0.5, "v1").to_json()), encoding="utf-8")
    assert load_gates(tmp_path)["workers"].version == "v1"
    path.write_text(json.dumps(Gate("workers", {"T:会员": 2.0}, 0.0, 0.6, "v2").to_json()), encoding="utf-8")
    import os
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    gate = load_gates(tmp_path)["workers"]
    assert (gate.version, gate.threshold, gate.weights["T:会员"]) == ("v2", 0.6, 2.0)
    with pytest.raises(TypeError):
        gate.weights["T:会员"] = 9.0            # shared by every pipeline: read-only
    assert gate.p_none({"T:x"}) == 0.5 and Gate("workers", {}, -1000.0, 0.5, "t").p_none(set()) == 0.0   # no overflow


def test_fit_learns_the_feature_that_separates():
    feats = [{"T:罚款", "T:城管"}, {"T:罚款", "T:饭馆"}, {"T:工资", "T:老板"}, {"T:工资", "T:工地"}] * 5
    none = [True, True, False, False] * 5
    weights, bias = train_gate.fit(feats, none, C=10.0)
    gate = Gate("owed_total", weights, bias, 0.5, "t")
    assert weights["T:罚款"] > 0 > weights["T:工资"]
    assert gate.says_none({"T:罚款"}) and not gate.says_none({"T:工资"})


@pytest.mark.parametrize("field", ["owed_total", "workers"])
def test_trainer_writes_a_gate_the_service_loads(tmp_path, field):
    out = tmp_path / f"{field}.json"
    assert train_gate.main(["--field", field, "--sets", "dev-m", "--out", str(out), "--version", "t1"]) == 0
    gate = load_gates(tmp_path)[field]
    assert gate.version == "t1" and gate.threshold == 0.5 and gate.weights
    assert json.loads(out.read_text(encoding="utf-8"))["trained_on"]["sets"] == ["dev-m"]


def test_trainer_refuses_held_out_sets_and_sets_with_nothing_to_learn(capsys):
    with pytest.raises(SystemExit):
        train_gate.main(["--field", "workers", "--sets", "dev-q", "--cv", "2"])
    assert "never on test or held-out ones" in capsys.readouterr().err
    with pytest.raises(SystemExit):        # dev-c: every headcount the rules give is one its gold states
        train_gate.main(["--field", "workers", "--sets", "dev-c", "--cv", "2"])
    assert "a gate needs both to learn from" in capsys.readouterr().err


def test_trainer_cross_validates_by_set(capsys):
    assert train_gate.main(["--field", "owed_total", "--sets", "dev-m", "dev-o", "--cv", "2", "--C", "1", "3"]) == 0
    out = capsys.readouterr().out
    heads = [line for line in out.splitlines() if line.startswith("owed_total: ")]
    assert len(heads) == 2                                       # one table per C
    n_false = int(heads[0].split(", ")[2].split(" ")[0])
    rows = [line.split("|")[1:4] for line in out.splitlines() if line.startswith("| 0.")]
    assert len(rows) == 14
    removed = [int(r[1]) for r in rows[:7]]
    assert removed[-1] <= n_false


def test_folds_keep_each_set_on_one_side():
    groups = ["dev-a"] * 5 + ["dev-b"] * 3 + ["dev-c"] * 4 + ["dev-d"] * 2 + ["dev-e"]
    parts = train_gate.folds(groups, 3)
    assert len(parts) == 3 and all(parts)
    assert sorted(g for p in parts for g in p) == ["dev-a", "dev-b", "dev-c", "dev-d", "dev-e"]   # each set in one part
    assert parts == train_gate.folds(groups, 3)                                                      # the same each run


@pytest.mark.parametrize("text", [FINE, LOAN, WAGES, CREW, GYM, STARTUP,
                                  "我们班组12个人在工地干了三个月，每人每天300，包工头一分没给，电话13812345678。"])
def test_the_trainer_reads_the_features_extract_serves(monkeypatch, text):
    """The gates are trained on `train_gate.features` of an ungated answer and applied to what `extract`
    passes them: the two must be the same, or the shipped weights read other features than they learnt."""
    served = []

    class Recording(Gate):
        def p_none(self, features):
            served.append((self.field, frozenset(features)))
            return 0.0
    gates = {f: Recording(f, {}, 0.0, 0.5, "t") for f in ("owed_total", "workers")}
    n = normalise(text).text
    ungated = extract(n)
    extract(n, gates=gates)
    expected = [(f, frozenset(train_gate.features(f, n, ungated))) for f in ("owed_total", "workers")
                if getattr(ungated, f) is not None]
    assert served == expected
