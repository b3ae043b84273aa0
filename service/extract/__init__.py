"""Extraction stage: amounts, owed total, headcount, parties, project, place, period,
sector and contacts from one normalised text.

    extract(text, reference_date=None, model_spans=None) -> Entities

`text` is the normalised text (simplified, half-width, same length as the original),
so every offset is valid in the original too. Each concern lives in its own module
(numbers, amounts, people, periods, parties, places, contacts, sector); this module
runs them in order (contacts first, so that no personal number is read as money) and
derives owed_total where only its parts are given.

Spans record the component that produced them (`source`: "rule" or "model"). A model
with a token-classification head (the shipped span tagger, or a BERT classifier's own head)
gives {field: [(start, end, confidence)]} in the normalised text; the pipeline passes them in
as `extract(text, reference_date, model_spans=..., span_policy=...)`. Rule and model spans meet
in one place, `combine_spans`, field by field as the tagger's measured policy says
(`service.extract.combine`); without a policy a rule span stands where the rules fire and a
model span fills a field the rules left empty. A tagger with an `owed` tag marks the amount a writer
gives as what is owed; where its policy has an `owed` entry ("fill": only where the rules found no
owed total), that amount is the owed total (`owed_total_source` "model").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping

from service.extract.amounts import _REMAINS, ARREARS, Amount, _sentence_left, find_amounts
from service.extract.contacts import Contact, find_contacts
from service.extract.combine import DEFAULT_POLICY, FieldPolicy, best_span, choose, merge_adjacent, snap, vetoed
from service.extract.contractors import _SURNAME, find_contractor
from service.extract.numbers import parse_number, to_number
from service.extract.gates import Gate, owed_total_features, workers_features
from service.extract.parties import LABOUR, Span, find_orgs, first_occurrence, pick_employer, writer_is_customer
from service.extract.projects import find_project
from service.extract.people import find_headcounts, pick_workers
from service.extract.periods import Period, find_period
from service.extract.places import Location, find_locations, pick_location
from service.extract.sector import find_sector
from service.normalise import CLAUSE_PUNCT

__all__ = ["Span", "Amount", "Contact", "Period", "Location", "Entities", "extract", "parse_number",
           "combine_spans", "FieldPolicy"]


def _span_dict(s) -> dict | None:
    return None if s is None else s.to_dict()


@dataclass
class Entities:
    amounts: list[Amount]
    owed_total: float | None
    owed_total_derived: bool
    workers: int | None
    workers_approx: bool
    employer: Span | None
    contractor: Span | None
    project: Span | None
    location: Location | None
    period: Period | None
    sector: str
    contacts: list[Contact] = field(default_factory=list)
    owed_total_source: str | None = None        # "rule" or "model" (the tagger's owed tag), None without one
    # what a gate withheld, by field: {"owed_total": {"value": 2000, "p_none": 0.97}}, so that an operator sees
    # the figure the rules read and why it is not the answer, and an analyst can count them
    gated: dict[str, dict] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "amounts": [a.to_dict() for a in self.amounts],
            "owed_total": None if self.owed_total is None else to_number(self.owed_total),
            "owed_total_derived": self.owed_total_derived,
            "owed_total_source": self.owed_total_source,
            "workers": self.workers,
            "workers_approx": self.workers_approx,
            "employer": _span_dict(self.employer),
            "contractor": _span_dict(self.contractor),
            "project": _span_dict(self.project),
            "location": _span_dict(self.location),
            "period": _span_dict(self.period),
            "sector": self.sector,
            "contacts": [c.to_dict() for c in self.contacts],
            "gated": {f: {"value": to_number(g["value"]), "p_none": round(g["p_none"], 3)} for f, g in self.gated.items()},
        }


# ----------------------------------------------------------- the combination point
SPAN_FIELDS = ("employer", "contractor", "project", "location", "period")
ORG_FIELDS = ("employer", "contractor", "project")      # a snapped model span lands on an organisation name or these


def _model_span(fieldname: str, text: str, pair: tuple[int, int] | None):
    """A span the model chose, as the object its field holds, with source "model"."""
    if pair is None:
        return None
    s, e = pair
    if fieldname == "location":
        return Location(text[s:e], s, e, None, None, None, source="model")
    if fieldname == "period":
        return Period(text[s:e], s, e, None, None, source="model")
    if fieldname in ORG_FIELDS:
        # a transcript's pause inside the span (海东碧水湾小区 对 三期, 锦绣华庭 七栋 十): the name ends at it,
        # unless a stage follows (鹿城华府 三期)
        stutter = re.match(r"(\S{1,4})\s(?=\1)", text[s:e])
        if stutter:
            s += stutter.end()          # 鑫 鑫盛包装, 闪星 闪星锑业: a stuttered start
        cut = re.search(r"\s(?![一二三四五六七八九十\d]期)", text[s:e])
        if cut and cut.start() >= 3:
            e = s + cut.start()
        if fieldname == "project":
            e -= len(re.search(r"(上|里|的工|的)?$", text[s:e]).group(0))      # 移民安置房上: the site, not "on" it
    return Span(text[s:e], s, e, source="model")


def combine_spans(text: str, rules: dict, model_spans: dict | None, policy: Mapping[str, FieldPolicy] | None,
                  org_spans: list[tuple[int, int]]) -> dict:
    """{field: span} from the rules' spans and the model's, field by field as `policy` says
    (`service.extract.combine`). A span both found stays the rules' (source "rule"). `model_spans`
    None: no model read the text (nothing to veto with); {}: it read it and tagged nothing."""
    candidates = org_spans + [(r.start, r.end) for f, r in rules.items() if r is not None and f in ORG_FIELDS]
    out = {}
    for fieldname, rule in rules.items():
        fp = (policy or {}).get(fieldname, DEFAULT_POLICY)
        model = best_span(text, (model_spans or {}).get(fieldname, ()), fp.threshold)
        if fp.snap:
            model = snap(model, candidates)
        rule_pair = None if rule is None else (rule.start, rule.end)
        got = choose(fp.way, rule_pair, model)
        if fp.veto and model_spans is not None and got == rule_pair and vetoed(rule_pair, model_spans.get(fieldname, ())):
            got = None
        out[fieldname] = rule if got == rule_pair else _model_span(fieldname, text, got)
    return out


# ----------------------------------------------------------- owed total
_OWN_SUM = re.compile(rf"(我自己|我一个人|我个人|我本人|我这边|俺自己|俺一个人|我的是|我的就是|我的(工钱|工资)是|我的账|本人|一个人的工资|一个人的工钱|(?<![一二三四五六七八九十两几\d每整多余来])个人|其本人|其个人|来电人)[^{CLAUSE_PUNCT}]{{0,8}}$")


def _clause_before(text: str, i: int, limit: int = 14) -> str:
    left = text[max(0, i - limit):i]
    cut = max(left.rfind(c) for c in "，。；！？,;!?:：")
    return left[cut + 1:]


_PAID_MONTHS = re.compile(r"(只给了|只发了|给了|发了|结了|支付了|付了|支付|只拿到了?|拿到了)(头|前)?(?P<n>[一二两三四五六七八九十\d]+|半|首)个?月"
                          # 第一个月发了, 头两个月按时给了: the first months paid, said before the verb
                          r"|(第一|头|前)(?P<n3>[一二两三四五六七八九十]?)个月的?(工资|工钱)?(都|是)?(按时|正常)?(发了|给了|结了|付了|发过)(?![我俺]?\s?[\d一二两三四五六七八九十几]+[千万百块元\d])"
                          r"|(只给了|只发了|只结了)[^，,。]{1,8}?(?<![\d、])(?P<n2>[一二两三四五六七八九十]+)个月")   # 只发了3、4月两个月
# 剩余三个月工资未结, 欠薪4个月: the months owed, written out
_OWED_MONTHS = re.compile(r"(剩余|剩下|还有|拖欠|欠发|拖发|欠了?|欠薪|差|扣了我?|扣发了?|扣我)(我们|我|俺们|俺|其)?(?:(?P<n>[一二两三四五六七八九十\d]+)个|(?P<n6>俩|仨))多?月(的)?(工资|工钱|薪水|没|未)?"
                          r"|(?:(?:(?<!\d)(?P<n2>\d+)|(?<![一二两三四五六七八九十])(?P<n4>[一二两三四五六七八九十]+))个|(?P<n3>俩|仨))多?月(来|以来)?(的)?(工资|工钱|公资|薪水|钱|人工)?\s?(都|也|一直|还|就)?(一分钱?|分文)?"
                          r"((至今|到现在|到今天|一直)?(没|未|冇)(有)?(发|给|结|拿|开|出)|欠着|拖着)")
# months owed named one by one (六月七月的都没给, 3月、4月的工资一直没发): as many months as are named
_OWED_MONTH_LIST = re.compile(r"((?:(?:[一二三四五六七八九十]{1,2}|\d{1,2})月份?(?:[、和跟及同,，]|\s(?:还有)?|还有)?){2,4})(的|嘅)?(工资|工钱|薪水|钱|人工)?(都|也|一直|还)?"
                              r"((没|未|冇)(有)?(发|给|结|拿|开)|欠着|拖着)")
# 4月到现在7月的都没发: a range of months, to now, owed
_OWED_TO_NOW = re.compile(r"(?<!\d)(?P<a>\d{1,2})月份?(到|至)(现在|目前|如今|今天)的?(?P<b>\d{1,2})月份?的?(工资|工钱|薪水|钱)?(都|也|一直|还)?"
                          r"((没|未|冇)(有)?(发|给|结)|欠着|拖着)")
# 扣发其12月工资, 上个月的还拖着没发: one month owed
_ONE_MONTH_OWED = re.compile(r"(扣发|拖欠|扣下|扣了|欠)(其|我|了)?(?<!\d)\d{1,2}月份?的?(工资|工钱|薪水)(?![、和及与至到\d])"
                             r"|(上个月|上月|这个月|当月)的?(工资|工钱|薪水)?(还|一直|都)?(拖着|没发|未发|没给|没结)")
# 拖欠全厂一百多名职工3至5月工资: a range of months owed
_OWED_MONTH_RANGE = re.compile(rf"(拖欠|欠|没发|未发|没给)[^{CLAUSE_PUNCT}]{{0,14}}?(?<!\d)(?P<a>\d{{1,2}})(至|到|-|~)(?P<b>\d{{1,2}})月份?的?(工资|工钱|薪水)")
_OTHERS_ALIKE = re.compile(r"(情况相同|情况一样|一样的情况|都一样|也一样|都是这样|也是这样|跟我一样|和我一样|同样|都係咁|都一樣|都被拖欠|也被拖欠|"
                           r"也差不多|都差不多|都这样|像我这样|像我这种|跟我情况一样|均是如此|都是如此|都是这个情况|都是这么个情况|"
                           r"也都没|也都冇|也被扣|都被扣|也没拿到|都没拿到|都是一样|都系咁|都这么被|全部都冇|类似情况|类似的情况|"
                           r"被欠薪的还有|被拖欠的还有|被欠的还有|也这个数|也是这个数|差不多这个数|都是这种情况|都是这样的情况|都是一样的情况|"
                           r"都是这情况|都这情况|也是这情况|跟我差不多|和我差不多|差不多一样|情况与(信访人|来电人|本人|我)相同|情况(和|跟|与)(她|他|其)(一样|相同)|"
                           r"相同情况|同样情况|相同的情况|同样的情况|情况差不多|情况都差不多|也是一样|"
                           r"都是这个数|也都是这个数|一样的钱|一样的账|一个样|数额与(信访人|来电人|其|我|本人)相同|数额相同|都被欠着|也都被欠着|"
                           r"还有[^。；;！!？?]{0,10}(人|个|名)[，,]?(都|也)(没|未)(给|发|拿到|结))")
# arrears of the whole staff, said before the writer's own sum (该厂拖欠全体员工工资 … 共欠本人17400元)
_ALL_STAFF_OWED = re.compile(r"(拖欠|欠|扣|停发|没发|未发)(了)?(全体|所有|全部|全厂|全公司)(的)?(员工|职工|工人|教职工|老师|教练)")
# the writer's own sum: 欠了我 / 我自己 / 来电人本人 / 我的是, not 我们 / 大家 / a headcount's sum
_OWN_LEFT = re.compile(r"((欠|给|拖|差|扣)(了|咗)?(我|俺|其|来电人|信访人|本人)(?![们])|(从|在)(我|俺)的?工资(里|中)|我一共|我总共|我被欠了?|我的(工钱|工资)是|我自己|我个人|我本人|本人|来电人本人|我的是|我是|我每月|我每个月|我一个月|我这一份|我这份|"
                       r"(^|[，,。：:\s])(我|俺)(爸|妈|爱人|老公|媳妇)?(?![们])((?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})月份?[、和]?){1,4}的?|上个?月|这个月|[一二两三四五六七八九十\d]{1,2}个多?月的?|的)?(跑了|干了|做了|上了|一共|总共|被扣了?|被欠了?|算了一?下|的?(工资|工钱)))")
# a work order's one complainant: 来电人系…教练员, 其为…代课教师
_WRITER_IS = re.compile(r"(^|[，,：:\s])(其|来电人|本人|我)原?(为|系|是|在|经|于|由)")
# a sum for many, right before a figure (一共, 我们, 全队被欠): no one writer's own
_GROUP_TOTAL = re.compile(r"(共计|合计|总计|一共|总共|全部|共|我们|大家|总额|总数|加起来|累计|全队|全厂|全体|全公司|所有人)")
_GROUP_LEFT = re.compile(r"(我们|俺们|咱们|大家|全体|全队|全厂|全公司|工人们|[0-9一二两三四五六七八九十几多余]+(个|名|位)?人的|每人|人均|全部(?!门))")
_EARNED = re.compile(rf"(一共是?|总共是?|加起来|应付|应得|应发|应该是|应该有|核算下来|算下来|合计|共计|(工钱|工资)共|全年(的)?工资|该拿|(说好|讲好|谈好)一年|"
                     rf"(工资条|工资单|后台)上?(写的|写着|显示)?|跑了|算的账是?|总额为?|总额是|应结)[^{CLAUSE_PUNCT}]{{0,6}}$")
# a sum handed over (给了, 打过来, 畀咗): the verbs the rules for sums paid share
_PAID_VERB = r"给了|给过|付了|付过|支付了?|发了|结了|打了|转了|转过|打过来|转过来|拿到了?|拿了|俾咗|畀咗|预支了?"
_PAID_LEFT = re.compile(rf"(只|仅|就|才|光)?({_PAID_VERB}|到手)(我|俺|其)?(第一笔|一笔|首笔)?(生活费)?[^{CLAUSE_PUNCT}]{{0,2}}$"
                        rf"|(到手|打到卡[里上]|卡[里上]|实发)的?(一共|总共)?(才|只有|就|只)?[^{CLAUSE_PUNCT}]{{0,1}}$")
# a fee, deposit or allowance right after a figure: no one's pay
_NON_WAGE_AFTER = re.compile(r"\s?的?[^，,。]{0,3}(费|押金|医药|路费|罚款|补贴|补助|违约金)")


def _writers_own_sum(text: str, a: Amount) -> bool:
    """The writer's own sum where the others are in the same case (convention O1): 我自己是两万三,
    or 欠了我两万一千多 / 一共差了8000块 with 像我这样的还有三十几个人 / 同校另有5名老师情况相同 after it.
    Not a sum of the group's (我们十一个人的工钱算下来是五十六万三)."""
    clause = _clause_before(text, a.start)
    own = _OWN_SUM.search(clause)
    if own and not _GROUP_TOTAL.search(clause, own.start()) or re.search(r"我的(一共|总共|共|合计|加起来)", clause):
        return True          # 我自己是两万三, 我的一共1.5w左右
    sentence = _sentence_left(text, a.start, 80)
    last_own = list(_OWN_LEFT.finditer(sentence))
    # a transcript without punctuation is one long "sentence": group words before the writer's own
    # (他老板欠我们工资 … 我一个月是六千二) are no group sum
    if _GROUP_LEFT.search(sentence[last_own[-1].start():] if last_own else sentence):
        return False
    return bool((_OTHERS_ALIKE.search(text, a.end) or _ALL_STAFF_OWED.search(text, 0, a.start)
                 or re.search(r"(全公司|全厂|全体|全校|所有人)[^。]{0,14}(都是一样|都一样|一样的情况|情况相同|都是这样)", text[:a.start]))
                and (_OWN_LEFT.search(sentence) or _WRITER_IS.search(text, 0, a.start)))


