"""Normalisation stage: make text uniform for the model without moving any offset.

Every change is one character for one character, so the normalised text has exactly
the length of the text as received and every span found in it is a valid span of the
original: full-width forms become half-width, traditional characters become
simplified (character by character, from OpenCC's table), and control, format and
surrogate characters become spaces.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc  # opencc-python-reimplemented: ships the OpenCC tables as text files


@dataclass(frozen=True)
class NormalisedText:
    original: str
    text: str          # same length as `original`

    def span(self, start: int, end: int) -> str:
        """The original characters behind a span found in the normalised text."""
        return self.original[start:end]


# Punctuation that ends a clause. normalise() makes ，；！？ half-width and keeps 。; patterns over its
# output (service.extract) accept both forms, so they read raw text the same way.
CLAUSE_PUNCT = "，,。；;！!？?"


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ts = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in ts.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            simplified = parts[1].split(" ")[0]
            # 嗰 -> 𠮶: a simplified form outside the basic plane, which no pattern or tokenizer here reads
            # (Cantonese texts write 嗰); keep the character as written
            if len(simplified) == 1 and ord(simplified) <= 0xFFFF:
                table[ord(parts[0])] = simplified
    for cp in range(0xFF01, 0xFF5F):          # full-width ASCII
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "                         # ideographic space
    return table


def _clean(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") or (cat == "Cf" and ch != "\u200d"):
        return " "
    if ch.isspace():
        return " "
    return ch


def normalise(text: str) -> NormalisedText:
    """Normalise `text`; the result's `.text` has the same length as `text`."""
    mapped = text.translate(_char_table())
    out = "".join(_clean(c) if not c.isalnum() or c.isspace() else c for c in mapped)
    assert len(out) == len(text)
    return NormalisedText(text, out)
