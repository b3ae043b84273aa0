"""Scenario frames: the data format of training/corpus/scenarios/*.toml and its one renderer.

Every message type (wage_arrears, social_security_service, other, ...) is one frame, written
as data in a TOML file; nothing about a type lives in code. A frame has:

* `sectors`, `intents`, `combos` — sampling weights of the case's sector, intent and
  companion types (compose.draw_case);
* `scenarios` (labour types) — a list of scenarios, or `topics` (service and `other` types) —
  scenarios grouped by topic; a case first draws a topic that has a scenario reading as its
  intent, then a scenario of that topic;
* `extras` — optional sentences after the scenario: drawn with probability `p` (only for the
  listed `intents`, if any), in file order;
* `brief` — the clause used when the type is a companion of another one;
* `short` — one-liners; or `short_from_scenarios = true` to say the oral wording of a topic's
  scenario instead;
* `ask.<intent>` — the request per intent; `demand` / `demand_oral` — what is demanded;
* flags read by compose/registers: `group_p`, `service`, `other`, `reporter`, `no_workers`,
  `female`, `money`; and per-frame hooks: `business_slots` (business-name slots the scenarios
  use), `money_topics` + `ask.*.formal_if_money_topic` (a refund request only where money
  changed hands), `topic_sector` (a topic that reveals the sector).

A scenario has `formal` and/or `oral` wording, optionally `question_formal` / `question_oral`
(the question a caller asks about exactly that situation), `sectors` it fits (a list, or the
name of a group in SECTOR_GROUPS) and `intents` it reads as.

Rendering consumes the case's random draws; the order of the draws (and so the corpus, which
must stay reproducible per seed) follows the order of the data, so keep tables in place when
editing and append new scenarios where they belong.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from training.corpus import parties as P
from training.corpus.case import Case
from training.corpus.text import T

DATA_DIR = Path(__file__).with_name("scenarios")

CONS = ("construction", "transport_project", "water_project")
NOCONS = ("manufacturing", "catering_retail", "logistics_platform", "education", "healthcare", "domestic_service", "other", "unknown")
FAC = ("manufacturing",)
INDOOR = ("manufacturing", "catering_retail", "logistics_platform", "healthcare", "education", "other", "unknown")
# sector lists a scenario may name instead of spelling them out
SECTOR_GROUPS = {"CONS": CONS, "NOCONS": NOCONS, "FAC": FAC, "INDOOR": INDOOR}


@dataclass(frozen=True)
class Scenario:
    """A situation: formal and oral wording, its own question, the sectors and intents it fits."""
    formal: str | None = None
    oral: str | None = None
    question_formal: str | None = None
    question_oral: str | None = None
    sectors: tuple[str, ...] | None = None      # None: any sector
    intents: tuple[str, ...] | None = None      # None: any intent

    def wording(self, formal: bool) -> str | None:
        return self.formal if formal else self.oral

    def fits_intent(self, intent: str) -> bool:
        return self.intents is None or intent in self.intents


@dataclass(frozen=True)
class Say:
    """Alternative wordings of one sentence: one is drawn from `formal` or `oral` by register."""
    formal: tuple[str, ...]
    oral: tuple[str, ...]
    formal_if_money_topic: tuple[str, ...] = ()  # more formal wordings for the frame's money_topics


@dataclass(frozen=True)
class Extra:
    """A sentence added after the scenario with probability p (only for `intents`, if given)."""
    p: float
    say: Say
    intents: tuple[str, ...] | None = None


# --- business names for the `other` scenarios ({decor}, {gym}, ...): a brand plus a kind ----------

BUSINESS_SUFFIX = {
    "decor": ("装饰工程有限公司", "装饰", "家装公司", "装饰设计工程有限公司", "整装"),
    "gym": ("健身", "健身会所", "游泳健身馆", "瑜伽馆", "体能训练馆"),
    "training": ("教育", "培训学校", "艺术培训中心", "英语培训机构", "托管中心", "编程学院"),
    "beauty": ("美容院", "美容会所", "美发店", "美甲店", "养生馆"),
    "estate": ("置业有限公司", "房地产开发有限公司", "地产"),
    "car": ("汽车销售服务有限公司", "4S店", "二手车行", "汽修厂"),
    "factory": ("化工有限公司", "建材厂", "塑料厂", "印染厂", "混凝土搅拌站", "养殖场", "砂石厂"),
    "mall": ("广场", "购物中心", "商城", "家居城"),
    "estate_name": P.ESTATE[:20],
}


def business_slot(kind: str):
    """A slot that renders a business name: a brand and a suffix of the kind."""
    def render(c: Case) -> str:
        brand = P.brand(c.rng)
        # a suffix is drawn for every kind, not only this one: the corpus is reproducible per
        # seed and these draws were always made, so they stay
        names = {k: brand + c.choice(suffixes) for k, suffixes in BUSINESS_SUFFIX.items()}
        return names[kind]
    return render


# --- loading -------------------------------------------------------------------------------------

def _tuple(v) -> tuple[str, ...] | None:
    return None if v is None else tuple(v)


SCENARIO_KEYS = {"formal", "oral", "question_formal", "question_oral", "sectors", "intents"}
SAY_KEYS = {"formal", "oral", "formal_if_money_topic"}
FRAME_KEYS = {"sectors", "intents", "combos", "scenarios", "topics", "extras", "brief", "short", "short_from_scenarios",
              "ask", "demand", "demand_oral", "group_p", "service", "other", "reporter", "no_workers", "female", "money",
              "business_slots", "money_topics", "topic_sector"}


def _check(where: str, d: dict[str, Any], known: set[str]) -> None:
    """A misspelt key would otherwise be ignored without a word."""
    unknown = sorted(set(d) - known)
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown}")


def _scenario(d: dict[str, Any]) -> Scenario:
    _check(f"scenario {d.get('formal') or d.get('oral')!r}", d, SCENARIO_KEYS)
    assert d.get("formal") or d.get("oral"), "a scenario needs a formal or an oral wording"
    sec = d.get("sectors")
    if isinstance(sec, str):
        sec = SECTOR_GROUPS[sec]
    return Scenario(d.get("formal"), d.get("oral"), d.get("question_formal"), d.get("question_oral"),
                    _tuple(sec), _tuple(d.get("intents")))


def _say(d: dict[str, Any], keys: set[str] = SAY_KEYS) -> Say:
    _check(f"wording {d.get('formal')!r}", d, keys)
    return Say(tuple(d["formal"]), tuple(d["oral"]), tuple(d.get("formal_if_money_topic", ())))


def _frame(code: str, d: dict[str, Any]) -> dict[str, Any]:
    """A frame as the dict compose/registers read; wordings become Scenario/Say records."""
    _check(f"frame {code}", d, FRAME_KEYS)
    spec = dict(d)
    if "scenarios" in d:
        spec["scenarios"] = [_scenario(s) for s in d["scenarios"]]
    if "topics" in d:
        spec["topics"] = {t: [_scenario(s) for s in ss] for t, ss in d["topics"].items()}
    assert ("scenarios" in spec) != ("topics" in spec), f"{code}: give scenarios or topics"
    spec["extras"] = [Extra(e["p"], _say(e, SAY_KEYS | {"p", "intents"}), _tuple(e.get("intents"))) for e in d.get("extras", ())]
    if "brief" in d:
        spec["brief"] = _say(d["brief"])
    if "short" in d:
        spec["short"] = tuple(d["short"])
    spec["ask"] = {intent: _say(a) for intent, a in d["ask"].items()}
    spec["demand"], spec["demand_oral"] = tuple(d["demand"]), tuple(d["demand_oral"])
    spec["money_topics"] = frozenset(d.get("money_topics", ()))
    spec["business_slots"] = tuple(d.get("business_slots", ()))
    spec["topic_sector"] = dict(d.get("topic_sector", {}))
    for k in spec["business_slots"]:
        assert k in BUSINESS_SUFFIX, f"{code}: unknown business slot {k}"
    return spec


def load(data_dir: Path = DATA_DIR) -> dict[str, dict[str, Any]]:
    frames: dict[str, dict[str, Any]] = {}
    for path in sorted(data_dir.glob("*.toml")):
        with path.open("rb") as fh:
            for code, d in tomllib.load(fh).items():
                assert code not in frames, f"{path.name}: frame {code} defined twice"
                frames[code] = _frame(code, d)
    return frames


FRAMES: dict[str, dict[str, Any]] = load()


# --- choosing a scenario -------------------------------------------------------------------------

def pick(c: Case, scenarios: list[Scenario], key: str = "scn") -> Scenario:
    """A scenario in the case's register that fits its sector and intent (relaxed if none does)."""
    has = [s for s in scenarios if s.wording(c.formal)]
    ok = [s for s in has if (s.sectors is None or c.sector in s.sectors) and s.fits_intent(c.intent)]
    if not ok:
        ok = [s for s in has if s.fits_intent(c.intent)] or has
    s = c.choice(ok)
    c.notes.setdefault(key, s)
    return s