# each one's share, said right before a sum worded as owed (每人被扣1200元, 每个人也就是，七八千块钱,
# 俺们一人都得差个八九千): the sum is per head
_EACH_LEFT = re.compile(r"(每人|每个人|每名|每位|人均|(?<![我俺])一人)(?P<gap>[^，,。；;！!？?\d]{0,12}[，,]?[^，,。；;！!？?\d]{0,6})$"
                        r"|(?<=[人资钱款])各$")        # 拖欠我们三人工资各28000元
# a total or a range right after a share (每人一万到三万不等，合计约50万元) or a rate per month (每人每月绩效约1000元)
_NOT_EACH = re.compile(r"合计|总计|共计|总额|总共|一共|合起来|加起来|不等|总的|有的|月|[万千百块元]")
_UNEVEN_AFTER = re.compile(r"不等|有的多|有多有少|多的|少的|总的|总计|合计|共计|总额|合起来|加起来|每月|一个月")


def _each_share(text: str, a: Amount) -> bool:
    each = _EACH_LEFT.search(_sentence_left(text, a.start, 24))
    return bool(each and not _NOT_EACH.search(each.group("gap") or "") and not _UNEVEN_AFTER.search(text[a.end:a.end + 14]))


def _group_sum(text: str, a: Amount) -> bool:
    """A sum earned or owed by the whole group, stated as such (我们十一个人的工钱算下来是五十六万三)."""
    return bool(_EARNED.search(text[max(0, a.start - 14):a.start]) and _GROUP_LEFT.search(_sentence_left(text, a.start)))


