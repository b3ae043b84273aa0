import shutil
from pathlib import Path

import pytest
import yaml

from service.labels import LABELS_DIR, LabelsError, load_labels

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "taxonomy.md"


def test_default_labels_load_with_versions():
    labels = load_labels()
    assert labels.taxonomy_version == "taxonomy-v1" and labels.routing_version == "routing-v1"
    assert len(labels.types) == 19 and "other" in labels.exclusive_types
    assert set(labels.intents) == {"complaint", "report", "inquiry", "help", "suggestion"}
    assert len(labels.departments) == 21


@pytest.mark.skipif(not SPEC.is_file(), reason="shared spec not beside the repo")
def test_every_code_in_the_spec_is_in_the_data():
    spec = SPEC.read_text(encoding="utf-8")
    labels = load_labels()
    for code in list(labels.types) + list(labels.flags) + list(labels.departments) + list(labels.sectors):
        assert f"`{code}`" in spec, code
    import re
    spec_types = set(re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| [^|]+\|$", spec.split("## 1b")[0], re.M))
    assert spec_types == set(labels.types)
    spec_depts = set(re.findall(r"^\| `([a-z_]+)` \|", spec.split("## 4. Departments")[1].split("## 5")[0], re.M))
    assert spec_depts == set(labels.departments)


def _copy(tmp_path):
    d = tmp_path / "labels"
    shutil.copytree(LABELS_DIR, d)
    return d


def _edit(path, fn):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_unknown_department_in_a_rule_is_named(tmp_path):
    d = _copy(tmp_path)
    _edit(d / "routing.yaml", lambda r: r["rules"][2].update(lead="ministry_of_magic"))
    with pytest.raises(LabelsError, match=r"routing.yaml: rules\[2\] \(wage_arrears_construction\).lead: unknown department 'ministry_of_magic'"):
        load_labels(d)


def test_duplicate_type_code_is_named(tmp_path):
    d = _copy(tmp_path)
    _edit(d / "taxonomy.yaml", lambda t: t["types"].append(dict(t["types"][0])))
    with pytest.raises(LabelsError, match=r"taxonomy.yaml: types\[19\]: duplicate code 'wage_arrears'"):
        load_labels(d)


def test_unknown_condition_key_and_type_are_named(tmp_path):
    d = _copy(tmp_path)
    _edit(d / "routing.yaml", lambda r: r["rules"][0]["when"].update(typo_key=[1]))
    with pytest.raises(LabelsError, match="unknown condition key"):
        load_labels(d)
    d2 = _copy(tmp_path / "b")
    _edit(d2 / "routing.yaml", lambda r: r["rules"][4]["when"].update(types_any=["wage_arrears", "unpaid_tea"]))
    with pytest.raises(LabelsError, match="unknown type 'unpaid_tea'"):
        load_labels(d2)


def test_missing_and_broken_files_fail_loudly(tmp_path):
    with pytest.raises(LabelsError, match="file not found"):
        load_labels(tmp_path)
    d = _copy(tmp_path)
    (d / "routing.yaml").write_text("rules: [unclosed", encoding="utf-8")
    with pytest.raises(LabelsError, match="not valid YAML"):
        load_labels(d)


def test_a_city_routing_file_overrides_the_default(tmp_path, monkeypatch):
    city = tmp_path / "city.yaml"
    data = yaml.safe_load((LABELS_DIR / "routing.yaml").read_text(encoding="utf-8"))
    data["version"] = "shenzhen-2026"
    data["rules"][3]["lead_by_sector"]["education"] = "hrss_inspection"
    city.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_labels(routing_path=city).routing_version == "shenzhen-2026"
    monkeypatch.setenv("TRIAGE_ROUTING", str(city))
    assert load_labels().version == "taxonomy-v1+shenzhen-2026"
