"""Routing stage: a rule engine over the routing table in `labels/`.

The lead comes from the primary type (rules tried top to bottom, first that holds);
assists are the union of every rule that holds for any of the text's types, minus the
lead. Each department comes back with the rule that put it there and its legal basis.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from service.labels import Labels, Rule


@dataclass(frozen=True)
class RouteFacts:
    """What routing looks at: the classifier's and extractor's conclusions."""
    types: tuple[str, ...]
    primary: str
    flags: frozenset[str]          # the flags that are true
    sector: str
    text: str                      # normalised text, for keyword conditions


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    rule: str
    basis: str


@dataclass(frozen=True)
class Route:
    lead: Department
    assist: tuple[Department, ...]


def condition_holds(cond: dict[str, Any], types: Iterable[str], facts: RouteFacts) -> bool:
    """True when every key of `cond` holds; `types` is the type set the rule is tried with."""
    types = set(types)
    if "types_any" in cond and not types & set(cond["types_any"]):
        return False
    if "flags_any" in cond and not facts.flags & set(cond["flags_any"]):
        return False
    if "flags_all" in cond and not set(cond["flags_all"]) <= facts.flags:
        return False
    if "sectors" in cond and facts.sector not in cond["sectors"]:
        return False
    if "keywords_any" in cond and not any(k in facts.text for k in cond["keywords_any"]):
        return False
    if "any" in cond and not any(condition_holds(sub, types, facts) for sub in cond["any"]):
        return False
    return True


def _lead_of(rule: Rule, facts: RouteFacts) -> str | None:
    for lw in rule.lead_when:
        if condition_holds(lw["when"], [facts.primary], facts):
            return lw["dept"]
    if rule.lead_by_sector:
        return rule.lead_by_sector.get(facts.sector, rule.lead)
    return rule.lead


def _assists_of(rule: Rule, facts: RouteFacts) -> list[str]:
    out = []
    for a in rule.assist:
        if "when" in a and not condition_holds(a["when"], facts.types, facts):
            continue
        dept = a.get("dept") or a["by_sector"].get(facts.sector)
        if dept:
            out.append(dept)
    return out


def priority_of(labels: Labels, types: Iterable[str], flags: frozenset[str]) -> str:
    facts = RouteFacts(tuple(types), "", flags, "unknown", "")
    for level, cond in labels.priority:
        if condition_holds(cond, facts.types, facts):
            return level
    return "normal"


def route(labels: Labels, facts: RouteFacts) -> Route:
    """Apply the routing table to one item's facts."""
    lead: Department | None = None
    for rule in labels.rules:
        if rule.sets_lead and condition_holds(rule.when, [facts.primary], facts):
            code = _lead_of(rule, facts)
            if code:
                lead = Department(code, labels.departments[code].name, rule.id, rule.basis)
                break
    if lead is None:
        code = labels.fallback_lead
        lead = Department(code, labels.departments[code].name, "fallback", "")

    assist: dict[str, Department] = {}
    for rule in labels.rules:
        if not condition_holds(rule.when, facts.types, facts):
            continue
        for code in _assists_of(rule, facts):
            if code != lead.code and code not in assist:
                assist[code] = Department(code, labels.departments[code].name, rule.id, rule.basis)
    return Route(lead, tuple(assist.values()))
