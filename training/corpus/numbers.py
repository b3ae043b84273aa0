"""Writing numbers the ways people write them: money, headcounts, months and days.

Every writer returns the text together with the value a gold annotator would record
(vague values take their lower bound: 3万多 -> 30000, 十几万 -> 100000, 三四千 -> 3000,
几千 -> 2000, 四十多 -> 40, 几十 -> 20) and the approx flag.
"""
from __future__ import annotations

import random

from training.corpus.text import Piece

CN = "零一二三四五六七八九"
DAXIE = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "十", "百", "千")
DAXIE_UNITS = ("", "拾", "佰", "仟")
ORAL = ("wechat", "asr", "one_liner", "narrative")


def cn_int(n: int, liang: bool = True, daxie: bool = False) -> str:
    """Chinese numerals for 0 <= n < 10^8: 37 -> 三十七, 2500 -> 两千五百, 30000 -> 三万."""
    digits = DAXIE if daxie else CN
    units = DAXIE_UNITS if daxie else UNITS

    def four(x: int, lead: bool) -> str:
        out, zero = [], False
        for pos in (3, 2, 1, 0):
            d = x // 10 ** pos % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out.append(digits[0])
                zero = False
            ch = digits[d]
            if liang and not daxie and d == 2 and pos >= 2:
                ch = "两"
            if not daxie and d == 1 and pos == 1 and not out and lead:
                ch = ""          # 十二, not 一十二
            out.append(ch + units[pos])
        return "".join(out)

    if n == 0:
        return digits[0]
    wan, ge = divmod(n, 10_000)
    s = ""
    if wan:
        s = four(wan, True) + ("万" if not daxie else "万")
        if ge and ge < 1000:
            s += digits[0]
    if ge:
        s += four(ge, not wan)
    if liang and not daxie and s == "二":
        s = "两"
    return s


