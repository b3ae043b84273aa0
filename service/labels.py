"""The taxonomy and routing table, loaded from `labels/` and validated once.

Everything the pipeline knows about codes, names, departments and rules comes from
here; nothing else in the code base spells out a label list.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LABELS_DIR = Path(os.environ.get("TRIAGE_LABELS_DIR", Path(__file__).resolve().parent.parent / "labels"))

CONDITION_KEYS = {"types_any", "flags_any", "flags_all", "sectors", "keywords_any", "any"}


class LabelsError(ValueError):
    """A labels or routing file is malformed; the message names the file and entry."""


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    when: dict[str, Any]
    basis: str
    lead: str | None = None
    lead_by_sector: dict[str, str] = field(default_factory=dict)
    lead_when: tuple[dict[str, Any], ...] = ()
    assist: tuple[dict[str, Any], ...] = ()

    @property
    def sets_lead(self) -> bool:
        return bool(self.lead or self.lead_by_sector)


@dataclass(frozen=True)
class Labels:
    taxonomy_version: str
    routing_version: str
    types: dict[str, Code]
    type_kinds: dict[str, str]
    intents: dict[str, Code]
    flags: dict[str, Code]
    sectors: dict[str, Code]
    departments: dict[str, Code]
    amount_kinds: tuple[str, ...]
    fields: tuple[dict[str, str], ...]
    rules: tuple[Rule, ...]
    fallback_lead: str
    priority: tuple[tuple[str, dict[str, Any]], ...]
    routing_path: str

    @property
    def version(self) -> str:
        return f"{self.taxonomy_version}+{self.routing_version}"

    @property
    def type_codes(self) -> list[str]:
        return list(self.types)

    @property
    def exclusive_types(self) -> set[str]:
        return {c for c, k in self.type_kinds.items() if k == "other"}

    def as_dict(self) -> dict[str, Any]:
        """The taxonomy in force, as `GET /v1/labels` returns it."""
        def codes(d: dict[str, Code]) -> list[dict[str, str]]:
            return [{"code": c.code, "name": c.name, "description": c.description} for c in d.values()]
        return {
            "version": self.version,
            "taxonomy_version": self.taxonomy_version,
            "routing_version": self.routing_version,
            "types": [dict(t, kind=self.type_kinds[t["code"]]) for t in codes(self.types)],
            "intents": codes(self.intents),
            "flags": codes(self.flags),
            "sectors": codes(self.sectors),
            "departments": codes(self.departments),
            "amount_kinds": list(self.amount_kinds),
            "fields": list(self.fields),
            "routing": [
                {"id": r.id, "title": r.title, "when": r.when, "lead": r.lead,
                 "lead_by_sector": r.lead_by_sector, "lead_when": list(r.lead_when),
                 "assist": list(r.assist), "basis": r.basis}
                for r in self.rules
            ],
            "priority": [{"level": lvl, "when": cond} for lvl, cond in self.priority],
        }


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LabelsError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise LabelsError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise LabelsError(f"{path}: expected a mapping at the top level")
    return data


def _codes(path: Path, data: dict[str, Any], key: str, desc_key: str = "") -> dict[str, Code]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries:
        raise LabelsError(f"{path}: '{key}' must be a non-empty list")
    out: dict[str, Code] = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("code") or not entry.get("name"):
            raise LabelsError(f"{path}: {key}[{i}] needs 'code' and 'name'")
        code = str(entry["code"])
        if code in out:
            raise LabelsError(f"{path}: {key}[{i}]: duplicate code '{code}'")
        out[code] = Code(code, str(entry["name"]), str(entry.get(desc_key, "")) if desc_key else "")
    return out


def _check_condition(where: str, cond: Any, labels: dict[str, set[str]]) -> None:
    if not isinstance(cond, dict):
        raise LabelsError(f"{where}: a condition must be a mapping, got {cond!r}")
    unknown = set(cond) - CONDITION_KEYS
    if unknown:
        raise LabelsError(f"{where}: unknown condition key(s) {sorted(unknown)}")
    for key, universe in (("types_any", "types"), ("flags_any", "flags"), ("flags_all", "flags"), ("sectors", "sectors")):
        for code in cond.get(key, []) or []:
            if code not in labels[universe]:
                raise LabelsError(f"{where}: {key} names unknown {universe[:-1]} '{code}'")
    kws = cond.get("keywords_any", [])
    if not isinstance(kws, list) or not all(isinstance(k, str) and k for k in kws):
        raise LabelsError(f"{where}: keywords_any must be a list of non-empty strings")
    for j, sub in enumerate(cond.get("any", []) or []):
        _check_condition(f"{where}.any[{j}]", sub, labels)


def _check_dept(where: str, dept: Any, departments: dict[str, Code]) -> str:
    if dept not in departments:
        raise LabelsError(f"{where}: unknown department '{dept}'")
    return dept


def load_labels(labels_dir: Path | str | None = None, routing_path: Path | str | None = None) -> Labels:
    """Load and validate taxonomy.yaml and a routing file; raise LabelsError naming the entry."""
    labels_dir = Path(labels_dir or LABELS_DIR)
    tax_path = labels_dir / "taxonomy.yaml"
    routing_path = Path(routing_path or os.environ.get("TRIAGE_ROUTING") or labels_dir / "routing.yaml")
    tax = _read_yaml(tax_path)
    for key in ("version",):
        if not tax.get(key):
            raise LabelsError(f"{tax_path}: missing '{key}'")

    types = _codes(tax_path, tax, "types", "covers")
    kinds = {}
    for entry in tax["types"]:
        kind = entry.get("kind")
        if kind not in ("violation", "service", "other"):
            raise LabelsError(f"{tax_path}: type '{entry['code']}' has kind {kind!r}; expected violation/service/other")
        kinds[entry["code"]] = kind
    intents = _codes(tax_path, tax, "intents", "meaning")
    flags = _codes(tax_path, tax, "flags", "meaning")
    sectors = _codes(tax_path, tax, "sectors")
    departments = _codes(tax_path, tax, "departments")
    amount_kinds = tax.get("amount_kinds")
    if not isinstance(amount_kinds, list) or "owed_total" not in amount_kinds:
        raise LabelsError(f"{tax_path}: 'amount_kinds' must list the amount kinds, owed_total among them")
    universe = {"types": set(types), "flags": set(flags), "sectors": set(sectors)}

    routing = _read_yaml(routing_path)
    if not routing.get("version"):
        raise LabelsError(f"{routing_path}: missing 'version'")
    raw_rules = routing.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise LabelsError(f"{routing_path}: 'rules' must be a non-empty list")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_rules):
        where = f"{routing_path}: rules[{i}]" + (f" ({raw.get('id')})" if isinstance(raw, dict) and raw.get("id") else "")
        if not isinstance(raw, dict) or not raw.get("id"):
            raise LabelsError(f"{where}: each rule needs an 'id'")
        if raw["id"] in seen:
            raise LabelsError(f"{where}: duplicate rule id '{raw['id']}'")
        seen.add(raw["id"])
        _check_condition(f"{where}.when", raw.get("when"), universe)
        lead = raw.get("lead")
        if lead is not None:
            _check_dept(f"{where}.lead", lead, departments)
        by_sector = raw.get("lead_by_sector") or {}
        for sec, dept in by_sector.items():
            if sec not in sectors:
                raise LabelsError(f"{where}.lead_by_sector: unknown sector '{sec}'")
            _check_dept(f"{where}.lead_by_sector", dept, departments)
        lead_when = raw.get("lead_when") or []
        for j, lw in enumerate(lead_when):
            _check_condition(f"{where}.lead_when[{j}].when", lw.get("when"), universe)
            _check_dept(f"{where}.lead_when[{j}]", lw.get("dept"), departments)
        assists = raw.get("assist") or []
        for j, a in enumerate(assists):
            if not isinstance(a, dict) or ("dept" in a) == ("by_sector" in a):
                raise LabelsError(f"{where}.assist[{j}]: needs exactly one of 'dept' or 'by_sector'")
            if "dept" in a:
                _check_dept(f"{where}.assist[{j}]", a["dept"], departments)
            for sec, dept in (a.get("by_sector") or {}).items():
                if sec not in sectors:
                    raise LabelsError(f"{where}.assist[{j}].by_sector: unknown sector '{sec}'")
                _check_dept(f"{where}.assist[{j}].by_sector", dept, departments)
            if "when" in a:
                _check_condition(f"{where}.assist[{j}].when", a["when"], universe)
        if not lead and not by_sector and not assists:
            raise LabelsError(f"{where}: a rule must set a lead or an assist")
        rules.append(Rule(id=raw["id"], title=str(raw.get("title", raw["id"])), when=raw["when"],
                          basis=str(raw.get("basis", "")), lead=lead, lead_by_sector=dict(by_sector),
                          lead_when=tuple(lead_when), assist=tuple(assists)))
    fallback = _check_dept(f"{routing_path}: fallback_lead", routing.get("fallback_lead", "general_dispatch"), departments)

    priority = []
    for i, p in enumerate(routing.get("priority") or []):
        if not isinstance(p, dict) or p.get("level") not in ("urgent", "high", "normal"):
            raise LabelsError(f"{routing_path}: priority[{i}]: level must be urgent, high or normal")
        _check_condition(f"{routing_path}: priority[{i}].when", p.get("when", {}), universe)
        priority.append((p["level"], p.get("when", {})))
    if not priority:
        raise LabelsError(f"{routing_path}: 'priority' must list the priority rules")

    return Labels(
        taxonomy_version=str(tax["version"]), routing_version=str(routing["version"]),
        types=types, type_kinds=kinds, intents=intents, flags=flags, sectors=sectors,
        departments=departments, amount_kinds=tuple(amount_kinds), fields=tuple(tax.get("fields") or ()),
        rules=tuple(rules), fallback_lead=fallback, priority=tuple(priority), routing_path=str(routing_path),
    )


@lru_cache(maxsize=8)
def get_labels(labels_dir: str | None = None, routing_path: str | None = None) -> Labels:
    """The process-wide labels, loaded once per (dir, routing file)."""
    return load_labels(labels_dir, routing_path)
