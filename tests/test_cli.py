import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def triage(*args):
    return subprocess.run([sys.executable, "-m", "service.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def test_classify_prints_one_result():
    r = triage("classify", "包工头拖欠我们十几个工人三个月工资，共计15万元", "--id", "wo-1", "--compact")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["id"] == "wo-1" and out["primary"] == "wage_arrears"
    assert out["entities"]["owed_total"] == 150000 and out["route"]["lead"]["code"]


def test_classify_refuses_empty_text_with_exit_2():
    r = triage("classify", "   ")
    assert r.returncode == 2 and json.loads(r.stderr)["error"]["field"] == "text"


def test_eval_prints_per_label_scores(tmp_path):
    gold = ROOT / "corpora/gold/dev.jsonl"
    rows = gold.read_text(encoding="utf-8").splitlines()[:60]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = triage("eval", sample, "--json", tmp_path / "report.json")
    assert r.returncode == 0, r.stderr
    assert "| wage_arrears |" in r.stdout and "macro_f1" in r.stdout and "lead_accuracy" in r.stdout
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["n"] == 60 and 0 <= report["macro_f1"] <= 1
    assert set(report["fields"]) >= {"owed_total", "workers", "employer"}


def test_a_city_routing_file_changes_the_route(tmp_path):
    import yaml
    data = yaml.safe_load((ROOT / "labels/routing.yaml").read_text(encoding="utf-8"))
    for rule in data["rules"]:
        if rule["id"] == "non_labour":
            rule["lead"] = "trade_union"       # a (silly) city that sends everything else to the union
    city = tmp_path / "city.yaml"
    city.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = "楼上邻居半夜装修噪音太大"
    default = json.loads(triage("classify", text, "--compact").stdout)
    custom = json.loads(triage("classify", text, "--compact", "--routing", city).stdout)
    assert default["route"]["lead"]["code"] == "general_dispatch"
    assert custom["route"]["lead"]["code"] == "trade_union"