def elided(n: int, arabic_lead: bool = False) -> str | None:
    """一万二 (12000), 两千五 (2500), 三百五 (350), 八万一, 1万1: None when n has no such form."""
    for unit, uch in ((10_000, "万"), (1000, "千"), (100, "百")):
        a, rest = divmod(n, unit)
        if 1 <= a <= 9 and rest and rest % (unit // 10) == 0 and 1 <= rest // (unit // 10) <= 9:
            c = rest // (unit // 10)
            if arabic_lead:
                return f"{a}{uch}{c}"
            lead = "两" if a == 2 else CN[a]
            return f"{lead}{uch}{CN[c]}"
    return None


def _round(v: int, sig: int) -> int:
    """Round to `sig` significant digits."""
    if v <= 0:
        return v
    p = len(str(v)) - sig
    if p <= 0:
        return v
    q = 10 ** p
    return max(q, int(round(v / q)) * q)


def _lead(v: int) -> int:
    """The lower bound people say for v: 34600 -> 30000 (3万多); from 10^5 up two digits: 463000 -> 460000."""
    s = len(str(v))
    q = 10 ** (s - 1) if v < 100_000 else 10 ** (s - 2)
    return max(q, v // q * q)


class Money:
    """Draws a written money amount near a base value; returns Piece and value."""

    def __init__(self, rng: random.Random, register: str):
        self.rng = rng
        self.oral = register in ORAL
        self.formal = register in ("work_order", "petition")

    def unit(self, allow_bare: bool) -> str:
        r = self.rng.random()
        if self.oral:
            opts = ["块", "块钱", "元", ""] if allow_bare else ["块", "块钱", "元", "块"]
        else:
            opts = ["元", "元", "元", ""] if allow_bare else ["元"]
        return opts[int(r * len(opts))]

    def piece(self, base: float, kind: str, approx: bool | None = None, allow_bare: bool = True,
              style: str | None = None) -> tuple[Piece, float, bool]:
        """A written amount near `base` (yuan). approx None: drawn (about 1 in 4)."""
        rng = self.rng
        base = max(1, int(base))
        if approx is None:
            approx = rng.random() < 0.27
        text, value = (self._approx(base, allow_bare, style) if approx else self._exact(base, allow_bare, style))
        return Piece(text, "amount", {"value": value, "approx": approx, "kind": kind}), value, approx

    # exact forms
    def _exact(self, base: int, allow_bare: bool, style: str | None) -> tuple[str, int]:
        rng = self.rng
        v = _round(base, rng.choice((2, 2, 2, 3)) if base >= 1000 else 2)
        styles = []
        if self.oral:
            styles += ["cn", "cn", "el", "ar", "ar", "qian", "wan"]
        else:
            styles += ["ar", "ar", "ar", "comma", "wan", "cn", "el"]
        if self.formal:
            styles += ["daxie"] if rng.random() < 0.15 else []
        if style:
            styles = [style]
        st = rng.choice(styles)
        u = self.unit(allow_bare)
        if st == "el":
            al = v >= 10_000 and rng.random() < 0.25
            e = elided(v, arabic_lead=al)
            if e is None:
                v = _round(v, 2)
                e = elided(v, arabic_lead=al)
            if e is not None:
                # 一万二 reads as a number; a unit after it is rare
                return e + (rng.choice(("块", "块钱")) if self.oral and rng.random() < 0.25 else ""), v
            st = "cn"
        if st == "cn":
            v = _round(v, 2)
            return cn_int(v) + (u or ("块" if self.oral else "元")), v
        if st == "qian" and v < 10_000 and v % 1000 == 0:
            return f"{v // 1000}千" + (u if rng.random() < 0.6 else ""), v
        if st in ("wan", "qian") and v >= 10_000 and v % 1000 == 0:
            w = v / 10_000
            ws = f"{w:.1f}".rstrip("0").rstrip(".") if v % 10_000 else str(v // 10_000)
            if self.oral and rng.random() < 0.25 and v < 1_000_000:
                return ws + rng.choice(("w", "W", "万")), v
            return ws + "万" + rng.choice(("元", "元", "", "块") if self.oral else ("元", "元", "")), v
        if st == "comma" and v >= 1000:
            return f"{v:,}元", v
        if st == "daxie" and v >= 100:
            v = _round(v, 3)
            return cn_int(v, liang=False, daxie=True) + "元整", v
        if v >= 100_000 and v % 1000 == 0:
            ws = f"{v / 10_000:.1f}".rstrip("0").rstrip(".")
            return ws + "万" + ("元" if not self.oral or rng.random() < 0.5 else ""), v
        if v >= 100_000 or not (u or allow_bare):
            u = u or "元"
        return f"{v}{u}", v

    # approximate forms (value is the lower bound)
    def _approx(self, base: int, allow_bare: bool, style: str | None) -> tuple[str, int]:
        rng = self.rng
        v = _lead(base)
        u = self.unit(False)
        choices = ["duo", "duo", "yue", "zuoyou", "ji", "range", "laiyu", "chutou", "budao"]
        if style:
            choices = [style]
        st = rng.choice(choices)
        oral = self.oral
        if st == "ji":
            # 十几万 / 几千 / 几万块 / 二十几万: lower bound
            s = len(str(v))
            if 100_000 <= v < 1_000_000 and rng.random() < 0.6:
                tens = v // 100_000              # 十几万 -> 100000, 二十几万 -> 200000
                head = "十" if tens == 1 else cn_int(tens) + "十"
                return head + "几万" + (rng.choice(("块", "块钱", "元", "")) if oral else "元"), tens * 100_000
            unit_ch, mag = {4: ("千", 1000), 5: ("万", 10_000), 3: ("百", 100)}.get(s, ("千", 1000))
            if s >= 6:
                return self._approx(base, allow_bare, "duo")
            return "几" + unit_ch + (rng.choice(("块", "块钱", "元")) if oral else "元"), 2 * mag
        if st == "range":
            d = int(str(v)[0])
            if 1 <= d <= 8 and len(str(v)) in (4, 5):
                mag = 10 ** (len(str(v)) - 1)
                uc = "千" if mag == 1000 else "万"
                a = "两" if d == 2 else CN[d]
                b = CN[d + 1]
                return f"{a}{b}{uc}" + (rng.choice(("块", "块钱", "元", "")) if oral else "元"), d * mag
            st = "duo"
        if st == "laiyu":
            if v >= 100_000 and v % 100_000 == 0 and v < 1_000_000:
                return cn_int(v // 10_000) + "来万" + ("" if oral else "元"), v
            st = "duo"
        if st == "chutou":
            if len(str(v)) in (4, 5) and (v // 10 ** (len(str(v)) - 1)) * 10 ** (len(str(v)) - 1) == v:
                return cn_int(v) + "出头", v
            st = "yue"
        if st == "budao":
            if not oral and 1000 <= v < 100_000:
                return f"不到{v}元", v
            st = "yue"
        if st == "yue":
            if v >= 10_000 and v % 1000 == 0 and (v >= 100_000 or rng.random() < 0.6):
                w = v / 10_000
                ws = f"{w:.1f}".rstrip("0").rstrip(".") if v % 10_000 else str(v // 10_000)
                return f"约{ws}万元", v
            return f"约{v}元", v
        if st == "zuoyou":
            if oral and rng.random() < 0.5:
                return cn_int(v) + rng.choice(("块左右", "块钱左右", "左右")), v
            return f"{v}元左右", v
        # duo: 3万多 / 46万余元 / 4千多 / 两万多块 / 一百多块钱 / 4000多元
        if v >= 10_000:
            w = v // 10_000
            head = str(w) if (not oral or rng.random() < 0.4) else cn_int(w)
            mid = "余" if (not oral and rng.random() < 0.5) else "多"
            tail = rng.choice(("元", "")) if not oral else rng.choice(("块", "块钱", "", ""))
            return f"{head}万{mid}{tail}", w * 10_000
        if v >= 1000 and rng.random() < 0.35:
            q = v // 1000
            return f"{q}千多" + rng.choice(("", "元", "块")), q * 1000
        head = cn_int(v) if oral else str(v)
        return head + "多" + (rng.choice(("块", "块钱", "")) if oral else rng.choice(("元", "元"))), v


def count_text(rng: random.Random, n: int, register: str, approx: bool = False) -> tuple[str, int, bool]:
    """A headcount numeral (no classifier): 37 / 三十七 / 四十多 / 十几 / 几十 / 七八 / 二十来."""
    oral = register in ORAL
    if not approx:
        if oral or rng.random() < 0.25:
            return cn_int(n, liang=True), n, False
        return str(n), n, False
    if n >= 100:
        v = n // 100 * 100
        return rng.choice((f"{cn_int(v // 100)}百多", f"{v}多", f"{v}余", "上百")) if v == 100 else f"{cn_int(v // 100)}百多", v, True
    if n >= 20:
        t = n // 10
        st = rng.random()
        if st < 0.45:
            return (cn_int(t * 10) if oral else str(t * 10)) + rng.choice(("多", "余") if not oral else ("多", "多")), t * 10, True
        if st < 0.6:
            return cn_int(t * 10) + "来", t * 10, True
        if st < 0.7 and t <= 8:
            return ("两" if t == 2 else CN[t]) + CN[t + 1] + "十", t * 10, True
        if st < 0.8:
            return "几十", 20, True
        return cn_int(t * 10) + "几", t * 10, True
    if n >= 10:
        return "十几", 10, True
    # small: 七八 / 几
    if 2 <= n <= 8 and rng.random() < 0.7:
        return ("两" if n == 2 else CN[n]) + CN[n + 1], n, True
    return "几", 2, True


def months_text(rng: random.Random, k: int, register: str) -> str:
    """`k` months written out: 三个月 / 3个月 / 半年 / 一年 / 俩月."""
    oral = register in ORAL
    if k == 6 and rng.random() < 0.3:
        return "半年"
    if k == 12 and rng.random() < 0.4:
        return "一年"
    if k == 2 and oral and rng.random() < 0.25:
        return "俩月"
    if oral or rng.random() < 0.5:
        return cn_int(k) + "个月"
    return f"{k}个月"


def days_text(rng: random.Random, d: int, register: str) -> str:
    if register in ORAL or rng.random() < 0.4:
        return cn_int(d, liang=False) + "天"
    return f"{d}天"


def small_cn(rng: random.Random, n: int, register: str) -> str:
    """A small count for running text (years, hours, people): 3 / 三."""
    if register in ORAL or rng.random() < 0.5:
        return cn_int(n)
    return str(n)
