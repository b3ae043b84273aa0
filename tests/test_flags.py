import pytest

from service.flags import Flagger
from service.labels import get_labels


@pytest.fixture(scope="module")
def flagger():
    return Flagger(get_labels())


@pytest.mark.parametrize("text,flag,evidence", [
    ("我们全体员工三个月没发工资", "collective", "全体员工"),
    ("我们几十个工人天天去公司讨薪", "collective", "几十个工人"),
    ("再不给钱我就从楼顶跳下去，跳楼算了", "extreme_risk", "跳楼"),
    ("工人们准备明天去市政府门口拉横幅", "extreme_risk", "拉横幅"),
    ("我们是在工地上干活的农民工", "migrant_worker", "农民工"),
    ("该项目是市重点项目，政府投资建设", "gov_project", "市重点项目"),
    ("我之前打过12345，至今未解决", "repeat", "之前打过"),
    ("这个问题打过12345热线", "repeat", "打过12345"),
])
def test_cue_sets_flag_with_evidence(flagger, text, flag, evidence):
    f = flagger.flag(text, text, None)[flag]
    assert f.value and f.evidence.text == evidence
    assert text[f.evidence.start:f.evidence.end] == evidence


@pytest.mark.parametrize("text,flag", [
    ("我一个人在饭店打工，老板欠我两千块", "collective"),
    ("公司是国企，拖欠我三个月工资", "gov_project"),
    ("找老板要了好几次工资都没给", "repeat"),
    ("楼上装修太吵了", "extreme_risk"),
])
def test_no_flag_without_a_cue(flagger, text, flag):
    assert not flagger.flag(text, text, None)[flag].value


def test_headcount_of_ten_or_more_sets_collective(flagger):
    text = "共43人被拖欠工资"
    f = flagger.flag(text, text, 43)["collective"]
    assert f.value and f.evidence.text == "43人"
    assert not flagger.flag("共9人被拖欠工资", "共9人被拖欠工资", 9)["collective"].value


def test_evidence_points_into_the_original_text(flagger):
    original = "我們全體員工都沒拿到錢"
    from service.normalise import normalise
    f = flagger.flag(normalise(original).text, original, None)["collective"]
    assert f.evidence.text == "全體員工"
