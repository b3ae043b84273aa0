"""Flag stage: collective, extreme_risk, migrant_worker, gov_project, repeat.

Rule-based: each flag is set by a cue from `labels/flag_cues.yaml` (regular
expressions, so a city can extend them without code) and returns the matched span as
evidence. `collective` is also set by an extracted headcount at or above the
configured minimum. A learned flag head can later sit behind the same `Flagger`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from service.labels import LABELS_DIR, Labels, LabelsError


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Flag:
    value: bool
    evidence: Evidence | None = None


_HEADCOUNT = re.compile(r"[0-9０-９一二两三四五六七八九十百千几]+[多余来]?(?:个|名|位)?(?:人|工人|农民工|民工|员工|职工|工友|老师|骑手|司机)")


class Flagger:
    def __init__(self, labels: Labels, cues_path: Path | None = None):
        path = Path(cues_path or LABELS_DIR / "flag_cues.yaml")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cues = data.get("cues") or {}
        unknown = set(cues) - set(labels.flags)
        if unknown:
            raise LabelsError(f"{path}: cues for unknown flag(s) {sorted(unknown)}")
        self.flag_codes = list(labels.flags)
        self.min_workers = int(data.get("collective_min_workers", 10))
        self.patterns: dict[str, re.Pattern] = {}
        for flag, exprs in cues.items():
            try:
                self.patterns[flag] = re.compile("|".join(f"(?:{e})" for e in exprs))
            except re.error as exc:
                raise LabelsError(f"{path}: cues.{flag}: bad regular expression: {exc}") from None
        self.version = str(data.get("version", ""))

    def flag(self, text: str, original: str, workers: int | None) -> dict[str, Flag]:
        """Flags for one normalised text; evidence spans index into `original` as well."""
        out: dict[str, Flag] = {}
        for code in self.flag_codes:
            pat = self.patterns.get(code)
            m = pat.search(text) if pat else None
            out[code] = Flag(True, Evidence(original[m.start():m.end()], m.start(), m.end())) if m else Flag(False)
        if not out["collective"].value and workers is not None and workers >= self.min_workers:
            m = _HEADCOUNT.search(text)
            ev = Evidence(original[m.start():m.end()], m.start(), m.end()) if m else None
            out["collective"] = Flag(True, ev)
        return out


@lru_cache(maxsize=4)
def get_flagger(labels: Labels) -> Flagger:
    return Flagger(labels)
