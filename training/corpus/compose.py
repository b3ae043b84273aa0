"""Draw a case, write it in a register, add noise, and read the labels off the pieces.

`generate(seed, n)` yields n rows; row i depends only on (seed, i), so a build is
byte-identical for a seed and any prefix of it is the same whatever n is.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Any, Iterator

from service.labels import Labels, get_labels
from service.normalise import normalise
from training.corpus import noise
from training.corpus import parties as P
from training.corpus.case import Case, install
from training.corpus.places import short_dist
from training.corpus.frames import FRAMES
from training.corpus.registers import CONS, WRITERS
from training.corpus.resources import reviews
from training.corpus.text import Piece, assemble, merge_plain
from training.corpus_rows import expected_route

TYPE_WEIGHTS = {
    "wage_arrears": 14.0, "social_security_service": 8.0, "employment_service": 5.0, "labour_policy": 5.0,
    "social_insurance": 4.6, "labor_contract": 3.8, "dismissal": 4.2, "overtime": 3.8, "work_injury": 4.0,
    "heat_allowance": 2.9, "workplace_safety": 3.0, "child_labor": 2.7, "forced_labor": 2.7, "discrimination": 2.8,
    "female_protection": 2.9, "labor_dispatch": 2.9, "recruitment_fraud": 3.0, "housing_fund": 3.0, "other": 14.5,
}
REGISTER_WEIGHTS = {"work_order": 31, "online_message": 17, "petition": 7, "one_liner": 10, "narrative": 9, "wechat": 12, "asr": 14}
PETITION_FACTOR = {"wage_arrears": 2.0, "social_security_service": 1.2, "social_insurance": 1.0, "work_injury": 1.4,
                   "housing_fund": 0.8, "other": 0.45, "child_labor": 0.3, "discrimination": 0.3, "recruitment_fraud": 0.9,
                   "labour_policy": 0.7, "employment_service": 0.35, "overtime": 0.4, "heat_allowance": 0.3,
                   "workplace_safety": 0.4, "forced_labor": 0.4, "female_protection": 0.5, "labor_dispatch": 0.9,
                   "labor_contract": 0.4, "dismissal": 0.8}
REVIEW_SHARE = 0.06          # of `other` rows, a consumer review from the shared corpus

# words whose presence makes a text "have a keyword of its type" (for the no_keyword slice)
TYPE_KEYWORDS = {
    "wage_arrears": "工资 工钱 欠薪 薪 拖欠 克扣 公资 公钱 报酬 结算 结账 讨薪 跑单钱 派费 提成 代课费 血汗钱",
    "overtime": "加班 工时 休息 休假 年假 996 小时 调休 请假 钟头 单休 大小周",
    "heat_allowance": "高温 防暑 降温 津贴 高瘟",
    "social_insurance": "社保 社会保险 养老保险 医保 工伤保险 五险 断缴 参保 保险 社宝",
    "labor_contract": "合同 二倍工资 试用期 竞业 和同",
    "dismissal": "辞退 开除 解除 裁员 补偿 赔偿 辞职 解雇 炒 不用来 走人 词退",
    "work_injury": "工伤 受伤 职业病 尘肺 伤残 噪声聋 矽肺 公伤 骨折",
    "workplace_safety": "安全 隐患 防护 事故 违章 无证",
    "child_labor": "童工 未满16 未满十六 未成年 初中 学生 同工",
    "forced_labor": "限制 自由 扣押 身份证 殴打 威胁 不让走 不让离开 身分证",
    "discrimination": "歧视 只招 限男 男性 年龄 乙肝 户籍 地域 勿扰",
    "female_protection": "怀孕 孕期 产假 哺乳 生育 产检 孕",
    "labor_dispatch": "派遣 同工同酬 派遗",
    "recruitment_fraud": "招聘 中介 押金 培训费 体检费 骗 职介 压金",
    "housing_fund": "公积金 公基金",
    "social_security_service": "养老金 退休 医保 报销 社保卡 失业金 生育津贴 参保 社保 养老 医疗保险 工伤保险",
    "employment_service": "就业 创业 培训 补贴 技能 失业登记 见习 招聘会 零工",
    "labour_policy": "最低工资 标准 政策 规定 年假 加班 工资 津贴 退休",
    "other": "",
}
HARD_OTHER = re.compile(r"工资|工人|老板|公司|合同|跑路|师傅|员工|骑手|老师|工地|社保|补偿|押金|跑了|施工")

FAMILY = (("丈夫", "m"), ("爱人", "m"), ("儿子", "m"), ("弟弟", "m"), ("父亲", "m"), ("哥哥", "m"), ("老公", "m"),
          ("妻子", "f"), ("女儿", "f"), ("母亲", "f"), ("妹妹", "f"), ("老婆", "f"), ("爱人", "f"))
COLLEAGUE = ("同事", "工友", "朋友", "老乡", "室友", "一个同事")


def _wchoice(rng: random.Random, d: dict[str, float]) -> str:
    keys = list(d)
    return rng.choices(keys, weights=[d[k] for k in keys], k=1)[0]


@lru_cache(maxsize=1)
def _labels() -> Labels:
    return get_labels()


def draw_case(rng: random.Random, primary: str | None = None, register: str | None = None) -> Case:
    primary = primary or _wchoice(rng, TYPE_WEIGHTS)
    spec = FRAMES[primary]
    if register is None:
        rw = dict(REGISTER_WEIGHTS)
        rw["petition"] *= PETITION_FACTOR.get(primary, 1.0)
        register = _wchoice(rng, rw)
    c = Case(rng, register)
    c.primary = primary
    intents = dict(spec["intents"])
    if register == "petition":
        intents["inquiry"] = intents.get("inquiry", 0) * 0.25
    if register == "one_liner":
        intents.pop("suggestion", None)
    c.intent = _wchoice(rng, intents)
    # secondary types (not for one-liners: too short to carry them)
    types = [primary]
    if spec["combos"] and register != "one_liner" and rng.random() < (0.36 if not spec.get("service") else 0.12):
        types.append(_wchoice(rng, spec["combos"]))
        if rng.random() < 0.12:
            extra = _wchoice(rng, spec["combos"])
            if extra not in types:
                types.append(extra)
    c.types = types
    c.sector = _wchoice(rng, spec["sectors"])
    # who the text is about
    if spec.get("female"):
        c.gender = "f"
    if not spec.get("service") and not spec.get("other"):
        if c.intent == "report":
            if spec.get("reporter") or rng.random() < 0.55:
                c.subject = "bystander"
            else:
                c.subject = "colleague"
                c.relation = ("其" if c.persp == "3" else "我") + rng.choice(COLLEAGUE)
        elif c.intent == "help" and rng.random() < 0.35 and primary not in ("child_labor", "forced_labor"):
            rel, g = rng.choice(FAMILY)
            if spec.get("female"):
                rel, g = rng.choice((("妻子", "f"), ("女儿", "f"), ("老婆", "f"), ("妹妹", "f")))
            c.subject, c.relation, c.gender = "family", rel, g
    # group and headcount
    gp = spec.get("group_p", 0.2)
    if primary == "wage_arrears":
        gp = 0.78 if c.sector in CONS else 0.55
    if spec.get("no_workers") or spec.get("service") or spec.get("other") or c.subject in ("family",):
        gp = 0.0
    c.group = rng.random() < gp
    if c.group:
        r = rng.random()
        c.workers_n = rng.randint(3, 9) if r < 0.2 else rng.randint(10, 60) if r < 0.82 else rng.randint(61, 320)
        c.workers_approx = rng.random() < 0.35
    # parties
    place = c.place
    cs, ds = place.city_short, short_dist(place.div.dist)
    if not spec.get("service") and not spec.get("other") and c.sector != "unknown":
        if primary == "labor_dispatch" or (primary != "recruitment_fraud" and "labor_dispatch" in types and rng.random() < 0.5):
            c.employer = P.agency(rng, cs, "dispatch")
        elif primary == "recruitment_fraud":
            c.employer = P.agency(rng, cs, "recruit")
        elif c.sector == "domestic_service":
            c.employer = None
        elif rng.random() < (0.8 if c.formal else 0.55) * (0.7 if c.sector in CONS else 1.0):
            c.employer = P.employer(rng, c.sector, cs, ds)
        if c.sector in CONS and rng.random() < 0.75:
            c.contractor = P.contractor(rng, c.sector, cs)
        if c.sector == "domestic_service" or (c.sector == "logistics_platform" and rng.random() < 0.2):
            c.contractor = P.contractor(rng, c.sector, cs)
        if c.sector in CONS and rng.random() < 0.75:
            c.project = P.project(rng, c.sector, place.road[:2], cs, ds)
    elif primary == "recruitment_fraud":
        c.employer = P.agency(rng, cs, "recruit")
    # flags the case should express
    worker_self = c.subject in ("self", "family", "colleague")
    if c.sector in CONS and worker_self and primary in ("wage_arrears", "work_injury", "heat_allowance", "social_insurance",
                                                          "labor_contract", "overtime", "forced_labor"):
        if rng.random() < 0.85:
            c.want.add("migrant_worker")
    elif primary in ("wage_arrears", "social_insurance", "work_injury", "recruitment_fraud", "employment_service") and worker_self \
            and rng.random() < (0.16 if c.sector in ("manufacturing", "logistics_platform", "other", "catering_retail") else 0.03):
        c.want.add("migrant_worker")
    if "wage_arrears" in types and (c.sector in CONS or c.sector == "education") and rng.random() < (0.34 if c.project else 0.12):
        c.want.add("gov_project")
    elif "wage_arrears" in types and c.sector == "manufacturing" and rng.random() < 0.04:
        c.want.add("gov_project")
    elif c.sector in CONS and rng.random() < 0.03:
        c.want.add("gov_project")
    rep = {"petition": 0.42, "work_order": 0.11, "online_message": 0.12}.get(register, 0.07)
    if spec.get("other"):
        rep *= 0.7
    if c.intent in ("inquiry", "suggestion"):
        rep *= 0.15
    if rng.random() < rep:
        c.want.add("repeat")
    ext = 0.0
    if primary == "wage_arrears":
        ext = 0.13 if c.group else 0.035
    elif spec.get("other"):
        ext = 0.012
    elif not spec.get("service"):
        ext = 0.008
    if register in ("petition", "narrative", "wechat", "work_order", "asr", "one_liner") and rng.random() < ext:
        c.want.add("extreme_risk")
    if c.group and c.workers_n and c.workers_n < 10 and rng.random() < 0.08:
        c.want.add("collective")
    # wage debt forms
    if c.group:
        c.notes["debt_modes"] = ("total", "total", "per_person", "total_pp", "monthly_group", "none", "total")
    else:
        modes = ["total", "monthly", "monthly", "none", "earned_paid", "total"]
        if c.sector in CONS:
            modes += ["daily", "daily", "daily"]
        elif c.sector in ("catering_retail", "logistics_platform", "manufacturing", "other"):
            modes += ["daily"]
        c.notes["debt_modes"] = tuple(modes)
    install(c)
    return c


def _keywords_absent(text: str, code: str) -> bool:
    kws = TYPE_KEYWORDS.get(code, "").split()
    simp = normalise(text).text
    return bool(kws) and not any(k in simp for k in kws)


def write(c: Case) -> list[Piece]:
    pieces = WRITERS[c.register](c)
    pieces = merge_plain(pieces)
    rng = c.rng
    # noise, by register
    if c.register != "asr":
        if rng.random() < 0.12:
            pieces = noise.typos(rng, pieces, p=0.6, max_n=rng.choice((1, 1, 2)))
        if c.oral and rng.random() < 0.2:
            pieces = noise.colloquial(rng, pieces)
        if c.oral and rng.random() < 0.1:
            pieces = noise.dialect(rng, pieces)
        if c.register in ("one_liner", "narrative") and rng.random() < 0.12:
            pieces = noise.strip_punct(rng, pieces, sep=rng.choice(("", " ")), keep_some=0.2)
        if rng.random() < 0.055:
            pieces = noise.traditional(pieces)
            c.slices.add("traditional")
    else:
        c.slices.add("asr")
        if rng.random() < 0.1:
            pieces = noise.dialect(rng, pieces, p=0.5)
    return pieces


def build_row(seed: int, i: int, attempt: int = 0) -> dict[str, Any]:
    rng = random.Random(f"{seed}:{i}" if attempt == 0 else f"{seed}:{i}:{attempt}")
    if rng.random() < TYPE_WEIGHTS["other"] / sum(TYPE_WEIGHTS.values()) * REVIEW_SHARE:
        pool = reviews()
        if pool:
            return review_row(seed, i, rng, rng.choice(pool))
    c = draw_case(rng)
    pieces = write(c)
    text, found = assemble(pieces)
    # trim stray whitespace at the ends without moving spans
    lead = len(text) - len(text.lstrip())
    if lead or text != text.rstrip():
        pieces = _trim(pieces)
        text, found = assemble(pieces)
    return label(c, text, found, f"gen-{seed}-{i:06d}")


def _trim(pieces: list[Piece]) -> list[Piece]:
    out = list(pieces)
    while out and out[0].kind is None and not out[0].text.strip():
        out.pop(0)
    if out and out[0].kind is None:
        out[0] = Piece(out[0].text.lstrip())
    while out and out[-1].kind is None and not out[-1].text.strip():
        out.pop()
    if out and out[-1].kind is None:
        out[-1] = Piece(out[-1].text.rstrip())
    return out


def label(c: Case, text: str, found: dict, rid: str) -> dict[str, Any]:
    labels = _labels()
    cues = found["cues"]
    spans = found["spans"]
    types = list(c.types)
    workers = c.workers if c.primary != "other" else None
    flags = {f: False for f in labels.flags}
    flags["collective"] = bool(cues.get("collective")) or bool(workers and workers[0] >= 10)
    flags["migrant_worker"] = bool(cues.get("migrant_worker"))
    flags["gov_project"] = bool(cues.get("gov_project"))
    flags["repeat"] = bool(cues.get("repeat"))
    flags["extreme_risk"] = bool(cues.get("extreme_risk"))
    if c.primary == "other":
        flags["collective"] = False
        flags["migrant_worker"] = False
    sector = c.sector if (c.revealed and c.primary != "other") else "unknown"
    owed = c.owed_total if any(a["kind"] == "owed_total" or a["kind"] in ("per_person", "monthly_wage", "daily_wage")
                               for a in found["amounts"]) else None
    ents = {
        "amounts": found["amounts"],
        "owed_total": _num(owed) if owed else None,
        "workers": int(workers[0]) if workers else None,
        "workers_approx": bool(workers[1]) if workers else False,
        "employer": spans.get("employer") if c.primary != "other" else None,
        "contractor": spans.get("contractor"),
        "project": spans.get("project"),
        "location": spans.get("location"),
        "period": spans.get("period"),
        "sector": sector,
        "contacts": found["contacts"],
    }
    row: dict[str, Any] = {"id": rid, "text": text, "types": types, "primary": c.primary, "intent": c.intent,
                           "flags": flags, "priority": "normal", "entities": ents, "route": {}}
    lead, assist, prio = expected_route(row, labels)
    row["priority"] = prio
    row["route"] = {"lead": lead, "assist": assist}
    slices = set(c.slices)
    if len(types) > 1:
        slices.add("multi_type")
    if _keywords_absent(text, c.primary):
        slices.add("no_keyword")
    if c.hard or _is_hard(c, text):
        slices.add("hard")
    row["meta"] = {"register": c.register, "source": "generator", "slices": sorted(slices)}
    return row


def _is_hard(c: Case, text: str) -> bool:
    p, t = c.primary, set(c.types)
    if p == "other":
        return bool(HARD_OTHER.search(text))
    if p in FRAMES and not FRAMES[p].get("service") and c.intent == "inquiry":
        return True                                  # a question about one's own case, not policy
    if p == "social_security_service" and re.search(r"单位|公司|社保", text):
        return True                                  # benefit/procedure, not an employer violation
    if p == "social_insurance" and c.intent in ("inquiry", "help"):
        return True
    if {"dismissal", "labor_contract"} <= t or (p == "dismissal" and "合同" in text) or (p == "labor_contract" and re.search("辞退|离职|解除", text)):
        return True
    if p == "labour_policy" and re.search(r"加班|高温|年假|工资", text):
        return True
    if p == "wage_arrears" and (c.sector in ("transport_project", "water_project", "education") or "gov_project" in c.want):
        return True                                  # same complaint, different lead department
    return False


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def review_row(seed: int, i: int, rng: random.Random, review: str) -> dict[str, Any]:
    labels = _labels()
    text = review
    slices = []
    if rng.random() < 0.05:
        text = noise.to_traditional(text)
        slices.append("traditional")
    register = "one_liner" if len(text) <= 40 else "online_message"
    flags = {f: False for f in labels.flags}
    row = {"id": f"gen-{seed}-{i:06d}", "text": text, "types": ["other"], "primary": "other",
           "intent": "complaint", "flags": flags, "priority": "normal",
           "entities": {"amounts": [], "owed_total": None, "workers": None, "workers_approx": False, "employer": None,
                        "contractor": None, "project": None, "location": None, "period": None, "sector": "unknown",
                        "contacts": []},
           "route": {}}
    lead, assist, prio = expected_route(row, labels)
    row["priority"] = prio
    row["route"] = {"lead": lead, "assist": assist}
    row["meta"] = {"register": register, "source": "generator", "origin": "reviews.jsonl.gz", "slices": slices}
    return row


def generate(seed: int, n: int) -> Iterator[dict[str, Any]]:
    """n rows for the seed. A text already produced is drawn again (a new sub-seed for that row),
    so the set has no exact duplicates; the result depends only on (seed, n)."""
    seen: set[str] = set()
    for i in range(n):
        for attempt in range(20):
            row = build_row(seed, i, attempt)
            key = normalise(row["text"]).text
            if key not in seen:
                break
        seen.add(key)
        yield row