# a sum agreed for the whole job, right before the figure (说好7800, 约定工钱一万一千五): earned once done
_AGREED = re.compile(rf"(说好|讲好|谈好|约定|讲定|说定)(的)?(工钱|工资|价钱|费用|服务费)?(是|为|给我?)?[^{CLAUSE_PUNCT}\d一二两三四五六七八九十]{{0,2}}$"
                     rf"|(说好|讲好|谈好|讲定|说定)(的)?[^{CLAUSE_PUNCT}\d]{{0,10}}(给我|俾我|畀我)\s?$")     # 讲好整栋楼做完给我三万八


def _paid_after(text: str, amounts: list[Amount], total: Amount, workers: int | None = None) -> float:
    """A sum paid against a stated total that follows it (一共一万八千四 他就给了六千 剩下的一直拖着); paid to each
    of them (工资款共计叁拾贰万元整，罗某只每人发了两千块), once per worker."""
    if not (_EARNED.search(text[max(0, total.start - 14):total.start]) or total.kind == "other" and total.rate is None
            and _AGREED.search(text[max(0, total.start - 10):total.start])):
        return 0.0
    if re.match(r"^\s?(元|块)?(未结清|未结|未付|未支付|没结|没给|没付|至今未)", text[total.end:total.end + 6]) or \
            re.search(r"扣(了|掉了?|除了?)[^，,。]{0,3}$", text[max(0, total.start - 8):total.start]):
        return 0.0          # 工资共计12.6万元未结清: what is still owed; 罚款加起来扣了一千四: what was kept back
    by_turns = _installments(text, [a for a in amounts if a.start > total.end])
    if by_turns and re.search(r"(扣掉|扣除|减掉|去掉)[^。；;]{0,16}(以后|之后)", text[total.end:total.end + 40]):
        return 0.0              # 一共还欠我一万二 这个是已经扣掉他给过我两回钱以后的数: the total is what is left
    first = next((a for a in amounts if a.start > total.end), None)
    if by_turns and workers and first is not None and re.search(r"(每人|每个人|一人)", text[total.end:first.start]):
        by_turns *= workers     # 每个人过年前给了五千，中秋又给了两千: each time to each of them
    if by_turns and by_turns < total.value:
        return by_turns         # 给过我两回钱 一回两千 一回三千: every turn
    for a in amounts:
        left = text[max(0, a.start - 8):a.start]
        # 到手就剩几百块: a paid sum only guessed at leaves no remainder to derive
        if a.start > total.end and a.kind in ("other", "per_person") and a.rate is None and _PAID_LEFT.search(left) \
                and a.value < total.value and a.start - total.end < 40 and "几" not in a.text:
            each = workers if workers and re.search(r"(每人|每个人|一人)", left) and a.value * workers < total.value else 1
            return a.value * each
    return 0.0


# a payment made in turns, the turns named one by one (给过我两回钱 一回两千 一回三千, 前后俾咗我三次钱 第一次三千
# 第二次五千 第三次得两千, 年前打过来1万 过完年又转了8千) or as a count of equal ones (一回一千五 总共给了四回)
_TURNS_OPEN = re.compile(r"(给过|给了|付过|付了|打过|转过|俾咗|畀咗|预支过|支过|拿过)[我俺]?[^，。,；;]{0,4}?(?P<n>[两二三四五六七八九十\d几]+)(回|次|趟)")
_TURN = re.compile(r"(一回|一次|第[一二三四五六七八九十\d]+(回|次)|每次|每回)(得|是|给了?|打了?|转了?)?\s?$")
_AGAIN_PAID = re.compile(r"(又|再|后来又|过完年又)(给|转|打|发|结)了?[我俺]?\s?$")
_PAID_ONCE = re.compile(rf"({_PAID_VERB})[我俺]?\s?$")
_N_TURNS_AFTER = re.compile(r"^[^。；;]{0,6}?(总共|一共|共|前后|先后)?(给了?|打了?|转了?|支了?)?(?P<n>[两二三四五六七八九十\d]+)(回|次)")


def _installments(text: str, later: list[Amount]) -> float:
    """What was paid in turns, from the sums after a total (`later`); 0.0 where no turns are written."""
    opened = _TURNS_OPEN.search(text)
    turns = []
    for a in later:
        left = text[max(0, a.start - 6):a.start]
        if a.rate is not None:
            continue
        if _TURN.search(left) and (opened and 0 < a.start - opened.end() < 30 or turns):
            counted = _N_TURNS_AFTER.match(text[a.end:]) if "每" in left else None    # 每次2000元 … 5次
            turns.append(a.value * (_count(counted.group("n")) or 1) if counted else a.value)
        elif turns and _AGAIN_PAID.search(left) or not turns and _PAID_ONCE.search(text[max(0, a.start - 8):a.start]) \
                and any(_AGAIN_PAID.search(text[max(0, b.start - 8):b.start]) for b in later if 0 < b.start - a.end < 24):
            turns.append(a.value)       # 年前打过来1万 过完年又转了8千
    if turns:
        return sum(turns)
    for a in later:         # 一回一千五 总共给了四回: equal turns, counted after
        counted = _N_TURNS_AFTER.match(text[a.end:])
        if _TURN.search(text[max(0, a.start - 6):a.start]) and counted:
            return a.value * (_count(counted.group("n")) or 1)
    return 0.0


# a half paid after every sum is written (老板认了欠我8000，上礼拜给了一半)
_HALF_PAID = re.compile(r"(只|才|就|先)?(给|发|付|结|打)了?(其中的?)?一半(?!的?(工资|工钱|钱)?(没|未|不))")