def pick_topic(c: Case, topics: dict[str, list[Scenario]], oral: bool | None = None) -> str:
    """A topic (of a service or non-labour frame) with a scenario that reads as the case's intent."""
    t = c.notes.get("topic")
    if t:
        return t
    formal = c.formal if oral is None else not oral
    keys = sorted(topics)
    ok = [k for k in keys if any(s.wording(formal) and s.fits_intent(c.intent) for s in topics[k])]
    t = c.choice(ok or keys)
    c.notes["topic"] = t
    return t


def say(c: Case, s: Scenario) -> T:
    return T(s.wording(c.formal))


def scenario_question(c: Case):
    """The question that belongs to the chosen scenario, if it has one."""
    s = c.notes.get("scn")
    if s is None:
        return None
    q = s.question_formal if c.formal else s.question_oral
    return T(q) if q else None


def _enter_topic(c: Case, spec: dict[str, Any], oral: bool | None = None) -> str:
    """Draw the topic and set up what it implies (revealed sector, business-name slots)."""
    topic = pick_topic(c, spec["topics"], oral=oral)
    if topic in spec["topic_sector"]:
        c.sector, c.revealed = spec["topic_sector"][topic], True
    for k in spec["business_slots"]:
        c[k] = business_slot(k)
    return topic


