"""The period owed or concerned: 2023年10月至今, 去年全年, 三个月, 春节前 ...

Candidates are closed ranges (2023年3月至12月, 去年10月干到今年4月), open ranges
(今年3月起, 2019年以来, 去年9月至今), month lists (2月、3月; 4、5月份), points tied to
the wages (5月份的工资, 2023年下半年工资, 上个月的跑单钱) and durations (三个月,
一年多, 半年, 6年零4个月). The best scored candidate is the period; start/end dates are
ISO strings relative to the reference date where the text allows.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from service.extract.numbers import NotANumber, parse_number


@dataclass
class Period:
    text: str
    start: int
    end: int
    start_date: str | None
    end_date: str | None
    source: str = "rule"

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "start_date": self.start_date,
                "end_date": self.end_date, "source": self.source}


SPRING_FESTIVAL = {
    2010: (2, 14), 2011: (2, 3), 2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8),
    2017: (1, 28), 2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22),
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3),
    2031: (1, 23), 2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
}

_CNN = "〇零一二两三四五六七八九十"
YEAR = rf"(?:(?:19|20)\d{{2}}|[{_CNN}]{{4}})年|今年|去年|前年|明年|当年|上一年"
MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|正|腊)月份?"
DAY = rf"(?:[12]\d|3[01]|0?[1-9]|[{_CNN}]{{1,3}})(?:日|号)"
YQ = r"上半年|下半年|年底|年初|年末|全年|开春|年中|底|初"
MQ = r"初|底|中旬|上旬|下旬|中|末"
REL = r"上个月|上月|本月|这个月|当月|上半年|下半年|春节前|春节后|过年前|年底|年初"
_PT_START = r"(?=[\d〇零一二两三四五六七八九十今去前明当上本这正腊春过年底初])"
PT = (rf"{_PT_START}(?:(?:{YEAR})(?:(?:{MON})(?:{DAY})?(?:{MQ})?|(?:{YQ}))?"
      rf"|(?:{MON})(?:{DAY})?(?:{MQ})?"
      rf"|(?:今年|去年)?(?:{REL}))")
_RANGE = re.compile(
    rf"(?P<a>{PT})\s?(?:(?:进场|入场|开工|开始|入职|起)?[，,]?\s?(?:一直)?(?:干到|做到|干至|一直到|至|到|—|－|-|~|～))\s?"
    rf"(?P<b>{PT}|今|现在|目前|完工|竣工|结束)")
_RANGE_BARE = re.compile(rf"{_PT_START}(?P<y>{YEAR})?(?P<a>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])\s?(?:到|至|-|~|～)\s?(?P<b>{MON})")
_OPEN = re.compile(rf"(?P<a>{PT})(?P<tail>至今|以来|起|开始|份开始|后)")
_LIST = re.compile(
    rf"{_PT_START}(?:(?:{YEAR}))?(?:(?:{MON})(?:[、和及,]|跟|与)\s?)+(?:{MON})"
    rf"|(?:(?:{YEAR}))?(?:(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])[、,])+(?:{MON})")
_POINT = re.compile(PT)
_DUR = re.compile(
    rf"(?=[\d〇零一二两三四五六七八九十几半大俩倆仨近最头前整将快])(?P<pre>近|最近|最后|头|前|整整|将近|快)?"
    rf"(?P<n>\d+(?:\.\d+)?|[{_CNN}百几]+|半|大半|俩|倆|仨)"
    rf"(?P<u>个多月|个半月|个月|多个月|年零[\d{_CNN}]+个月|年多|年半|多年|年|个多星期|个星期|多天|来天|余天|天|周|星期|月)(?P<post>多|半)?")
_WAGE_AFTER = re.compile(r"^(的)?(工资|工钱|公资|薪水|钱|跑单钱|血汗钱|社保|工资款|代课费|高温津贴|加班费)")
_WAGE_BEFORE = re.compile(r"(工资|工钱|公资|欠|拖欠|欠了|没发|未发)\s?$")
_DUR_CTX_BEFORE = re.compile(r"(干了|做了|做咗|干咗|干|做|欠|拖欠|欠了|欠我|欠我们|交了|缴了|被派遣|派遣了|已满|满|拖了|就是|出工|上工|做工|"
                             r"欠薪|欠工资|拖欠工资|"
                             r"过去|上了|工作了|连续|请假|停缴|欠缴了我|欠缴|只有|已经|已|压了|扣了我)\s?(约|大约|差不多|将近|近)?\s?$")
_DUR_CTX_AFTER = re.compile(r"^(的)?(工资|工钱|公资|钱|跑单钱|社保|没发|未发|没给|不给|都没|都是|了|过去|没拿到|没拿|一分没)")


def _cn_int(s: str) -> int | None:
    try:
        v, _ = parse_number(s)
    except NotANumber:
        return None
    return int(v)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: dt.date, k: int) -> dt.date:
    y, m = divmod(d.month - 1 + k, 12)
    y += d.year
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _resolve_point(s: str, ref: dt.date, year_hint: int | None = None) -> tuple[dt.date | None, dt.date | None, int | None]:
    """(first day, last day, year) of a point expression."""
    year = None
    rest = s
    m = re.match(rf"^({YEAR})", s)
    if m:
        y = m.group(1)
        rest = s[m.end():]
        if y == "今年" or y == "当年":
            year = ref.year
        elif y == "去年" or y == "上一年":
            year = ref.year - 1
        elif y == "前年":
            year = ref.year - 2
        elif y == "明年":
            year = ref.year + 1
        else:
            digits = y[:-1]
            if digits.isdigit():
                year = int(digits)
            else:
                table = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
                table["零"] = "0"
                try:
                    year = int("".join(table[c] for c in digits))
                except KeyError:
                    year = None
    if rest in ("上个月", "上月"):
        d = _add_months(ref.replace(day=1), -1)
        return d, _month_end(d.year, d.month), d.year
    if rest in ("本月", "这个月", "当月"):
        return ref.replace(day=1), _month_end(ref.year, ref.month), ref.year
    if rest in ("春节前", "过年前", "春节后"):
        y = year or ref.year
        if y in SPRING_FESTIVAL:
            sf = dt.date(y, *SPRING_FESTIVAL[y])
            if rest == "春节后":
                return sf, None, y
            return None, sf - dt.timedelta(days=1), y
        return None, None, y
    if year is None and not rest:
        return None, None, None
    mm = re.match(r"^(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|正|腊)月份?", rest)
    if mm:
        ms = mm.group(1)
        mon = {"正": 1, "腊": 12}.get(ms) or (int(ms) if ms.isdigit() else _cn_int(ms))
        if not mon or not 1 <= mon <= 12:
            return None, None, year
        if year is None:
            year = year_hint or (ref.year if mon <= ref.month else ref.year - 1)
        tail = rest[mm.end():]
        dm = re.match(rf"^([12]\d|3[01]|0?[1-9]|[{_CNN}]{{1,3}})(?:日|号)", tail)
        try:
            if dm:
                day = int(dm.group(1)) if dm.group(1).isdigit() else _cn_int(dm.group(1))
                d = dt.date(year, mon, day)
                return d, d, year
            q = tail
            if q.startswith(("初", "上旬")):
                return dt.date(year, mon, 1), dt.date(year, mon, 10), year
            if q.startswith(("中旬", "中")):
                return dt.date(year, mon, 11), dt.date(year, mon, 20), year
            if q.startswith(("底", "下旬", "末")):
                return dt.date(year, mon, 21), _month_end(year, mon), year
            return dt.date(year, mon, 1), _month_end(year, mon), year
        except ValueError:
            return None, None, year
    if year is None:
        if rest in ("上半年", "下半年", "年底", "年初"):
            year = ref.year
        else:
            return None, None, None
    q = rest
    if q in ("上半年",):
        return dt.date(year, 1, 1), dt.date(year, 6, 30), year
    if q in ("下半年",):
        return dt.date(year, 7, 1), dt.date(year, 12, 31), year
    if q in ("年底", "年末", "底"):
        return dt.date(year, 12, 1), dt.date(year, 12, 31), year
    if q in ("年初", "初"):
        return dt.date(year, 1, 1), dt.date(year, 1, 31), year
    if q == "开春":
        return dt.date(year, 2, 1), dt.date(year, 3, 31), year
    if q == "年中":
        return dt.date(year, 6, 1), dt.date(year, 7, 31), year
    return dt.date(year, 1, 1), dt.date(year, 12, 31), year


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _duration_months(n: str, u: str, post: str) -> float | None:
    if n in ("半",):
        base = 0.5
    elif n in ("大半",):
        base = 0.5
    elif n in ("俩", "倆"):
        base = 2
    elif n == "仨":
        base = 3
    else:
        try:
            base, _ = parse_number(n)
        except NotANumber:
            return None
    if u.startswith("年零"):
        extra = _cn_int(re.sub(r"[年零个月]", "", u)) or 0
        return base * 12 + extra
    if "年" in u:
        months = base * 12 + (6 if "半" in u or post == "半" else 0)
    elif "月" in u:
        months = base + (0.5 if "半" in u or post == "半" else 0)
    elif u in ("天", "多天", "来天", "余天"):
        months = base / 30
    else:
        months = base * 7 / 30
    return months


@dataclass
class _Cand:
    start: int
    end: int
    score: float
    sd: dt.date | None
    ed: dt.date | None
    months: float | None = None
    unit: str = ""          # "day" for durations in days


def _overlaps(s, e, blocked):
    return any(s < be and bs < e for bs, be in blocked)


def candidates(text: str, ref: dt.date, blocked: list[tuple[int, int]] | None = None) -> list[_Cand]:
    blocked = blocked or []
    out: list[_Cand] = []
    taken: list[tuple[int, int]] = list(blocked)

    def add(c: _Cand):
        out.append(c)
        taken.append((c.start, c.end))

    for m in _RANGE.finditer(text):
        if _overlaps(m.start(), m.end(), blocked):
            continue
        a, b = m.group("a"), m.group("b")
        sa, ea, ya = _resolve_point(a, ref)
        if b in ("今", "现在", "目前"):
            sb, eb = ref, ref
            score = 5.0
        elif b in ("完工", "竣工", "结束"):
            sb, eb = None, None
            score = 4.0
        else:
            # the end inherits the start's year (2023年3月至12月)
            yb_hint = ya
            sb, eb, yb = _resolve_point(b, ref, year_hint=yb_hint)
            if yb is not None and ya is not None and re.match(rf"^({MON})", b) and not re.match(rf"^({YEAR})", b):
                if sa and eb and eb < sa:
                    sb, eb, _ = _resolve_point(b, ref, year_hint=ya + 1)
            score = 6.0
        if not re.search(r"\d|[年月]|今|去|上", a):
            continue
        months = None
        if sa and eb:
            months = (eb.year - sa.year) * 12 + eb.month - sa.month + 1
        add(_Cand(m.start(), m.end(), score, sa, eb, months))
    for m in _RANGE_BARE.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        y = m.group("y") or ""
        sa, ea, ya = _resolve_point(y + m.group("a") + "月", ref)
        sb, eb, _ = _resolve_point(m.group("b"), ref, year_hint=ya)
        if sa and eb and eb < sa and ya is not None:
            sb, eb, _ = _resolve_point(m.group("b"), ref, year_hint=ya + 1)
        months = (eb.year - sa.year) * 12 + eb.month - sa.month + 1 if sa and eb else None
        add(_Cand(m.start(), m.end(), 6.0, sa, eb, months))
    for m in _LIST.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        s = m.group(0)
        nums = re.findall(r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])(?=[、,和及月])", s)
        months = len(nums)
        ym = re.match(rf"^({YEAR})", s)
        year_pt = ym.group(1) if ym else ""
        first = _resolve_point(year_pt + nums[0] + "月", ref) if nums else (None, None, None)
        last = _resolve_point(year_pt + nums[-1] + "月", ref, year_hint=first[2]) if nums else (None, None, None)
        add(_Cand(m.start(), m.end(), 5.5, first[0], last[1], months))
    for m in _OPEN.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        a, tail = m.group("a"), m.group("tail")
        if tail == "后":
            continue
        if not re.search(r"\d|[年月]|去|今|上", a):
            continue
        sa, ea, _ = _resolve_point(a, ref)
        months = None
        if sa:
            months = (ref.year - sa.year) * 12 + ref.month - sa.month + 1
        add(_Cand(m.start(), m.end(), 4.0, sa, ref, months))
    for m in _POINT.finditer(text):
        if not m.group(0) or _overlaps(m.start(), m.end(), taken):
            continue
        s = m.group(0)
        if s in ("今年", "去年", "前年", "明年", "当年", "上一年", "当月") or s in ("底", "初") or re.fullmatch(r"\d+月", s) and re.match(r"^\s?\d", text[m.end():]):
            continue
        after = text[m.end():m.end() + 8]
        before = text[max(0, m.start() - 4):m.start()]
        if re.match(r"^(出生|生|毕业|退休|入职|届|级|参加|进|出|开始|以后)", after):
            continue
        sd, ed, _ = _resolve_point(s, ref)
        wage = bool(_WAGE_AFTER.match(after) or re.match(r"^(的)?[^，,。]{0,2}(工资|工钱|公资|跑单钱)", after)
                    or _WAGE_BEFORE.search(before))
        months = None
        if sd and ed and re.search(r"月", s):
            months = (ed.year - sd.year) * 12 + ed.month - sd.month + 1
        elif re.search(r"(上个月|上月|本月|这个月|当月)", s):
            months = 1
        elif re.search(r"(上半年|下半年)", s):
            months = 6
        qualified = bool(re.search(r"(全年|上半年|下半年|开春|春节前|春节后|过年前)", s))
        add(_Cand(m.start(), m.end(), 3.5 if wage else (2.6 if qualified else 0.5), sd, ed, months))
    for m in _DUR.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        n, u, post, pre = m.group("n"), m.group("u"), m.group("post") or "", m.group("pre") or ""
        before = text[max(0, m.start() - 6):m.start()]
        after = text[m.end():m.end() + 8]
        if re.search(r"(每|第|这|那|一|多|了一)$", before[-1:]) and not re.search(r"(干了|做了|做咗|干咗|欠了|交了)$", before):
            if before[-1:] in "每第这那":
                continue
        if u == "月" and n not in ("俩", "倆", "两", "仨"):
            continue
        if pre == "前" and (u not in ("个月", "年") or before.endswith("提")):
            continue
        if n in ("一", "1") and u in ("天", "个月") and not pre and \
                not re.search(r"(欠|拖欠|干了|做了|做满|干满|满)$", before) and not _DUR_CTX_AFTER.match(after):
            continue
        if re.match(r"^\s?([\d{_CNN}]|[约近])".replace("{_CNN}", _CNN), after) and u in ("个月", "天", "年") and \
                not re.match(r"^\s?[\d一二两三四五六七八九十]+(个|年|天|月)", after) and \
                not re.match(r"^\s?一(分|毛|直|共|点)", after):
            continue       # 一个月6500, 一天三百五: a rate, not a period
        if re.match(r"^(内|以内|前|之前|后|以后|之后|左右的时间|一次|一趟|一回)", after):
            continue
        if n in ("几",) or u in ("周", "星期", "个星期", "个多星期") and not re.search(r"(干了|做了)$", before):
            continue
        if re.match(r"^(多)?(岁|周岁)", after):
            continue
        months = _duration_months(n, u, post)
        if months is None or months <= 0:
            continue
        if u in ("年",) and months > 12 * 50:
            continue
        ctx = bool(_DUR_CTX_BEFORE.search(before) or _DUR_CTX_AFTER.match(after) or pre in ("近", "最后", "最近"))
        sd = ed = None
        if pre in ("近", "最近") or re.search(r"(欠|拖欠|没发|未发)", before + after):
            ed = ref
            sd = _add_months(ref, -int(round(months))) if months >= 1 else ref - dt.timedelta(days=int(months * 30))
        unit = "day" if "天" in u else ""
        score = 3.0 if ctx else 1.0
        if ctx and "年" in u and months >= 36 and re.search(r"(干了|做了|工作了|上了|干|做)$", before) and not _DUR_CTX_AFTER.match(after):
            score = 2.0     # length of service (干了五年): background more often than the period concerned
        add(_Cand(m.start(), m.end(), score, sd, ed, months, unit))
    return out


def find_period(text: str, ref: dt.date, blocked: list[tuple[int, int]] | None = None) -> tuple[Period | None, _Cand | None, list[_Cand]]:
    cands = candidates(text, ref, blocked)
    if not cands:
        return None, None, cands
    best = max(cands, key=lambda c: (c.score, -c.start))
    if best.score < 2.5:
        return None, None, cands
    return (Period(text[best.start:best.end], best.start, best.end, _iso(best.sd), _iso(best.ed)), best, cands)