# a sum handed over once (就给了我四千, 结了1000, 只转了我2000块), not pay in hand each month (到手才4500),
# at a settling up (走的时候, 辞职了老板就给我结了, 最后只转了我, 到现在就给了): what was earned and not paid is owed
# though no word of arrears is written; without one, a sum paid is no more than a low wage
_SETTLED = re.compile(r"走的时候|辞职|离职|不干了|结账|结算|干完|完工|最后只|到现在|剩下|其余|余下")
_HANDED_OVER = re.compile(rf"({_PAID_VERB}|给我|结给我?|转给我?|只给|就给|才给)[我俺]?[^{CLAUSE_PUNCT}\d]{{0,3}}$")


def _owed_total(text: str, amounts: list[Amount], workers: int | None, period_cand,
                period_cands=(), groups=()) -> tuple[float | None, bool]:
    """What is owed as written or derived (`_owed_as_written`); a half paid after every sum is
    written (干了二十天…结账时只给了一半) leaves half of it owed."""
    total, derived = _owed_as_written(text, amounts, workers, period_cand, period_cands, groups)
    if total and amounts and _HALF_PAID.search(text, amounts[-1].end):
        return total / 2, True
    return total, derived


def _owed_as_written(text: str, amounts: list[Amount], workers: int | None, period_cand,
                     period_cands=(), groups=()) -> tuple[float | None, bool]:
    """In this order: two or more groups with their sums (`_groups_each`, found once by `extract`) add up;
    sums listed month by month or person by person add up; the part of a sum not paid (只付了三成); the
    stated total (less what was paid against it); else per-person x headcount, day rate x days, piece or
    hourly rate x quantity, month rate x months (x headcount), less advances; else wages kept back or
    claimed. A writer who gives only their own sum and a headcount of others in the same case
    (还有十几个人跟我一样) gets own sum x headcount (convention O1, corpora/README.md)."""
    if groups:
        return sum(owed for _, owed in groups), True
    listed = _listed_sums(text, amounts)
    if listed:
        return listed, True
    unpaid = _unpaid_part(text, amounts)
    if unpaid:
        return unpaid, True
    owed = [a for a in amounts if a.kind == "owed_total"]
    if owed:
        return _owed_from_stated(text, amounts, owed, workers)
    # 扣发最后一个月工资4200元及提成约800元: the parts withheld together
    for a, b in zip(amounts, amounts[1:]):
        between = text[a.end:b.start]
        if re.fullmatch(rf"\s?(及|和|以及|加上|另加|外加)[^{CLAUSE_PUNCT}]{{0,8}}", between) and \
                re.search(rf"(扣发|扣着|扣下|拖欠|欠|未付|没给|不给|未发|没发|不发|克扣)[^{CLAUSE_PUNCT}]{{0,12}}$", text[max(0, a.start - 16):a.start]) \
                and not re.search(r"(押金|费)", between + text[b.end:b.end + 3]):
            return a.value + b.value, True
    for a in amounts:
        paid = _paid_after(text, amounts, a, workers) if a.kind in ("other", "monthly_wage") else 0.0
        if paid and not _said_kept_after(text, amounts, a):
            # 我跑了九千多 就给了四千 还有好几个兄弟也这样: the writer's own remainder, times the headcount (O1)
            each = workers if workers and workers >= 2 and _writers_own_sum(text, a) else 1
            return (a.value - paid) * each, True
    if not ARREARS.search(text):
        # no word of arrears, but a rate, how long and a part paid (月薪4200元，干了一个半月…只给了1000元): the rest
        handed = any(a.kind == "other" and a.rate is None and _HANDED_OVER.search(text[max(0, a.start - 8):a.start]) for a in amounts)
        by_rate = _owed_by_rate(text, amounts, workers, period_cand, period_cands) if handed and _SETTLED.search(text) else None
        return (by_rate, True) if by_rate is not None else _owed_fallback(text, amounts, workers)
    # 我一个人就6千几 … 我哋组十几个人都系咁: the writer's own sum, with no arrears word at it, and the others
    # in the same case (O1)
    own_sums = [a for a in amounts if a.kind == "other" and a.rate is None and not _PIECE_RATE.search(text[max(0, a.start - 8):a.start])
                and _OWN_SUM.search(_clause_before(text, a.start))
                and _OTHERS_ALIKE.search(text, a.end) and not _NON_WAGE_AFTER.match(text, a.end)]
    if workers and workers >= 2 and len(own_sums) == 1:
        return own_sums[0].value * workers, True
    per = [a for a in amounts if a.kind == "per_person"]
    paid_each = [a for a in per if _paid_to(text, a)]
    owed_each = [a for a in per if a not in paid_each]
    if owed_each and workers:
        # 说好每人四万，结果一人才给了一万五: what each is still owed, times the headcount
        still = _REMAINS.search(text[max(0, owed_each[0].start - 8):owed_each[0].start])    # 每人还差两万多: paid already
        left = owed_each[0].value - (paid_each[0].value if paid_each and paid_each[0].value < owed_each[0].value and not still else 0)
        return left * workers, True
    by_rate = _owed_by_rate(text, amounts, workers, period_cand, period_cands)
    if by_rate is not None:
        return by_rate, True
    return _owed_fallback(text, amounts, workers)


def _owed_from_stated(text: str, amounts: list[Amount], owed: list[Amount], workers: int | None) -> tuple[float, bool]:
    """From the amounts worded as owed (`owed`), the plainest: as written, less what was paid against it,
    the group's sum where the writer's own is given beside it, own sum or each one's share x headcount (O1),
    plus another item of pay owed right after it (`_also_owed`)."""
    best = max(owed, key=lambda a: (a.cue, a.value))
    own = _OWN_SUM.search(_clause_before(text, best.start)) or _OWN_LEFT.search(_sentence_left(text, best.start))
    group = [a for a in amounts if a.value > best.value and _group_sum(text, a)] if own else []
    if group:
        # 我们十一个人的工钱算下来是五十六万三 … 我自己这一份还差三万多: the group's sum, less what was paid
        return group[0].value - _paid_after(text, amounts, group[0]), True
    # 我自己是两万三 / 来电人本人被欠2.4万元 beside a headcount, or 欠我两万一千多，全校四十多个老师都一样:
    # own sum x headcount (O1)
    also = _also_owed_items(text, amounts, best)
    also = also if len(owed) <= 1 + len(also) else []
    extra = sum(a.value for a in also)         # 最后两个月工资1万4，全勤奖6千也不给
    if workers and workers >= 2 and len({a.value for a in owed if a not in also}) == 1 and \
            (_writers_own_sum(text, best) or _each_share(text, best)):
        return (best.value + extra - _paid_after(text, amounts, best)) * workers, True
    paid = _paid_after(text, amounts, best, workers)
    if paid:
        return best.value - paid, True          # 一共一万八千四，他就给了六千: earned - paid
    return best.value + extra, bool(extra)


# a second sum owed right after the one worded as owed, another item of pay (工资两千八 还有加班费五百多…
# 都不给了, 工资共计9600元以及课时提成约2000元, 她的三千块也没给)
_ALSO_LINK = re.compile(rf"^[^。；;！!？?]{{0,14}}?(还有|以及|及|和|另外|另有|加上|外加|、|也)")
_NOT_PAID_AFTER = re.compile(rf"^[^。；;！!？?\d]{{0,12}}?(也|都|一直|至今|到现在|还|仍)?(没有?|未|不|冇)(给|发|结|退|付|支付|发放|结清|兑现)")
# an item of pay (工资, 提成, 全勤奖, 跑单费 …): another sum owed after it is pay too, and a sum beside it no rent or loan
_PAY_ITEM = re.compile(r"(工资|工钱|公资|人工|薪|劳务费|劳务款|工费|底薪|提成|加班费|全勤|绩效|奖金|年终奖|补贴|补助|课时费|派件?费|配送费|跑单费)")
# a deposit or fee kept (押金500也说不退): the gold sets count it as owed only now and then; left out
_KEPT_ITEM = re.compile(r"(押金|押的|保证金|服装费|体检费|培训费|介绍费|费用)")
_SUM_LEFT = re.compile(rf"(加起来|一共|总共|合计|共计|总计|共)[^{CLAUSE_PUNCT}]{{0,3}}$")


