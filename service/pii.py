"""Masking of personal numbers (phones, ID numbers, bank cards) for logs and storage.

Deliberately blunt: any run of seven or more digits (spaces or hyphens allowed
between them, full-width digits included, an ID's trailing X too) keeps its first
three and last two digits and loses the rest. Amounts under a million are six digits
and pass; a larger one written in digits is masked too, which costs nothing in a log.
A run that is exactly a calendar date (2023-10-01) is a date, not a number, and stays.
Numbers spelt digit by digit in characters (一五九四五一二零七三八, 幺三八…) are runs too:
seven such characters in a row, without 十/百/千/万, are never an amount.
"""
from __future__ import annotations

import re
from typing import Any

_CN_DIGITS = "零〇一二三四五六七八九幺"
_DIGIT = "0-9０-９" + _CN_DIGITS
_RUN = re.compile(rf"(?:[{_DIGIT}][ \-]?){{6,}}[{_DIGIT}Xx]")
_DATE = re.compile(r"(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])")


def _mask_run(m: re.Match) -> str:
    s = m.group(0)
    if _DATE.fullmatch(s):
        return s
    digit_pos = [i for i, ch in enumerate(s) if ch.isdigit() or ch in _CN_DIGITS or ch in "Xx"]
    keep = set(digit_pos[:3] + digit_pos[-2:])
    return "".join(ch if (i in keep or i not in digit_pos) else "*" for i, ch in enumerate(s))


def mask_pii(text: str) -> str:
    return _RUN.sub(_mask_run, text)


def mask_result(obj: Any) -> Any:
    """A copy of a result dict with every span text masked (numbers stay numbers)."""
    if isinstance(obj, dict):
        return {k: (mask_pii(v) if k == "text" and isinstance(v, str) else mask_result(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [mask_result(v) for v in obj]
    return obj
