"""Money mentions: value in yuan, span, approx flag and kind.

A mention is a numeral (numbers.NUMERAL) with an optional currency unit (元, 块, 块钱,
元整 ...) and approximation markers (约 / 不到 before, 多 / 余 / 来 / 左右 / 出头 / 以上
after). With a currency unit it is money; without one it is money when it carries 万 /
千 (and no counter follows), or when a money cue stands next to it (工资6800, 2000押金,
一天三百五). Phone numbers, ID and card numbers are masked before the search, so they
are never money; nor are dates (20231015), years, percentages or counts (二十多天).

The kind comes from the clause around the figure: daily_wage (一天/每天), monthly_wage
(月薪/一个月/每月...工资), per_person (每人/每个人), owed_total (欠/拖欠/共计/还差/剩下...
in a text that complains of arrears) and other (fees, deposits, prices, fines).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.extract.numbers import NUMERAL, NotANumber, parse_number, to_number
from service.extract.parties import _char_at_in
from service.normalise import CLAUSE_PUNCT


@dataclass
class Amount:
    value: float
    text: str
    start: int
    end: int
    approx: bool
    kind: str
    derived: bool = False
    # not part of the interface: what the kind rules saw (used for owed_total)
    # how plainly an owed_total is worded, highest wins among several: 4 what remains (剩余78万元),
    # 3 the total named (合计72,000元), 2 an arrears word (欠, 没发), 1 a total word or arrears nearby
    cue: int = field(default=0, repr=False, compare=False)
    # "day" / "month" for a wage rate; "month_other" a sum each month (每月…2000元) that may stand for the
    # wage; "month_paid" a sum paid each month against the wage (每月仅向每人发放生活费1500元)
    rate: str | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {"value": to_number(self.value), "text": self.text, "start": self.start, "end": self.end,
                "approx": self.approx, "kind": self.kind, "derived": self.derived}


_UNIT = r"万元|元整|元钱|块钱|块多钱|元|块|圆|美元|人民币"
_CAND = re.compile(
    rf"(?P<pre>约|不到|近|快|好(?=几))?(?P<num>{NUMERAL})(?P<mid>[多余来几])?(?P<unit>{_UNIT})?"
    rf"(?:(?<=块)(?P<jiao>[1-9一二两三四五六七八九])(?![\d十百千万块元钱毛角个小天月件斤单趟次人年周回晚张箱]))?(?P<post>左右|出头|以上|上下|多)?")

# what follows a number that is a count, a date, a measure - never money without a unit
_COUNTER = re.compile(
    r"^(?:[多余来几])?(?:个|名|位|人|岁|周岁|年|月|日|号|天|小时|点|分|钟|秒|次|趟|遍|回|件|套|台|辆|家|户|条|张|本|栋|幢|节|课时|"
    r"层|楼|间|平|米|公里|里|亩|吨|斤|公斤|千克|克|度|℃|°|%|％|倍|级|期|届|批|班|针|瓶|周|星期|礼拜|站|路|段|标|单(?!位)|"
    r"多人|余人|来人|万人|号楼|厘米|毫米|升|箱|包(?![吃住])|袋|盒|双|对|把|块砖|块地|成|折|胎|代|线|档|岗|所|座|项|头|"
    r"口|根|篇|页|份|股|轮|场|部|支|群|片|区|县|镇|乡|村|组|队|届|寸|码|卡|G|g|M|m|K|k|T|t|h|H|cm|kg|km)")
_BEFORE_BAD = re.compile(r"(?:[A-Za-z第初]|[0-9])$")
_MONEY_LEFT = re.compile(
    r"(工资|工钱|公资|薪|酬|钱|费|款|金|价|元|块|扣|欠|赔|罚|花|付|交|收|退|补|拿|挣|赚|差|剩|值|贷|借|还|"
    r"打表|共计|合计|一共|总共|累计|总额|只给|给了|给我|给他|发了|只发|才发|发|一个月|每个月|每月|那个月|月薪|一天|每天|日薪|"
    r"每人|每个人|一人|人均|一个工|每个工|到手|实发|应发|一趟|每趟|一车|每车|一件|每件|一单|每单|时薪|每小时|一个小时|降为|降至|降到|涨到|上调至|调至|开|结|自己是|我的是|个月就是|天就是|自己就|一个人就|我的就|转了我|转了|加一块|加起来|奖|提成|补助|补贴|的是|每期|上个?月的|这个月的)[^，。；！？,;!?\n]{0,6}$")
_MONEY_RIGHT = re.compile(r"^\s?(的)?(工资|工钱|公资|押金|块|呢|钱|生活费|血汗钱|费|货款|工程款|/月|/天|一个月|一天|每月|每天|冇畀|唔畀|冇俾|唔俾)")
_HOTLINES = {12345, 12333, 12348, 12351, 12315, 12320, 110, 119, 120, 122, 114, 12306}

_CLAUSE_END = re.compile(r"[，。；！？,;!?\n：:、]")
_SENT_END = re.compile(r"[。；！？;!?\n]")

ARREARS = re.compile(r"欠|拖着|拖了|拖咗|冇出|还差|差我|剩下|要钱|讨钱|辛苦钱|血汗钱|工钱|没见到|还没给|要回|讨回|追回|不认账|差额|"
                     r"分文未付|未兑现|一分不给|一分钱不给|没结|只发了|只给了|少发|应该发|不发放|未发放|未到手|没到手|无任何入账|"
                     r"扣着|拒不结清|没发|未发|不发|没给|不给|未付|没付|不付|未支付|不支付|没结|未结|不结|结清|扣着|压着|押着|"
                     r"讨薪|讨要|要不到|没到账|没打|克扣|扣发|没拿到|一分没|少拿|少发|停发|不还|赖账|跑路|没拿工资|没拿钱|拿不到|没着落|没见着|"
                     r"差了我|差了|被扣了|扣了我们|扣了我|未结算|没结算|还说没钱|就说没钱|称没钱|再算|扣完了|全额扣除|扣除了|就这么没了|人都找不到|找不到人|冇给|冇结|未获支付|没有支付|老板跑了|关门跑了|人跑了|没有发|没有给|只给过|仅支付|只支付|只付了|仅付|钱还没下来|冇出粮|冇发|冇俾|冇畀|唔畀|冇出人工|就咁冇咗|没开了|都未出|走佬|扣咗|拖我|押了|唔俾|拒不结算|没影了|一拖就是|不再露面|玩失踪|只给每人付了|只发一半|发一半|人就联系不上|没开过一回支|没开支|不开支|"
                     r"拖到现在|压着不给|未拨付|没拨付|剩低|一直拖|拖工资|拖我们|拖了我|只拿到|等[^，。,]{0,8}(再给|才给|再结|才结)|卷了|卷走|一直说[^，。,]{0,4}给|"
                     r"(没有|没给|不给|从来没有|从没有|从没)过?加班费|加班费(从来|一直|一分|从未)")
_OWED_STRONG = re.compile(r"(欠|拖欠|还差|差我|差了我|差了|差他|共差|少结了?|少算了?|剩下|剩余|还有|差额|赔偿金|未付|未结清?|没结|不结|没给|不给|未发|没发|不发|"
                          r"未支付|不支付|拒不支付|扣着|押着|压着|少拿|少发|被拖欠|卷了|卷走了?)")
_OWED_WEAK = re.compile(r"(共计|合计|总计|一共|总共|总额|总数|总金额|加起来|加一块|加一起|加在一起|累计|算下来|统计|核算|共|(个月|天)就是)")
# the sum itself named as the total, right before the figure (合计72,000元): it outranks a rate
# that only sits in a sentence about arrears (已欠4个月，每月18,000元)
_REMAINS = re.compile(r"(剩余|剩下|剩低|还欠|还差|尚欠|仍欠|差了)[^，,。]{0,6}$")
_WAGE_PART = re.compile(r"其中[^，,。]{0,8}(工资|工钱)[^，,。]{0,3}$")
_TOTAL_HERE = re.compile(r"(共计|合计|总计|一共是?|总共是?|累计|^共|(个月|天)就是|(加起来|加一块|加一起|加在一起)(得有|能有|有|是|共|一共)?)(约|大约|近|将近)?$")
_NON_WAGE = re.compile(r"(费|补助|补贴|津贴|押金|房租|房贷|罚款|违约金|奖金|养老金|停车|医药|路费|学费|会费|彩礼|货款|"
                       r"装修款|首付|月供|贷款|卡|报销|收入)")
_WAGE = re.compile(r"(工资|薪|工钱|公资|跑单钱|报酬|代课费)")


def _clause_left(text: str, i: int, limit: int = 16) -> str:
    lo = max(0, i - limit)
    seg = text[lo:i]
    cut = list(_CLAUSE_END.finditer(seg))
    return seg[cut[-1].end():] if cut else seg


def _sentence_left(text: str, i: int, limit: int = 40) -> str:
    lo = max(0, i - limit)
    seg = text[lo:i]
    cut = list(_SENT_END.finditer(seg))
    return seg[cut[-1].end():] if cut else seg


def _clause_right(text: str, j: int, limit: int = 12) -> str:
    seg = text[j:j + limit]
    m = _CLAUSE_END.search(seg)
    return seg[:m.start()] if m else seg


def _overlaps(s: int, e: int, blocked: list[tuple[int, int]]) -> bool:
    return any(s < be and bs < e for bs, be in blocked)


def find_amounts(text: str, blocked: list[tuple[int, int]] | None = None) -> list[Amount]:
    blocked = blocked or []
    arrears_text = bool(ARREARS.search(text))
    out: list[Amount] = []
    pos = 0
    while True:
        m = _CAND.search(text, pos)
        if not m:
            break
        pos = m.end() if m.end() > m.start() else m.start() + 1
        a = _judge(text, m, blocked)
        if a is None:
            continue
        # 3-5万元, 3到5万: the first figure shares the second's unit
        rm = re.search(r"(?<![\d.])(\d+(?:\.\d+)?)\s?(-|~|～|到|至)\s?$", text[max(0, a.start - 8):a.start])
        unit_m = re.match(r"^[\d.]+(万|千|w|W|k|K)", a.text)
        if rm and unit_m and float(rm.group(1)) < float(re.match(r"^[\d.]+", a.text).group(0)) \
                and not _overlaps(a.start - len(rm.group(0)), a.start, blocked) \
                and not (out and out[-1].end > a.start - len(rm.group(0))):
            mult = {"万": 10_000, "w": 10_000, "W": 10_000, "千": 1000, "k": 1000, "K": 1000}[unit_m.group(1)]
            s0 = a.start - len(rm.group(0))
            out.append(Amount(value=float(rm.group(1)) * mult, text=rm.group(1), start=s0,
                              end=s0 + len(rm.group(1)), approx=a.approx, kind="other"))
        out.append(a)
    _classify(text, out, arrears_text)
    return out


def _judge(text: str, m: re.Match, blocked) -> Amount | None:
    num = m.group("num")
    ns, ne = m.start("num"), m.end("num")
    unit = m.group("unit") or ""
    mid = m.group("mid") or ""
    post = m.group("post") or ""
    pre = m.group("pre") or ""
    if _overlaps(ns, ne, blocked):
        return None
    if num in ("千万", "万万", "百万", "万", "千", "百", "十", "几") and not unit:
        return None
    if num in ("拾", "佰", "仟", "萬", "万", "千", "百"):
        return None
    try:
        value, approx = parse_number(num)
    except NotANumber:
        return None
    if value <= 0:
        return None
    if m.group("jiao"):          # 一件2块5, 两块二: yuan and tenths, as spoken
        value += "0123456789".find(m.group("jiao")) / 10 if m.group("jiao").isdigit() else \
            "〇一二三四五六七八九".find(m.group("jiao").replace("两", "二")) / 10
    before = text[max(0, ns - 1):ns]
    if _BEFORE_BAD.search(before):
        return None
    end = m.end()
    # a counter after the numeral makes it a count (二十多天, 15个人), not money
    if not unit:
        if _COUNTER.match(text[ne:]):
            return None
        if mid == "几":
            return None
        if post == "多" and _COUNTER.match(text[m.end():]):
            return None
    else:
        if unit == "块" and value == 1 and (_char_at_in(text, m.end("unit"), "儿去走来吃住干做结算发给交的出进回上过")
                                            or text[m.start() - 1:m.start()] in ("加", "在", "这", "那")):
            return None
        if unit == "块" and _COUNTER.match("块" + text[m.end("unit"):m.end("unit") + 1]) and \
                text[m.end("unit"):m.end("unit") + 1] in "砖地":
            return None
    is_money = bool(unit)
    digits_only = re.fullmatch(r"[\d,.]+", num) is not None
    if not is_money:
        if digits_only:
            plain = num.replace(",", "")
            if len(plain.split(".")[0]) >= 7:
                return None
            if re.fullmatch(r"(19|20)\d{2}", plain) and re.match(r"^\s?(年|届|级)", text[ne:]):
                return None
        if value < 10:
            return None
        has_big = any(c in num for c in "万萬千仟wWkK")
        left = _clause_left(text, m.start(), 10)
        right = text[m.end():m.end() + 6]
        cue = bool(_MONEY_LEFT.search(left) or _MONEY_RIGHT.match(right)
                   or not left and re.search(r"(工钱|工资)\s?[，,]\s?$", text[max(0, m.start() - 5):m.start()]))   # 欠我三个月工钱，4500，
        if digits_only and value in _HOTLINES and not re.search(r"(一天|每天|日薪|一个月|每月|月薪|工资|工钱)$", left):
            return None          # 打12345 / 120: a hotline, unless a rate stands right before it (一天120)
        if not cue and not digits_only and any(c in num for c in "百佰") and \
                re.search(rf"(?:{_UNIT})[^。！？!?\n]{{0,8}}$", text[max(0, m.start() - 12):m.start()]):
            cue = True          # 赔我二十块，东西三百多
        if has_big and not digits_only:
            # a Chinese/mixed numeral with 千/万 is money unless it is an idiom
            if num in ("千万", "万一", "千千万万") or re.match(r"^(分|倍|年|里)", right):
                return None
            is_money = True
        elif cue:
            is_money = True
        if not is_money:
            return None
    # the mention's span
    s = m.start()
    if pre == "近":
        s = ns
        approx = True
    elif pre:
        approx = True
    if mid or post in ("左右", "出头", "以上", "上下", "多"):
        approx = True
    if not post and not unit and mid and mid != "几":
        end = m.end("mid")
    left2 = text[max(0, s - 2):s]
    if re.search(r"(大概|大约|差不多|将近|左右|估计|约)$", left2) or left2.endswith("约"):
        approx = True
    return Amount(value=value, text=text[s:end], start=s, end=end, approx=approx, kind="other")


_RATE_MONTH_LEFT = re.compile(r"(每个月|每月|(?<![最头前后近两俩0-9一二三四五六七八九十几半了])(?<!押了|扣了|押着|扣着|扣下|押我|扣我)一个月|"
                              r"(?<![0-9一二三四五六七八九十个两俩仨几半上下本当])(?:月薪|月工资|月收入|月))"
                              r"\s?(工资|基本工资|底薪|薪水|就|只|才|能|给|发|拿|挣|赚|有|是|为|在|工资是|工资为|按|固定|大概|约|实发工资|实发|到手|平均|原来|本来|以前|"
                              r"说好|讲好|约定|谈好|定的|说好的|讲好的|谈好的|定好的|应发)*\s?$")
_NEG_GIVE = r"(?<![不没未])"


# a figure said and taken back at once, the next one in its place (五千 不对 是六千五, 三千 哦不 三千五)
_TAKEN_BACK = re.compile(r"[\s，,]?(不对|不是不是|哦不|噢不|啊不|说错了|讲错了|搞错了)[\s，,]*(是|应该是|那个)?\s?")


def _classify(text: str, amounts: list[Amount], arrears_text: bool) -> None:
    for i, a in enumerate(amounts):
        left = _clause_left(text, a.start, 14)
        sent_left = _sentence_left(text, a.start, 30)
        right = _clause_right(text, a.end, 10)
        kind, cue, rate = "other", 0, None
        # range partner (七千到九千, 一万到三万不等): inherit from the first figure
        if i > 0 and re.fullmatch(r"\s?(到|至|-|~|—|或)\s?", text[amounts[i - 1].end:a.start]):
            prev = amounts[i - 1]
            a.kind, a.cue, a.rate = prev.kind, 0, prev.rate
            continue
        if re.fullmatch(r"\s?(多的|少的|最多的|最少的|有的|多的有|少的有)\s?", left) and i > 0 and amounts[i - 1].kind == "per_person" \
                or re.fullmatch(r"\s?(多的|少的|最多的|最少的)(被)?(拖)?欠(了)?\s?", left):
            a.kind, a.cue, a.rate = "per_person", 0, None     # 少的被欠几千，多的被欠一万多: what one of them is owed
            continue
        non_wage_right = (_NON_WAGE.match(right.lstrip("的")) or
                          re.match(r"^(的)?[^，,。及和、]{0,3}(费|补贴|津贴|补助|押金|生活费|路费|医药费|违约金)", right)) and \
            not re.match(r"^(的)?(配送费|跑单费|派送费|派件费|课时费|代课费|加班费|计件费|保姆费|护工费|人工费)", right)   # a rider's or teacher's pay
        non_wage_left = re.search(r"((?<!配送|跑单|课时|代课|派送|派件|计件|保姆|护工|人工)费|补助|补贴|津贴|养老金|停车|房租|房贷|收入|生活费|押金|罚款|违约金|贷款|报销|医药|货款)", left)
        strong = _OWED_STRONG.search(left) or (_OWED_STRONG.search(sent_left[-20:]) and _WAGE.search(sent_left)) or \
            (not left.strip() and re.search(r"(还差|差我|欠我|欠了我|欠我们|剩下)[^。！!？?]{0,10}[，,]\s?$", sent_left))
        weak = _OWED_WEAK.search(left)
        after_strong = re.match(r"^[^，,。]{0,6}(没给|不给|未付|没发|未发|不发|拖着|拖了|没结|未结|不结|没到账|没有给|不还|被拖欠|被欠|"
                                r"欠着|被拖|拖欠|至今未|一直未|一直没|一直拖|还没|没有结|没有发|没有付|未到手|没到手|没拿到|未入账|没入账|没到账|"
                                r"未支付|没支付|未结算|未发放|没发放|压着|扣着|就这么没了|也说扣|被[^，,。]{0,12}扣除|要回|讨回|追回|冇畀|唔畀|冇俾|就咁冇咗)", right)
        owed_ok = (arrears_text or bool(strong)) and not non_wage_right and not re.search(r"(货款[^，,。]{0,3}|材料款[^，,。]{0,6})$", left) and \
            not re.search(r"(?<!配送|跑单|课时|代课|加班|派送|派件|计件|保姆|护工|人工)(费|押金|生活费|医药费|路费|补贴)[^，,。]{0,1}$", left[-6:])
        given = re.search(_NEG_GIVE + rf"(给了|发了|只给|先给|垫|付了|退了|预支|借|赔|交了|花了|花费|只拿到|才拿到|拿到手|到手|只打了|就打了|才打了|(?<![没未少])结了)[^{CLAUSE_PUNCT}]{{0,6}}$", left) \
            and not re.search(r"(剩下|还差|还欠|欠)", left)
        if owed_ok and _WAGE_PART.search(left):
            kind, cue = "owed_total", 4       # 结算总价款47万元，其中工人工资31万元 … 拒不结算
        elif re.search(rf"(每天|一天|每日|日薪|日结|(?<![\d号])日工资|天工资|每工|一个工|每个工|点工)[^{CLAUSE_PUNCT}]{{0,5}}$", left) or \
                re.match(r"^\s?(/天|一天|每天)", right):
            kind, rate = "daily_wage", "day"
        elif (re.search(rf"(每人|每个人|每名|人均|每位)[^{CLAUSE_PUNCT}]{{0,10}}$", left)
              or re.search(rf"(?<![我他她你己\d一二三四五六七八九十几两])(一人|一个人)[^{CLAUSE_PUNCT}]{{0,4}}$", left)
              or re.search(rf"(?<![我他她你己俺\d一二三四五六七八九十几两])(一个人)(差不多|大概|大约)?还(欠|差)[^{CLAUSE_PUNCT}]{{0,2}}$", left)) and \
                not re.search(rf"(每人|每个人|每名|人均|每位)[^{CLAUSE_PUNCT}]*((?<![扣少])发|收取?|交|给|退|费|补贴|每月|每个月|一个月|月工资|月薪)", left) and \
                not re.search(rf"(一人|一个人)[^{CLAUSE_PUNCT}]{{0,2}}(一个月|每月|每个月|月工资|月薪)", left):     # 一人一个月2200: a monthly wage
            kind = "per_person"
        elif _RATE_MONTH_LEFT.search(left) and not non_wage_right and not non_wage_left:
            kind, rate = "monthly_wage", "month"
            if re.search(rf"(每个月|每月)[^{CLAUSE_PUNCT}]{{0,4}}(只|就|仅|才)(给|发|拿到|拿|发放)了?[^{CLAUSE_PUNCT}]{{0,3}}$", left):
                kind, rate = "other", "month_paid"      # 现在每个月就给三千六: paid each month against the wage
        elif re.match(r"^\s?(一个月|每月|/月|每个月)", right) and not re.search(r"加起来", left):     # 加起来十几万 每个月就说下周发
            kind, rate = "monthly_wage", "month"
        elif owed_ok and not given and (strong or weak or after_strong):
            # what remains (剩余78万元) outranks the total it remains of (结算共计138万元)
            kind, cue = "owed_total", (4 if _REMAINS.search(left) else 3 if _TOTAL_HERE.search(left) else 2 if strong else 1)
        elif arrears_text and not given and "扣" not in left and \
                re.search(rf"(最后一个月|最后那个月|最后一月|最后半个月|上个月|上月|当月|这个月|(押了|扣了|押着|扣着|扣下)(我|其)?一个月)(的)?(工资|工钱|薪水)[^{CLAUSE_PUNCT}]{{0,3}}$", left):
            kind, cue = "owed_total", 1       # 最后一个月工资四千三 (in a text about arrears): that month's pay is owed
        elif re.search(rf"\d+[号日](的)?(工资|工钱)[^{CLAUSE_PUNCT}]{{0,2}}$", left):
            # 9月21号到10月20号的工资3200元: the pay of the days named, no month's rate
            kind, cue = ("owed_total", 1) if owed_ok and not given else ("other", 0)
        elif re.search(rf"(月薪|月工资|月收入|工资|底薪|薪水|薪资)[^{CLAUSE_PUNCT}]{{0,8}}$", left) and \
                not re.search(r"(扣|罚|差|调整|标准|基数|比例)", left) and not non_wage_right:
            if owed_ok and not given and re.search(r"(拖欠|欠|拖了|拖[我俺其]|未支付|没支付|未发|没发|扣下|扣发|扣着|压着)", sent_left) and \
                    not re.search(r"(每月|每个月|一个月|月薪|(?<![\d一二两三四五六七八九十俩仨个])月工资|月收入)", left):
                kind, cue = "owed_total", 2     # 拖欠来电人及其他十几名工人2023年下半年的工资约20万元
            elif given and not re.search(r"(每月|每个月|月薪|(?<![上本当这那个])月工资)", left):
                kind = "other"          # 上个月工资只打了五千: a sum paid, no rate
            elif re.search(r"(全年|一年|年度|年工资|总|合计|共计|一共|累计|应发|应得|下半年|上半年)", left):
                kind = "other"          # 2024年全年工资约三万六千元: earned over a year, not a month's rate
            elif re.search(rf"([一二两三四五六七八九十\d]|俩|仨)个?多?月的?(工资|工钱|薪水)[^{CLAUSE_PUNCT}]{{0,3}}$", left):
                # 拖我仨月工资12600, 拖我两个月工资一万二: the pay of the months named, no month's rate
                kind, cue = ("owed_total", 1) if owed_ok and not given else ("other", 0)
            else:
                kind, rate = "monthly_wage", "month"
        if kind == "monthly_wage" and a.value >= 200_000 or kind == "daily_wage" and a.value >= 10_000:
            kind, rate = "other", None      # 其中工人工资213万元: no one's wage rate
        if kind == "other" and re.search(rf"(每月|每个月)[^{CLAUSE_PUNCT}]{{0,4}}$", left):
            rate = "month_other"
        elif kind == "other" and re.search(rf"(每月|每个月)[^{CLAUSE_PUNCT}]{{0,8}}(发放?|给|支付|预支)[^{CLAUSE_PUNCT}]{{0,5}}$", left):
            rate = "month_paid"         # 每月仅向每人发放生活费1500元: paid each month against a wage, never a wage itself
        a.kind, a.cue, a.rate = kind, cue, rate
    # 欠我 五千 不对 是六千五, 一个月三千 哦不 三千五: the figure corrected is what the first one was said as
    for a, b in zip(amounts, amounts[1:]):
        if _TAKEN_BACK.fullmatch(text[a.end:b.start]):
            if b.kind == "other" and b.cue == 0:
                b.kind, b.cue, b.rate = a.kind, a.cue, a.rate
            a.kind, a.cue, a.rate = "other", 0, None
    # several owed totals: the strongest wording wins; weak ones beside a strong one are other
    owed = [a for a in amounts if a.kind == "owed_total"]
    top = max((a.cue for a in owed), default=0)
    if len(owed) > 1 and top >= 2:
        for a in owed:
            if a.cue < top:
                a.kind = "other"