def _also_owed_items(text: str, amounts: list[Amount], best: Amount) -> list[Amount]:
    """The other items of pay owed listed after `best`, each after the one before (工资5600元、加班费1240元
    以及全勤奖200元均未发放)."""
    items: list[Amount] = []
    prev = best
    while (b := _also_owed(text, amounts, prev, best)) is not None and b not in items:
        items.append(b)
        prev = b
    return items


def _also_owed(text: str, amounts: list[Amount], prev: Amount, first: Amount) -> Amount | None:
    """The next sum after `prev` that is owed too, as another item (`_ALSO_LINK` before it, not paid after
    it); None where it is a rate, a sum paid, or the two added up (加起来6000). The arrears word of a list
    stands before its `first` item."""
    later = [a for a in amounts if a.start >= prev.end]
    if not later:
        return None
    b = later[0]
    if b.rate is not None or b.kind not in ("other", "owed_total") or b.start - prev.end > 24 or b.value == prev.value:
        return None
    gap = text[prev.end:b.start]
    if not (_ALSO_LINK.match(gap) or _PAY_ITEM.search(gap)) or _SUM_LEFT.search(gap) or _PAID_LEFT.search(gap) \
            or _PIECE_RATE.search(gap[-8:]) or _KEPT_ITEM.search(gap) or _NON_WAGE_AFTER.match(text, b.end):
        return None
    listed = re.match(r"^[^。；;！!？?，,]{0,3}(以及|及|和|、)", gap) and \
        re.search(r"(拖欠|未结清|未结|未发|没发|没结|欠|扣发|克扣)", text[max(0, first.start - 16):first.start])
    return b if listed or _NOT_PAID_AFTER.match(text[b.end:]) or _NOT_PAID_AFTER.match(gap) and "也" in gap else None


# what was done, before a count of days, workdays or pieces (干了四十二天, 一共记了96个工, 摘了4000斤)
_WORK_DONE = (r"干了?|做了?|上了?|出了|出工|出勤|跑了|拉了|送了|摘了|采了|拾了|割了|挖了|搬了|砍了|记了|"
              r"一共|总共|共|累计|算下来")


# half the wage paid each month (每个月只发一半工资, 工资就发一半, 每月只发基本工资的一半)
_HALF_EACH_MONTH = re.compile(r"(每个?月|这几个月|这些月)[^。；;]{0,10}(只|就|才|都只)?(发|给|付)了?(工资的)?一半|工资(就|只|都)(发|给)一半")


def _owed_by_rate(text: str, amounts: list[Amount], workers: int | None, period_cand,
                  period_cands=()) -> float | None:
    """Day rate x days (or workdays), piece or hourly rate x quantity, month rate x months, each x the
    headcount and less what was paid; None where no rate and its count are written."""
    if period_cand is not None and period_cand.score in (4.0,) or period_cand is not None and period_cand.months is None:
        # an open range (今年3月开始) counts to the reference date; a stated duration (已经四个月了) is better
        durs = [c for c in period_cands if c.score >= 3.0 and c.months and c is not period_cand and c.sd is None
                or (c is not period_cand and c.score == 3.0 and c.months)]
        # 自2024年4月起 … 截至8月底共5个月 / 迄今已有4个月 / 至今已欠发三个月: the duration the text states after an
        # open range counts, not the months from its start to the reference date
        stated = [c for c in period_cands if c is not period_cand and c.months and period_cand.months
                  and c.months < period_cand.months and c.start > period_cand.start and (c.sd is None or c.ed == period_cand.ed)
                  and re.search(r"(共|已有|已经|已|欠发|拖欠|拖了|欠了|累计)$", text[max(0, c.start - 3):c.start])]
        if durs:
            period_cand = durs[0]
        elif stated and period_cand.score == 4.0:
            period_cand = stated[0]
    months = period_cand.months if period_cand is not None else None
    # the others in the same case as the writer (O1): an advance the writer names was paid to each of them
    alike = bool(workers and workers >= 2 and (
        _OTHERS_ALIKE.search(text) or re.search(r"(一起|一块|跟着)(干|做|来|去)[^。，,]{0,3}还有", text)))
    turns = _installments(text, amounts)
    paid = turns * (workers if alike and workers else 1) if turns else _paid_wages(text, amounts, workers, each_by_default=alike)
    daily = [a for a in amounts if a.kind == "daily_wage"]
    if daily:
        days_c = period_cand if period_cand is not None and period_cand.unit == "day" else next(
            (c for c in period_cands if c.unit == "day" and (c.score >= 3.0 or re.search(
                rf"({_WORK_DONE}|施工|工作了?)(有|约|大约|差不多)?$", text[max(0, c.start - 6):c.start])
                and not re.search(r"(一个月|每月|每个月|一周|每周)(上|干|做)$", text[max(0, c.start - 5):c.start]))), None)
        # 一共记了96个工: workdays, where no number of days is written
        work_days = re.search(rf"({_WORK_DONE})[^，。,]{{0,3}}?(?P<n>\d{{1,3}}|[一二两三四五六七八九十百]{{1,7}})个工(?![资钱人])", text)
        n_work_days = (_count(work_days.group("n")) or 0) if work_days else 0      # 百个工 and the like: no count
        if (days_c is None or not days_c.months) and n_work_days:
            total = daily[0].value * n_work_days * (workers or 1) - paid
            if total > 0:
                return total
        if days_c is not None and days_c.months:
            days = round(days_c.months * 30)
            total = daily[0].value * days * (workers or 1) - paid
            if total > 0:
                return total
    by_piece = _piece_rate_total(text, amounts, workers, each_by_default=alike)
    if by_piece is not None and by_piece - paid > 0:
        return by_piece - paid
    monthly = [a for a in amounts if a.kind == "monthly_wage"] or [a for a in amounts if a.rate == "month_other"]
    owed_months = _months_owed(text) if monthly else None
    if owed_months is not None:
        months, period_cand = owed_months, None
    half_paid = bool(monthly and _HALF_EACH_MONTH.search(text))
    if monthly and owed_months is None and (not months or half_paid) and (half_paid or any(a.rate in ("month_paid", "month_other") for a in amounts)):
        # 每月只拿到2600元，已经持续8个月 / 每个月只发一半 … 一共五个月了: how long the part pay has gone on
        lasted = re.search(r"(已经|已|持续|共|一共)(持续)?了?(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})个多?月", text)
        if lasted:
            months, period_cand = parse_number(lasted.group("n"))[0], None
    if monthly and months and months >= 1 and (period_cand is None or period_cand.unit != "day"):
        n = months
        pm = _PAID_MONTHS.search(text)
        if pm and owed_months is None:          # months paid count only against months worked
            try:
                paid_n = pm.group("n") or pm.group("n2") or pm.group("n3") or "一"
                paid_m = {"半": 0.5, "首": 1}.get(paid_n) or parse_number(paid_n)[0]
            except ValueError:
                paid_m = 0
            if paid_m < n:
                n -= paid_m
        # 每月该拿的4000块只给了生活费每月800: a monthly allowance paid against a monthly wage
        per_month_paid = next((a.value for a in amounts if a.rate in ("month_other", "month_paid") and a.value < monthly[0].value
                               and re.search(r"(给|发|付|支付|拿到)[^。]{0,8}$", text[max(0, a.start - 12):a.start])), 0.0)
        if half_paid and not per_month_paid and not _HALF_PAID.search(text, amounts[-1].end):
            per_month_paid = monthly[0].value / 2    # 每个月只发一半工资 said before the figures (after them, `_owed_total` halves)
        if per_month_paid:
            rate, paid, pm = monthly[0].value - per_month_paid, 0.0, None
        else:
            rate = monthly[0].value
        if float(n * 2).is_integer():          # whole or half months (干了三个半月)
            total = rate * n * (workers or 1) - (0.0 if pm else paid)
            if total > 0:
                return total
    return None


