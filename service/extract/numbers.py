"""Chinese and mixed numeral parsing: 3万多, 一万二, 叁万元整, 1.5w, 2,500, 十几万, 三四千 ...

`parse_number(s)` turns a numeral string (no currency) into (value, approx). Vague
values take their lower bound, the convention shared with the gold annotators:
3万多 -> 30000 approx, 十几万 -> 100000, 三四千 -> 3000, 几千 -> 2000 (几 alone is 2,
after a unit it adds nothing: 十几 -> 10), 七八十 -> 70.

Colloquial elision: a single digit after the last unit means that unit / 10:
一万二 -> 12000, 两千五 -> 2500, 三百五 -> 350, 1万1 -> 11000, 三万七千五 -> 37500.
"""
from __future__ import annotations

import re

CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4,
    "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9, "俩": 2, "倆": 2,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "k": 1000, "K": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "w": 10_000, "W": 10_000, "亿": 100_000_000, "億": 100_000_000}
APPROX_INNER = set("多余几来")

DIGIT_CHARS = "".join(CN_DIGITS)
UNIT_CHARS = "十拾百佰千仟万萬亿億"
# A numeral as it appears in running text (the amount and headcount finders build on it).
_AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = f"[{DIGIT_CHARS}{UNIT_CHARS}几廿卅]"
# 一 that starts the next word (三千八一直拖着, 两万一共, 三千五一个月, 150一天, 三百一天) is not part of the numeral
# before it; 二十一天 is 21 days
_NEXT_WORD_YI = r"(?!一[直共起样般下些定律切再次])(?!(?<=[一二两三四五六七八九\d])一个)(?!(?<=[\d百佰千仟万])一天)"
NUMERAL = (rf"(?:{_AR}|{_CN})"
           rf"(?:{_AR}|{_NEXT_WORD_YI}{_CN}|[多余来](?=[{UNIT_CHARS}])|[wWkK](?![a-zA-Z]))*")

_ARABIC_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


class NotANumber(ValueError):
    pass


def parse_number(s: str) -> tuple[float, bool]:
    """Value and approx flag of a numeral; raises NotANumber when `s` holds none."""
    s = s.strip().replace("廿", "二十").replace("卅", "三十")      # 廿几个人: twenty-odd
    if not s:
        raise NotANumber(s)
    total = 0.0          # sum of completed 亿/万 sections
    section = 0.0        # value inside the current 万 section
    cur: float | None = None
    cur_single = False   # cur is one digit (for elision)
    last_unit: int | None = None
    zero_seen = False
    approx = False
    seen_any = False
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch.isdigit():
            m = _ARABIC_RE.match(s, i)
            txt = m.group(0)
            if "," in txt and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", txt):
                raise NotANumber(s)
            cur = float(txt.replace(",", ""))
            cur_single = len(txt) == 1
            seen_any = True
            i = m.end()
            continue
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            seen_any = True
            if d == 0:
                zero_seen = True
                i += 1
                continue
            nxt = s[i + 1] if i + 1 < n else ""
            if nxt in CN_DIGITS and CN_DIGITS[nxt] == d + 1 and d != 0:
                # 三四千, 七八十: a range of two neighbours -> the lower one
                approx = True
                cur, cur_single = float(d), True
                i += 2
                continue
            if cur is not None and cur_single and not last_unit:
                # digit string written in characters (二零二三)
                cur = cur * 10 + d
                cur_single = False
            else:
                cur, cur_single = float(d), True
            i += 1
            continue
        if ch == "几":
            seen_any = True
            approx = True
            if cur is None and last_unit is None:
                cur, cur_single = 2.0, True      # leading 几: 几千 -> 2000
            # after a unit (十几, 三十几万) it adds nothing
            i += 1
            continue
        if ch in SMALL_UNITS:
            u = SMALL_UNITS[ch]
            if cur is None:
                if ch in "kK" or (section == 0 and total == 0 and not seen_any) or u == 10:
                    cur = 1.0
                else:
                    raise NotANumber(s)
            if ch in "kK":
                # 8k: everything so far is thousands
                section = (section + cur) * u
            else:
                section += cur * u
            seen_any = True
            cur, cur_single, last_unit, zero_seen = None, False, u, False
            i += 1
            continue
        if ch in BIG_UNITS:
            u = BIG_UNITS[ch]
            val = section + (cur or 0.0)
            if val == 0 and not seen_any:
                raise NotANumber(s)
            if u == 100_000_000:
                total = (total + val) * u
            else:
                total += val * u
            section, cur, cur_single, last_unit, zero_seen = 0.0, None, False, u, False
            seen_any = True
            i += 1
            continue
        if ch in APPROX_INNER:
            approx = True
            i += 1
            continue
        if ch in ", ":
            i += 1
            continue
        raise NotANumber(s)
    if not seen_any:
        raise NotANumber(s)
    if cur is not None:
        if last_unit and cur_single and not zero_seen and last_unit >= 100:
            section += cur * last_unit / 10       # 一万二, 两千五, 三百五
        else:
            section += cur
    value = total + section
    return (round(value, 6), approx)


def to_number(value: float) -> float | int:
    """Whole numbers as int (for JSON)."""
    return int(value) if float(value).is_integer() else value


_CN_OUT = "零一二三四五六七八九"


def to_chinese(n: int, daxie: bool = False, liang: bool = False) -> str:
    """Write a non-negative integer below 10^12 in Chinese characters (used by the tests)."""
    digits = "零壹贰叁肆伍陆柒捌玖" if daxie else _CN_OUT
    units = ("", "拾", "佰", "仟") if daxie else ("", "十", "百", "千")

    def four(x: int) -> str:
        out, zero = "", False
        for pos in (3, 2, 1, 0):
            d = x // 10 ** pos % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += digits[0]
                zero = False
            dch = digits[d]
            if liang and d == 2 and pos >= 2:
                dch = "两"
            out += dch + units[pos]
        return out

    if n == 0:
        return digits[0]
    parts = []
    yi, rest = divmod(n, 100_000_000)
    wan, ge = divmod(rest, 10_000)
    if yi:
        parts.append(four(yi) + "亿")
    if wan:
        if yi and wan < 1000:
            parts.append(digits[0])
        parts.append(four(wan) + "万")
    if ge:
        if (yi or wan) and ge < 1000:
            parts.append(digits[0])
        parts.append(four(ge))
    s = "".join(parts)
    if not daxie and s.startswith("一十"):
        s = s[1:]
    return s
