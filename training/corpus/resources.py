"""Read-only pools drawn from the shared public corpora (never copied into the repo).

* msra_ner.jsonl.gz -> organisation names that look like workplaces (公司、厂、酒店、医院、学校 ...),
  with the sector their name implies.
* reviews.jsonl.gz  -> short colloquial consumer reviews (外卖、网购、酒店) without figures, used
  as a minority of `other` texts.

Both pools are sorted, so a build depends only on the seed and the corpus files. When
the shared corpora are missing the pools are empty and the generator uses its own
names only (the build stays reproducible, just with a different output).
"""
from __future__ import annotations

import gzip
import json
import os
import re
from functools import lru_cache
from pathlib import Path

SHARED = Path(os.environ.get("TRIAGE_SHARED_CORPORA", "/work/shared/corpora"))

_ORG_OK = re.compile(r"(有限公司|有限责任公司|股份公司|公司|厂|集团|酒店|宾馆|饭店|大酒店|商场|超市|医院|卫生院|"
                     r"中学|小学|幼儿园|学校|商店|餐厅)$")
_ORG_BAD = re.compile(r"(中国|国家|全国|中央|人民日报|新华|党|委员会|政府|部$|局|厅|军|总公司|美国|日本|英国|德国|法国|"
                      r"俄罗斯|韩国|国际商用|联合国|协会|学会|研究|大学|学院|电视|电影|报社|出版|银行|保险|证券|电力|"
                      r"铁路|铁道|航空|石油|石化|电信|邮电|移动|联通|烟草|[A-Za-z0-9])")

_SECTOR_BY_NAME = (
    (re.compile(r"建筑|建设|建工|工程|路桥|市政|装饰|房地产|置业"), "construction"),
    (re.compile(r"酒店|宾馆|饭店|餐|食府|酒家|商场|超市|商店|商厦|百货|购物"), "catering_retail"),
    (re.compile(r"医院|卫生院|诊所|门诊|医疗"), "healthcare"),
    (re.compile(r"中学|小学|幼儿园|学校|教育|培训"), "education"),
    (re.compile(r"快递|物流|运输|速运|货运|出租汽车"), "logistics_platform"),
    (re.compile(r"厂|电子|机械|制药|纺织|服装|化工|食品|电器|汽车|钢|铝|材料|塑|印刷|制造|重工|机床|包装|玩具|家具|"
                r"陶瓷|酒业|啤酒|乳业|奶粉|水泥|造纸|皮革|鞋|纸业|有色|矿"), "manufacturing"),
)


def sector_of_name(name: str) -> str:
    for rx, sec in _SECTOR_BY_NAME:
        if rx.search(name):
            return sec
    return "other"


@lru_cache(maxsize=1)
def msra_orgs() -> dict[str, tuple[str, ...]]:
    """Workplace-like ORG names from MSRA NER, grouped by the sector their name implies."""
    path = SHARED / "msra_ner.jsonl.gz"
    out: dict[str, set[str]] = {}
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            chars, tags = row["chars"], row["tags"]
            i, n = 0, len(tags)
            while i < n:
                if tags[i] == "B-ORG":
                    j = i + 1
                    while j < n and tags[j] == "I-ORG":
                        j += 1
                    name = chars[i:j]
                    if 5 <= len(name) <= 16 and name[0] not in "“\"《" and _ORG_OK.search(name) and not _ORG_BAD.search(name):
                        out.setdefault(sector_of_name(name), set()).add(name)
                    i = j
                else:
                    i += 1
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


_REVIEW_BAD = re.compile(r"[0-9０-９a-zA-Zａ-ｚ]|[零一二两三四五六七八九十百千万几]+\s*[元块毛角]|@|http|<|>|\\|\n|工资|工人|员工|上班|老板"
                         r"|合同|社保|加班|工作|招聘|保险|公积金|跑路|[一二两三四五六七八九十几][十百千万]|[百千万]|麻痹|尼.?玛|卧槽|我擦|傻|逼|\*|操")


@lru_cache(maxsize=1)
def reviews() -> tuple[str, ...]:
    """Short consumer reviews without figures or labour words (so no label is missed)."""
    path = SHARED / "reviews.jsonl.gz"
    if not path.is_file():
        return ()
    keep: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            src, t = row.get("source", ""), (row.get("text") or "").strip()
            if row.get("label") != "0":                    # complaints, not praise
                continue
            if not (12 <= len(t) <= 90) or _REVIEW_BAD.search(t):
                continue
            if src.startswith("ChnSentiCorp_htl") and not re.search(r"[，。！？,!?]", t):
                continue
            keep.add(t)
    return tuple(sorted(keep))