# a rate per hour, piece, order, kilo, square metre or trip (一个小时十八块, 一件2块5, 每平方米22元, 一趟八百)
# and the quantity done (两百二十个钟头, 3100多件, 约9600平方米, 三十几趟): what was earned
_PIECE_UNITS = {"小时": "小时|钟头|个钟", "钟头": "小时|钟头|个钟", "件": "件", "单": "单", "公斤": "公斤", "斤": "斤(?!两)",
                "平方米": "平方米|平方|平米|平", "平米": "平方米|平方|平米|平", "平": "平方米|平方|平米|平", "趟": "趟", "车": "车", "吨": "吨"}
_PIECE_RATE = re.compile(rf"(?:一个|每个|一|每)(?P<unit>小时|钟头|件|单|公斤|斤|平方米|平米|平|趟|车|吨)[^{CLAUSE_PUNCT}\d]{{0,4}}$|(?P<hourly>时薪)$")


def _piece_rate_total(text: str, amounts: list[Amount], workers: int | None, each_by_default: bool = False) -> float | None:
    """Rate x quantity for a piece or hourly rate and the quantity done, times the headcount where each of
    them did it (每个人都做了两百六十个小时) or the others are in the writer's case (`each_by_default`, O1);
    None where either is missing."""
    for a in amounts:
        if a.kind != "other":
            continue
        m = _PIECE_RATE.search(text[max(0, a.start - 8):a.start])
        if not m:
            continue
        units = _PIECE_UNITS[m.group("unit") or "小时"]
        if re.search(r"(加班费|加班工资|停车|收费)", text[max(0, a.start - 12):a.start]):
            continue          # 加班费按每小时10元, 之后每小时3元 (parking): no pay for the hours worked
        for q in re.finditer(rf"({_WORK_DONE})[^，。,\d一二两三四五六七八九十百千]{{0,3}}"
                             rf"(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+几?)(?:多|余|来)?(?:个)?(?:{units})", text):
            try:
                n = parse_number(q.group("n"))[0]
            except ValueError:
                continue
            if n < 2:
                continue
            each = workers if workers and (each_by_default or re.search(r"(每个人|每人|大家|都)[^，。,]{0,6}$", text[max(0, q.start("n") - 8):q.start("n")])) else 1
            return a.value * n * each
    return None


# 高空组8个人每人还差一万二，普工组13个人每人还差七千: groups, each with its own headcount and sum each
_GROUP_EACH = re.compile(rf"(?P<n>\d{{1,4}}|[一二两三四五六七八九十]{{1,3}})(个人|名|个|人)[，,]?[^{CLAUSE_PUNCT}\d]{{0,3}}(每人|每个人|一人|各)[^{CLAUSE_PUNCT}\d]{{0,8}}$")
# 大工9人、小工6人 … 大工每人欠1.8万元，小工每人欠1.1万元 / 大工4个一天400 小工3个一天260 都干了25天: groups named
# by their trade, the headcount beside the sum or stated before it
_TRADES = (r"大工|小工|技工|普工|壮工|力工|杂工|师傅|徒弟|男工|女工|钢筋工|木工|瓦工|泥工|电工|焊工|架子工|油漆工|水电工|抹灰工|"
           r"护工|保洁|保安|教师|保育员|厨师|服务员")
_TRADE_EACH = re.compile(rf"(?P<trade>{_TRADES})(?P<n>\d{{1,3}}|[一二两三四五六七八九十]{{1,3}})?(个人|名|个|人)?[，,]?"
                         rf"(?P<rate>每人|每个人|一人|一天|每天|每月|每个月)[^{CLAUSE_PUNCT}\d]{{0,3}}$")
_DAYS_WORKED = re.compile(r"(都|一共|共|各)?(干了|做了)(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})天")


_TWO_THREE = {"俩": 2, "仨": 3}       # counts parse_number does not read


def _count(numeral: str) -> int | None:
    if numeral in _TWO_THREE:
        return _TWO_THREE[numeral]
    try:
        return int(parse_number(numeral)[0])
    except ValueError:
        return None


# 木工班12个人…欠21万；隔壁钢筋班9个人…欠16万多: groups, each with its headcount and the sum owed to all of it
_GROUP_OWES = re.compile(rf"(?P<n>\d{{1,4}}|[一二两三四五六七八九十]{{1,3}})(个人|名|人)[^。；;！？!?每]{{0,20}}?(一共|总共|共)?(也)?(欠了?|还差|差了?)"
                         rf"[^{CLAUSE_PUNCT}\d]{{0,3}}$")


def _groups_each(text: str, amounts: list[Amount]) -> list[tuple[int, float]]:
    """(headcount, sum owed to the group) for every group of two or more stated one after another, else []."""
    groups = []
    for a in amounts:
        m = _GROUP_EACH.search(text[max(0, a.start - 16):a.start])
        n = _count(m.group("n")) if m and a.kind in ("per_person", "owed_total", "other") else None
        if n:
            groups.append((n, n * a.value))
    if len(groups) >= 2:
        return groups
    totals, prev_end = [], 0
    for a in amounts:
        lo = max(prev_end, a.start - 30)
        m = _GROUP_OWES.search(text[lo:a.start])          # each group's head after the sum before it
        n = _count(m.group("n")) if m and a.kind in ("owed_total", "other") else None
        if n:
            totals.append((n, a.value))
        prev_end = a.end
    if len(totals) >= 2:
        return totals
    trades = []
    for a in amounts:
        m = _TRADE_EACH.search(text[max(0, a.start - 12):a.start])
        if not m or any(m.group("trade") == t for t, _, _ in trades):
            continue
        stated = m.group("n") or next((c.group("n") for c in re.finditer(
            rf"{m.group('trade')}(共|有|共有)?(?P<n>\d{{1,3}}|[一二两三四五六七八九十]{{1,3}})(个人|名|个|人)", text)), None)
        n = _count(stated) if stated else None
        if not n:
            return []
        if m.group("rate") in ("一天", "每天"):
            days = _DAYS_WORKED.search(text, a.end)
            if not days or not _count(days.group("n")):
                return []
            trades.append((m.group("trade"), n, a.value * _count(days.group("n"))))
        elif m.group("rate") in ("每月", "每个月"):
            months = _months_owed(text)          # 护工32人每月3200元，保洁26人每月2600元 … 连续三个月没发
            if not months:
                return []
            trades.append((m.group("trade"), n, a.value * months))
        else:
            trades.append((m.group("trade"), n, a.value))
    return [(n, n * each) for _, n, each in trades] if len(trades) >= 2 else []


# 3月4200元，4月3900元，5月…2100元 / 李某某9600元、王某某8400元…: sums owed listed month by month or person by person
_LIST_LABEL = re.compile(rf"((\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月份?(上半月|下半月|上半个月)?|[{_SURNAME}]某{{1,2}}|来电人|信访人|本人|"
                         rf"(我|俺|佢|他|她)?(老公|老婆|媳妇|爱人|儿子|女儿|表弟|表哥|弟弟?|哥哥?|姐姐?|妹妹?)|阿[\u4e00-\u9fff]|我)"
                         rf"\s?(被)?(欠|欠了|是|为|的|的是)?(约|大约)?$")


# 工资只给七成 剩下三成明年再说 / 结算58万元，只付了三成: a share of one sum paid or left, in tenths
_PART_PAID = re.compile(r"(只给了?|只发了?|只付了?|只结了?|给了|发了|付了|拿到手?)(?P<paid>[一二三四五六七八九])成|剩下的?(?P<left>[一二三四五六七八九])成")


def _unpaid_part(text: str, amounts: list[Amount]) -> float | None:
    """The part not paid of the one sum a text names, where it says what share was paid or is left; not a
    remainder already written (剩余约47万元)."""
    part = _PART_PAID.search(text)
    base = [a for a in amounts if a.kind in ("other", "owed_total") and a.value >= 1000]
    if not part or len(base) != 1 or base[0].cue >= 4:
        return None
    tenths = 10 - parse_number(part.group("paid"))[0] if part.group("paid") else parse_number(part.group("left"))[0]
    return base[0].value * tenths / 10


