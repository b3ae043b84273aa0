"""Typed request and response models: the result shape of interface.md."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class SpanOut(BaseModel):
    model_config = ConfigDict(extra="allow")   # sources, normalised dates and places ride along
    text: str
    start: int
    end: int


class AmountOut(BaseModel):
    value: int | float
    text: str
    start: int
    end: int
    approx: bool
    kind: str
    derived: bool = False


class ContactOut(SpanOut):
    kind: str


class GatedOut(BaseModel):
    value: int | float            # the rules' answer a gate withheld
    p_none: float                 # the gate's probability that the text states none


class EntitiesOut(BaseModel):
    amounts: list[AmountOut] = []
    owed_total: int | float | None = None
    owed_total_derived: bool = False
    owed_total_source: str | None = None     # "rule", or "model": the span tagger's owed tag
    workers: int | None = None
    workers_approx: bool = False
    employer: SpanOut | None = None
    contractor: SpanOut | None = None
    project: SpanOut | None = None
    location: SpanOut | None = None
    period: SpanOut | None = None
    sector: str = "unknown"
    contacts: list[ContactOut] = []
    gated: dict[str, GatedOut] = {}         # by field: answers the field gates withheld (service/extract/gates.py)


class CodeScore(BaseModel):
    code: str
    name: str
    score: float


class FlagOut(BaseModel):
    value: bool
    evidence: SpanOut | None = None


class DepartmentOut(BaseModel):
    code: str
    name: str
    rule: str
    basis: str


class RouteOut(BaseModel):
    lead: DepartmentOut
    assist: list[DepartmentOut] = []


class ModelInfo(BaseModel):
    name: str
    version: str
    labels_version: str


class TriageResult(BaseModel):
    id: str | None = None
    types: list[CodeScore]
    primary: str
    intent: CodeScore
    needs_review: bool
    review_reason: str | None = None
    flags: dict[str, FlagOut]
    priority: Literal["urgent", "high", "normal"]
    entities: EntitiesOut
    route: RouteOut
    model: ModelInfo


class TriageRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="The complaint text as received (12345 work order, petition, message).")
    id: str | None = Field(default=None, max_length=200, description="Caller's id, echoed in the result.")
    reference_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                       description="Date of the work order (YYYY-MM-DD), for relative periods; today by default.")


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[TriageRequest]


class BatchResponse(BaseModel):
    results: list[TriageResult]


class ErrorBody(BaseModel):
    field: str
    reason: str


class ErrorResponse(BaseModel):
    error: ErrorBody
    details: list[dict[str, Any]] = []
