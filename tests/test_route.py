"""One test per row of the routing table (taxonomy.md §5), plus priority."""
import pytest

from service.labels import get_labels
from service.route import RouteFacts, priority_of, route


def _route(types, flags=(), sector="unknown", text="", primary=None):
    facts = RouteFacts(tuple(types), primary or types[0], frozenset(flags), sector, text)
    r = route(get_labels(), facts)
    return r.lead.code, {a.code for a in r.assist}, r


CASES = [
    # (row, types, flags, sector, text, lead, assists)
    ("forced_labor", ["forced_labor"], [], "manufacturing", "扣押身份证不让走", "public_security", {"hrss_inspection"}),
    # Literal spec: assists are the assist column of every rule that holds, so the construction
    # rule adds hrss_inspection but not its own lead (housing_construction).
    ("extreme_risk", ["wage_arrears"], ["extreme_risk"], "construction", "再不给钱就跳楼", "public_security", {"hrss_inspection"}),
    ("gov_project", ["wage_arrears"], ["gov_project"], "construction", "政府投资项目欠薪", "development_reform", {"hrss_inspection", "housing_construction"}),
    ("gov_project_water", ["wage_arrears"], ["gov_project"], "water_project", "水库重点项目欠薪", "development_reform", {"hrss_inspection", "water_resources"}),
    ("construction", ["wage_arrears"], [], "construction", "工地欠薪", "housing_construction", {"hrss_inspection"}),
    ("transport_project", ["wage_arrears"], [], "transport_project", "公路工程欠薪", "transport", {"hrss_inspection"}),
    ("water_project", ["wage_arrears"], [], "water_project", "水渠工程欠薪", "water_resources", {"hrss_inspection"}),
    ("education", ["wage_arrears"], [], "education", "学校食堂欠薪", "education", {"hrss_inspection"}),
    ("inspection_wage", ["wage_arrears"], [], "manufacturing", "工厂欠薪", "hrss_inspection", set()),
    ("inspection_overtime", ["overtime"], [], "manufacturing", "", "hrss_inspection", set()),
    ("inspection_heat", ["heat_allowance"], [], "construction", "", "hrss_inspection", set()),
    ("inspection_contract", ["labor_contract"], [], "catering_retail", "", "hrss_inspection", set()),
    ("inspection_social_insurance", ["social_insurance"], [], "other", "", "hrss_inspection", set()),
    ("dismissal", ["dismissal"], [], "other", "", "labor_arbitration", {"hrss_inspection"}),
    ("work_injury", ["work_injury"], [], "construction", "摔伤了", "hrss_inspection", set()),
    ("occupational_disease", ["work_injury"], [], "manufacturing", "得了尘肺病", "hrss_inspection", {"health_commission"}),
    ("workplace_safety", ["workplace_safety"], [], "manufacturing", "", "emergency_management", set()),
    ("child_labor", ["child_labor"], [], "manufacturing", "", "hrss_inspection", set()),
    ("child_labor_unlicensed", ["child_labor"], [], "manufacturing", "无证小作坊", "hrss_inspection", {"market_regulation"}),
    ("labor_dispatch", ["labor_dispatch"], [], "manufacturing", "", "hrss_inspection", set()),
    ("recruitment_fraud", ["recruitment_fraud"], [], "other", "交了押金被骗了", "hrss_inspection", {"public_security"}),
    ("malicious_arrears", ["wage_arrears"], [], "manufacturing", "老板跑路了", "hrss_inspection", {"public_security"}),
    ("discrimination", ["discrimination"], [], "other", "", "hrss_inspection", set()),
    ("female_protection", ["female_protection"], [], "other", "", "hrss_inspection", {"womens_federation"}),
    ("housing_fund", ["housing_fund"], [], "other", "", "housing_fund_center", set()),
    ("social_security_service", ["social_security_service"], [], "unknown", "养老金什么时候发", "social_insurance_agency", set()),
    ("social_security_medical", ["social_security_service"], [], "unknown", "医保报销比例", "medical_security", set()),
    ("employment_service", ["employment_service"], [], "unknown", "", "employment_service_center", set()),
    ("labour_policy", ["labour_policy"], [], "unknown", "最低工资标准", "hrss_bureau", set()),
    ("labour_policy_teachers", ["labour_policy"], [], "education", "乡村教师工资待遇", "hrss_bureau", {"education"}),
    ("collective", ["overtime"], ["collective"], "manufacturing", "", "hrss_inspection", {"trade_union"}),
    ("other", ["other"], [], "unknown", "楼上噪音", "general_dispatch", set()),
]


@pytest.mark.parametrize("row,types,flags,sector,text,lead,assists", CASES, ids=[c[0] for c in CASES])
def test_routing_table_row(row, types, flags, sector, text, lead, assists):
    got_lead, got_assists, r = _route(types, flags, sector, text)
    assert (got_lead, got_assists) == (lead, assists)
    assert r.lead.rule and r.lead.name and all(a.rule and a.basis for a in r.assist)


def test_every_rule_is_exercised_by_the_cases():
    fired = set()
    for _, types, flags, sector, text, _, _ in CASES:
        _, _, r = _route(types, flags, sector, text)
        fired.add(r.lead.rule)
        fired.update(a.rule for a in r.assist)
    assert fired == {rule.id for rule in get_labels().rules}


def test_assists_come_from_secondary_types_and_never_repeat_the_lead():
    lead, assists, _ = _route(["dismissal", "female_protection"], ["collective"], "other", "怀孕被辞退")
    assert lead == "labor_arbitration"
    assert assists == {"hrss_inspection", "womens_federation", "trade_union"}
    lead, assists, _ = _route(["wage_arrears", "social_insurance"], [], "manufacturing", primary="social_insurance")
    assert lead == "hrss_inspection" and "hrss_inspection" not in assists


@pytest.mark.parametrize("types,flags,level", [
    (["wage_arrears"], ["extreme_risk"], "urgent"),
    (["wage_arrears"], ["collective"], "urgent"),
    (["overtime"], ["collective"], "high"),
    (["wage_arrears"], ["migrant_worker"], "high"),
    (["social_security_service"], ["repeat"], "high"),
    (["overtime"], ["migrant_worker"], "normal"),
    (["other"], [], "normal"),
])
def test_priority(types, flags, level):
    assert priority_of(get_labels(), types, frozenset(flags)) == level