def _listed_sums(text: str, amounts: list[Amount]) -> float | None:
    """The sum of two or more sums owed listed one after another under an arrears clause, where no total is
    written after them; None otherwise."""
    run: list[Amount] = []
    for a in amounts:
        between = text[run[-1].end:a.start] if run else ""
        joined = bool(run) and len(between) <= 16 and "。" not in between and re.search(r"[、，,；;]", between) is not None
        label = _LIST_LABEL.search(text[max(0, a.start - 8):a.start]) or joined and re.search(r"[，,]是$", between)
        if label and (not run or joined):
            run.append(a)
            continue
        if len(run) >= 2:
            break
        run = [a] if label else []
    if len(run) < 2 or not re.search(r"(没发|未发|欠|拖欠|未结算|没结|未付|没给|如下)", text[max(0, run[0].start - 40):run[0].start]):
        return None
    if any(a.start > run[-1].end and a.kind == "owed_total" and a.cue >= 3 for a in amounts):
        return None          # …，共计X: the total is written
    # … 来电人14800元，另三人各12000元: the rest of them, each the same
    rest = re.match(rf"^[，,、；;\s]?(另外?|其余|其他|还有)(?P<n>[一二两三四五六七八九十\d]{{1,2}})(个)?(人|名)?(各|每人)(?P<x>[^，,。；;]{{1,8}})", text[run[-1].end:])
    extra = 0.0
    if rest:
        after = next((a for a in amounts if a.start >= run[-1].end + rest.start("x") and a.end <= run[-1].end + rest.end("x")), None)
        extra = after.value * (_count(rest.group("n")) or 0) if after else 0.0
    return sum(a.value for a in run) + extra


# 前4个月工资正常发放，后2个月一直拖欠 / 最后两个月的工资至今未发: the last months, owed
_LAST_MONTHS_OWED = re.compile(r"(?<![前头])(后|最后)(?P<n>[一二两三四五六七八九十\d]|俩|仨)个?月(的)?(工资|工钱)?[^。；;！!？?\d]{0,12}"
                               r"(拖欠|没发|未发|没给|不给|拖着|至今未|一直没|一直拖|冇)")


def _months_owed(text: str) -> float | None:
    """How many months the text says are owed (欠薪4个月, 俩月没发, 六月七月的都没给, 后2个月一直拖欠), or None."""
    last = _LAST_MONTHS_OWED.search(text)
    if last:
        return _count(last.group("n"))
    om = _OWED_MONTHS.search(text)
    if om:
        n = om.group("n") or om.group("n2") or om.group("n3") or om.group("n4") or om.group("n6")
        try:
            return _TWO_THREE.get(n) or parse_number(n)[0]
        except ValueError:
            pass
    named = _OWED_MONTH_LIST.search(text)
    if named:
        return len(re.findall(r"月", named.group(1)))
    for pattern in (_OWED_MONTH_RANGE, _OWED_TO_NOW):
        rng = pattern.search(text)
        if rng and 1 <= int(rng.group("a")) < int(rng.group("b")) <= 12:
            return int(rng.group("b")) - int(rng.group("a")) + 1
    if _ONE_MONTH_OWED.search(text):
        return 1
    return None


_PAID = re.compile(r"(只系畀咗|畀咗|俾咗|只给过?[我俺]?|只给了[我俺]?|光给了?[我俺]?|就给了[我俺]?|才给了?|才发了?|给过[我俺]|先给了?[我俺]?|预支了?|借支了?|预付了?|"
                   r"(?<=[人个月])给了|(就|只|才)给[我俺]?开了|"
                   r"(?<![少没未])拿了|前后拿了|(只|才)拿到了?|只打了|(?<![没未])到手(一共)?(就|只|才)?|(?<!扣)发[了过]|只结了|结了|支付了?|付了|转了[我俺]?|转给[我俺]|(?<!每月)(?<!每个月)(只|仅|才)发放了?)"
                   rf"[^{CLAUSE_PUNCT}]{{0,5}}$")


# 公司5月底发过一次生活费，每人800元: paid, with 每人 opening the next clause
_PAID_THEN_EACH = re.compile(rf"(发过|发了|给过|给了|支付过|支付了|付过|付了)[^{CLAUSE_PUNCT}]{{0,8}}[，,]\s?(每人|每个人|每名)$")


def _paid_then_each(text: str, a: Amount) -> bool:
    return bool(_PAID_THEN_EACH.search(text[max(0, a.start - 20):a.start]))


def _paid_to(text: str, a: Amount) -> bool:
    """Whether the figure is a sum paid (只给过我三千块生活费, 发过一次生活费，每人800元)."""
    return bool(_PAID.search(text[max(0, a.start - 12):a.start])) or _paid_then_each(text, a)


def _paid_wages(text: str, amounts: list[Amount], workers: int | None = None, each_by_default: bool = False) -> float:
    """Advances already paid against the wages (只给过我三千块生活费), to subtract from a derived total;
    paid to each of them (仅向每人支付生活费5000元), or named by a writer whose fellows are in the same
    case (`each_by_default`), they count once per worker."""
    total = 0.0
    for a in amounts:
        if a.kind not in ("other", "per_person"):
            continue
        left, right = text[max(0, a.start - 12):a.start], text[a.end:a.end + 5]
        then_each = _paid_then_each(text, a)
        if (then_each or _PAID.search(left)) and not re.match(r"^(的)?(医药|路费|住院|押金|车费|赔偿)", right):
            each = bool(re.search(r"(每人|每个人|一人|每名)", left[-4:] if then_each else left) or
                        each_by_default and not re.search(r"(我们|大家|一共|总共|共)", left)) and workers
            total += a.value * (workers if each else 1)
    return total


_DEDUCTED = re.compile(r"(扣了|被扣|克扣|扣发|扣我|扣掉|罚了|罚款|应该有|应得|应当支付|应付|该给|补偿金|经济补偿|赔偿金|差额|"
                       rf"少发|少给|没发的|未发的)[^{CLAUSE_PUNCT}]{{0,6}}$"
                       rf"|要求[^{CLAUSE_PUNCT}]{{0,6}}支付(工资|工钱|劳动报酬)(约|共计|共)?$"     # 诉求：要求公司支付工资7950元
                       rf"|(扣下|扣发|扣了)[^{CLAUSE_PUNCT}费金]{{0,10}}(工资|工钱)[^{CLAUSE_PUNCT}]{{0,2}}$")   # 扣下其最后两个月工资计9600元


def _kept_back(text: str, amounts: list[Amount]) -> Amount | None:
    """The sum said to be kept back (被扣了快一千) or claimed (应该有好几万, 赔偿金约2.8万元), if any."""
    kept = [a for a in amounts if _DEDUCTED.search(text[max(0, a.start - 12):a.start])
            and not re.search(r"(费|押金|医药)", text[a.end:a.end + 4])]
    right_after = [a for a in kept if re.search(r"(扣了|被扣了?|扣发了?|扣掉了?|克扣了?)[我们]{0,2}$", text[max(0, a.start - 6):a.start])]
    if right_after:
        # 超时罚五十 差评罚两百 上个月被扣了一千三: the largest sum said to be kept back adds the fines up
        return max(right_after, key=lambda a: a.value)
    return kept[0] if kept else None


def _said_kept_after(text: str, amounts: list[Amount], total: Amount) -> bool:
    """Whether a sum said to be kept back follows the total (跑了八千多 结果到手才四千出头 扣了我三千多块): then
    that sum is what is owed, not the total less what was paid."""
    kept = _kept_back(text, amounts)
    return kept is not None and kept.start > total.end and \
        re.search(r"(扣了|被扣了?|扣掉了?|克扣了?)[我们]{0,2}$", text[max(0, kept.start - 6):kept.start]) is not None