# --- rendering -----------------------------------------------------------------------------------

def core(c: Case, spec: dict[str, Any]) -> list:
    """The main sentences of the primary type: a scenario, then the extras that are drawn."""
    if "topics" in spec:
        scenarios = spec["topics"][_enter_topic(c, spec)]
    else:
        scenarios = spec["scenarios"]
    out = [say(c, pick(c, scenarios))]
    for e in spec["extras"]:
        if (e.intents is None or c.intent in e.intents) and c.p(e.p):
            out.append(c.f(e.say.formal, e.say.oral))
    return out


def has_short(spec: dict[str, Any]) -> bool:
    return bool(spec.get("short") or spec.get("short_from_scenarios"))


def short(c: Case, spec: dict[str, Any]):
    """A one-liner: one of the frame's `short` lines, or the oral wording of a topic's scenario."""
    if not spec.get("short_from_scenarios"):
        return c.t(*spec["short"])
    scenarios = spec["topics"][_enter_topic(c, spec, oral=True)]
    ok = [s for s in scenarios if s.oral and s.fits_intent(c.intent)] or [s for s in scenarios if s.oral]
    return T(c.choice(ok).oral)


def brief(c: Case, spec: dict[str, Any]):
    """The clause for a companion type."""
    return c.f(spec["brief"].formal, spec["brief"].oral)


def requests(c: Case, spec: dict[str, Any]) -> dict[str, Any]:
    """The request for every intent of the frame. All are drawn, in file order, so that the
    random stream does not depend on the intent (the caller keeps the one it needs)."""
    money = c.notes.get("topic") in spec["money_topics"]
    return {intent: c.f(a.formal + (a.formal_if_money_topic if money else ()), a.oral)
            for intent, a in spec["ask"].items()}
