"""Word boundaries (jieba) for spans a model chose: a small tagger often starts or ends a site's name one
character inside a word (南府 二期 for 江南府 二期, 外墙改 for 外墙改造), which a reader sees at once and the
rules' spans never do."""
from __future__ import annotations

import logging
import re
import warnings

_jieba = None

# a division, road or pause before a name (青秀区|飞驰…) is a word jieba may glue onto the name's first
# character; a verb or particle after it (项目部, 工程系, 车间接) one it may glue onto the last
_NOT_INTO_START = re.compile(r"[省市区县镇乡村路街旁\s]")
_NOT_INTO_END = re.compile(r"[上里的在干做系部当接\s]")


def _cut(text: str) -> list[str]:
    global _jieba
    if _jieba is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")          # jieba 0.42 imports pkg_resources, deprecated
            import jieba
        jieba.setLogLevel(logging.ERROR)
        _jieba = jieba
    return _jieba.lcut(text)


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) moved out to the edges of the words they cut, by at most two characters at the
    start and one at the end; unchanged where they fall between words."""
    lo, hi = max(0, start - 6), min(len(text), end + 4)
    s, e, i = start, end, lo
    for word in _cut(text[lo:hi]):
        a, b = i, i + len(word)
        if a < start < b and start - a <= 2 and not _NOT_INTO_START.search(text[a:start]):
            s = a
        if a < end < b and b - end <= 1 and not _NOT_INTO_END.search(text[end:b]):
            e = b
        i = b
    return s, e