def _tagged_amount(amounts: list[Amount], spans, threshold: float) -> Amount | None:
    """The amount under the model's surest span (of the `owed` tag: the owed total as written), if that
    is sure enough; None where it tagged none or no amount lies under it."""
    sure = [c for c in merge_adjacent(spans) if c[2] >= threshold]
    if not sure:
        return None
    s, e, _ = max(sure, key=lambda c: c[2])
    under = [a for a in amounts if min(e, a.end) > max(s, a.start)]
    return max(under, key=lambda a: min(e, a.end) - max(s, a.start), default=None)


def owed_with_model(amounts: list[Amount], total: float | None, derived: bool, spans,
                    policy: FieldPolicy | None) -> tuple[float | None, bool, str | None]:
    """(owed total, derived, source) once the tagger's `owed` spans have had their say as `policy` says, by
    the ways of the span fields (`choose`): "fill" where the rules found none, "model-first" wherever the
    tagger is sure. The amount the tagger's answer comes from becomes kind owed_total."""
    rule = None if total is None else (total, derived, "rule")
    if policy is None:
        return rule or (None, derived, None)
    tagged = _tagged_amount(amounts, spans, policy.threshold) if spans else None
    got = choose(policy.way, rule, None if tagged is None else (tagged.value, False, "model"))
    if got is not None and got[2] == "model":
        tagged.kind = "owed_total"
    return got or (None, derived, None)


def _owed_fallback(text: str, amounts: list[Amount], workers: int | None = None) -> tuple[float | None, bool]:
    """Wages kept back or claimed when nothing else is owed; the writer's own, with others in the same
    case (其工资被扣掉了1380元…部门其他11名员工情况相同), times the headcount (O1)."""
    a = _kept_back(text, amounts)
    if a is None:
        return None, False
    if workers and workers >= 2 and (_writers_own_sum(text, a) or _each_share(text, a)):
        return a.value * workers, True
    return a.value, False


# money owed that is no one's pay: rent, a loan, goods, a customer's refund, compensation for land (not a fine or a
# deposit kept from pay, which the gold sets count as owed to a worker)
_NOT_WAGES_LEFT = re.compile(r"(房租|房东|网贷|借款|借给|贷款|催收|货款|加工款|装修款|合同总价|首付|年卡|会员|充值|学费|"
                             r"退款|退费|不给退|补偿款|补偿标准|过渡费|征收|分红|投资款|饭钱|赊账|收购|卖给)")


def _not_wages(text: str, amounts: list[Amount], total: float) -> bool:
    """Whether the sum taken as owed, as written, is said to be something other than pay."""
    a = next((a for a in amounts if abs(a.value - total) < 0.5), None)
    if a is None:
        return False
    left = re.split(r"[，。；！？,;!?:：\s]", text[max(0, a.start - 24):a.start])[-1]     # a pause ends a clause too
    return bool(_NOT_WAGES_LEFT.search(left) and not _PAY_ITEM.search(left + text[a.end:a.end + 4]))


def _no_amount_owed(amounts: list[Amount]) -> None:
    """Where the owed total is dropped, no amount stays worded as one."""
    for a in amounts:
        if a.kind == "owed_total":
            a.kind = "other"


def extract(text: str, reference_date: dt.date | None = None,
            model_spans: dict[str, list[tuple]] | None = None,
            span_policy: Mapping[str, FieldPolicy] | None = None, gates: Mapping[str, Gate] | None = None) -> Entities:
    """Entities of one normalised text. `model_spans` ({field: [(start, end, confidence)]}, from the
    span tagger or a classifier's tag head) meet the rules' spans as `span_policy` says per field
    (default: they fill the fields the rules leave empty). `gates` ({field: Gate}) have the last word
    on the owed total and the headcount (`service.extract.gates`; none by default)."""
    gates = gates or {}
    ref = reference_date or dt.date.today()
    contacts = find_contacts(text)
    blocked = [(c.start, c.end) for c in contacts]
    amounts = find_amounts(text, blocked)
    money = blocked + [(a.start, a.end) for a in amounts]
    heads = find_headcounts(text, money)
    workers, workers_approx = pick_workers(heads)
    groups = _groups_each(text, amounts)
    if groups and sum(n for n, _ in groups) > (workers or 0):
        workers, workers_approx = sum(n for n, _ in groups), False       # two groups: everyone in them
    period, period_cand, period_cands = find_period(text, ref, money)
    owed_total, derived = _owed_total(text, amounts, workers, period_cand, period_cands, groups)
    owed_total, derived, owed_source = owed_with_model(amounts, owed_total, derived, (model_spans or {}).get("owed", ()),
                                                       (span_policy or {}).get("owed"))
    # A lone complainant with no count written keeps workers null (convention W1).

    if owed_total is not None and not derived and owed_source != "model" and _not_wages(text, amounts, owed_total):
        owed_total, owed_source = None, None    # 房东扣了我押金2000, 网贷…还说我欠四千多, 货款共计47万元: no one's pay
        _no_amount_owed(amounts)
    orgs = find_orgs(text, blocked)
    emp = pick_employer(text, orgs)
    employer = None
    if emp is not None:
        s, e = first_occurrence(text, emp.name, emp.start, emp.end)
        employer = Span(emp.name, s, e)
    contractor = find_contractor(text, orgs, emp)
    if employer is None and contractor is not None and re.match(r"^(老板|老闆)", contractor.text) and \
            re.search(r"(厂|场|店|公司|餐馆|饭店|作坊|养殖场|农场|窑)(的)?$", text[max(0, contractor.start - 4):contractor.start]):
        employer, contractor = Span(contractor.text, contractor.start, contractor.end), None   # 养殖场老板蒋某
    if contractor is not None and employer is not None and contractor.text == employer.text:
        contractor = None
    org_spans = [(o.start, o.end) for o in orgs]
    project = find_project(text, blocked, inside=org_spans)
    if writer_is_customer(text):
        # 给我家装修的公司, 我买的楼盘: the firms and sites of a customer's complaint are no employer,
        # contractor or project, and what they are owed no wages (the convention for `other` texts)
        employer = contractor = project = None
        if not LABOUR.search(text):
            owed_total, derived, owed_source = None, False, None
            _no_amount_owed(amounts)
    gated: dict[str, dict] = {}
    owed_gate = gates.get("owed_total")
    if owed_total is not None and owed_gate is not None:
        p_none = owed_gate.p_none(owed_total_features(text, amounts, owed_total, derived, owed_source, workers))
        if p_none >= owed_gate.threshold:       # a fine, a loan, a claim for compensation: no pay owed
            gated["owed_total"] = {"value": owed_total, "p_none": p_none}
            owed_total, derived, owed_source = None, False, None
            _no_amount_owed(amounts)
    location = pick_location(text, find_locations(text), inside=org_spans)

    spans = combine_spans(text, {"employer": employer, "contractor": contractor, "project": project,
                                 "location": location, "period": period}, model_spans, span_policy, org_spans)
    employer, contractor, project, location, period = (spans[f] for f in SPAN_FIELDS)
    if contractor is not None and employer is not None and contractor.source == "model" and \
            (contractor.start, contractor.end) == (employer.start, employer.end):
        contractor = None          # the model tagged the employer the rules found as the contractor too

    workers_gate = gates.get("workers")
    if workers is not None and workers_gate is not None:
        p_none = workers_gate.p_none(workers_features(text, heads, workers, workers_approx))
        if p_none >= workers_gate.threshold:    # a gym's members, a start-up's hires
            gated["workers"] = {"value": workers, "p_none": p_none}
            workers, workers_approx = None, False

    sector = find_sector(text, employer.text if employer else None, project.text if project else None)
    return Entities(amounts=amounts, owed_total=owed_total, owed_total_derived=derived,
                    workers=workers, workers_approx=workers_approx, employer=employer,
                    contractor=contractor, project=project, location=location, period=period,
                    sector=sector, contacts=contacts, owed_total_source=owed_source, gated=gated)
