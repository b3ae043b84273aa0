"""Personal numbers: mobile and landline phones, 18-digit ID numbers, bank cards.

Found so they can be masked (PII), and so the amount finder never reads them as money.
ID numbers must pass the GB 11643 checksum and carry a plausible birth date; bank
cards are 16-19 digits and pass Luhn unless a card cue (卡号, 银行卡, 账号 ...) stands
right before them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass
class Contact:
    text: str
    start: int
    end: int
    kind: str          # phone / landline / id_number / bank_card

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind}


_ID_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_checksum_ok(s: str) -> bool:
    if not re.fullmatch(r"\d{17}[\dXx]", s):
        return False
    total = sum(int(c) * w for c, w in zip(s[:17], _ID_W))
    if _ID_CHECK[total % 11] != s[17].upper():
        return False
    try:
        born = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date(2030, 12, 31)


def luhn_ok(s: str) -> bool:
    digits = [int(c) for c in s]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# A run of digits with optional single spaces/hyphens between groups; never glued to
# other digits or latin letters.
_RUN = re.compile(r"(?<![0-9A-Za-z])\d(?:[ \-]?\d){6,22}[Xx]?(?![0-9A-Za-z])")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(?:0\d{2,3}[\- ]?)?[2-9]\d{6,7}")
_CARD_CUE = re.compile(r"(卡号|银行卡|工资卡|储蓄卡|借记卡|信用卡|账号|帐号|账户|帐户|卡)[^0-9]{0,6}$")
_PHONE_CUE = re.compile(r"(电话|手机|座机|固话|传真|联系|热线|号码|打|拨|致电|微信|tel|Tel|TEL)[^0-9]{0,8}$")
_PAREN_AREA = re.compile(r"[(（]0\d{2,3}[)）]\s?$")


def _classify(text: str, s: int, e: int) -> Contact | None:
    """The contact that text[s:e] (one run of digits) is, or None."""
    raw = text[s:e]
    digits = re.sub(r"[ \-]", "", raw)
    left = text[max(0, s - 12):s]
    if len(digits) == 18 and id_checksum_ok(digits):
        return Contact(raw, s, e, "id_number")
    if raw[-1] in "Xx":
        return None
    if len(digits) == 11 and _MOBILE.fullmatch(digits):
        return Contact(raw, s, e, "phone")
    if len(digits) == 13 and digits.startswith("86") and _MOBILE.fullmatch(digits[2:]):
        if s > 0 and text[s - 1] == "+":
            s -= 1
        return Contact(text[s:e], s, e, "phone")
    if 16 <= len(digits) <= 19 and (luhn_ok(digits) or _CARD_CUE.search(left)):
        if not (len(digits) == 18 and re.fullmatch(r"\d{6}(19|20)\d{2}(0[1-9]|1[0-2])\d{5}", digits)
                and not _CARD_CUE.search(left)):
            return Contact(raw, s, e, "bank_card")
    if _LANDLINE.fullmatch(digits if "-" not in raw and " " not in raw else raw) or _LANDLINE.fullmatch(digits):
        has_area = digits.startswith("0") and 10 <= len(digits) <= 12
        cue = _PHONE_CUE.search(left) or _PAREN_AREA.search(text[max(0, s - 7):s])
        if has_area or (cue and 7 <= len(digits) <= 8):
            if _PAREN_AREA.search(text[max(0, s - 7):s]):
                ps = text.rfind("(", max(0, s - 7), s)
                ps2 = text.rfind("（", max(0, s - 7), s)
                s = max(ps, ps2)
            return Contact(text[s:e], s, e, "landline")
    return None


def _split_run(text: str, s: int, e: int) -> list[Contact]:
    """Contacts in a run that is not one number as a whole.

    A run may join a number to the next one across a space (the normaliser turns line
    breaks into spaces): 联系人：陈某 13992561738 / 2024年9月3日 reads as the run
    "13992561738 2024". Try the longest leading group(s) that make a contact, then go on
    with the rest; a leading group that makes none is dropped.
    """
    c = _classify(text, s, e)
    if c:
        return [c]
    gaps = [s + i for i, ch in enumerate(text[s:e]) if ch == " "]
    if not gaps:
        return []
    for g in reversed(gaps):
        left = _classify(text, s, g)
        if left:
            return [left] + _split_run(text, g + 1, e)
    return _split_run(text, gaps[0] + 1, e)


# Numbers read out digit by digit and typed as characters (一五九四五一二零七三八, 幺三八…):
# callers spell phone numbers this way and transcripts keep it. Each character maps to one digit,
# so the run is classified on a same-length copy of the text with ASCII digits.
_CN_DIGIT = str.maketrans("零〇一二三四五六七八九幺", "001234567891")
_CN_RUN = re.compile(r"(?<![零〇一二三四五六七八九幺十百千万])[零〇一二三四五六七八九幺](?:[ \-]?[零〇一二三四五六七八九幺]){9,17}"
                     r"(?![零〇一二三四五六七八九幺十百千万])")


def find_contacts(text: str) -> list[Contact]:
    out: list[Contact] = []
    for m in _RUN.finditer(text):
        out.extend(_split_run(text, m.start(), m.end()))
    ascii_digits = text.translate(_CN_DIGIT)
    for m in _CN_RUN.finditer(text):
        c = _classify(ascii_digits, m.start(), m.end())
        if c is not None and c.kind in ("phone", "landline", "id_number"):
            out.append(Contact(text[c.start:c.end], c.start, c.end, c.kind))
    out.sort(key=lambda c: c.start)
    # hotline numbers 12345 / 110 are public, not PII: not reported
    return out
