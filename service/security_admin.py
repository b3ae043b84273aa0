"""Admin endpoints (scope `admin`): the stored items, the audit trail, the keys in force.

Read-only: keys are created and revoked with the CLI on the database host, and stored data is
purged with `triage purge`, so a stolen admin key cannot mint keys or erase the trail. Every read
of stored data is itself written to the audit trail.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Literal, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from service.security import KeyRing, Principal
from service.security_http import ApiError
from service.store import AuditEvent, Store, TriageRecord, db_unavailable

T = TypeVar("T")


class StoredItem(BaseModel):
    id: int
    item_id: str | None
    text: str                                  # masked
    result: dict[str, Any]
    request_id: str | None
    key_id: str | None
    run_id: str | None
    row_index: int | None
    created_at: dt.datetime | None
    original: str | None = None                # only with ?include_original=true, when stored
    original_status: Literal["not requested", "not stored", "decrypted", "undecryptable"] = "not requested"


class StoredItems(BaseModel):
    items: list[StoredItem]


class AuditEventOut(BaseModel):
    id: int
    at: dt.datetime
    action: str
    key_id: str | None
    request_id: str | None
    record_id: int | None
    item_id: str | None
    detail: dict[str, Any] | None


class AuditEvents(BaseModel):
    events: list[AuditEventOut]


class KeyOut(BaseModel):
    id: str
    name: str
    scope: str
    prefix: str
    rate_per_minute: float | None
    created_at: str | None
    revoked_at: str | None


class Keys(BaseModel):
    keys: list[KeyOut]


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes; every time the store writes is UTC, so say so (RFC 3339)."""
    return value.replace(tzinfo=dt.timezone.utc) if value is not None and value.tzinfo is None else value


def _stored(rec: TriageRecord) -> StoredItem:
    return StoredItem(id=rec.id, item_id=rec.item_id, text=rec.text, result=rec.result, request_id=rec.request_id,
                      key_id=rec.key_id, run_id=rec.run_id, row_index=rec.row_index, created_at=_utc(rec.created_at))


def _audit(ev: AuditEvent) -> AuditEventOut:
    return AuditEventOut(id=ev.id, at=_utc(ev.at), action=ev.action, key_id=ev.key_id, request_id=ev.request_id,
                         record_id=ev.record_id, item_id=ev.item_id, detail=ev.detail)


async def _db(fn: Callable[[], T]) -> T:
    """Run a database read off the event loop; a database fault is a 503, not a 500."""
    try:
        return await run_in_threadpool(fn)
    except Exception as exc:
        if db_unavailable(exc):
            raise ApiError(503, "database", "stored data is unavailable now; try again later",
                           {"Retry-After": "5"}) from None
        raise


def admin_router(state: dict, require_admin: Callable[..., Any], errors: dict) -> APIRouter:
    """The admin routes; `state` holds the store and key ring once the service has started."""
    router = APIRouter(prefix="/v1", tags=["admin"], responses=errors)

    def store() -> Store:
        return state["store"]

    @router.get("/items/{record_id}", response_model=StoredItem)
    async def get_item(request: Request, record_id: int = Path(ge=1, le=2**62),
                       include_original: bool = Query(False, description="decrypt the original text, if stored"),
                       who: Principal = Depends(require_admin)) -> StoredItem:
        """One stored item (text masked); its original too if asked for and stored. The read is audited."""
        rec = await _db(lambda: store().get(record_id))
        if rec is None:
            raise ApiError(404, "record_id", f"no stored item {record_id}")
        out = _stored(rec)
        if include_original:
            if rec.text_original is None:
                out.original_status = "not stored"
            else:
                try:
                    out.original = store().original(rec)
                    out.original_status = "decrypted" if out.original is not None else "undecryptable"
                except ValueError:
                    out.original_status = "undecryptable"
        action = "read_original" if out.original is not None else "read"
        await _db(lambda: store().record_event(action, key_id=who.key_id, request_id=request.state.request_id,
                                               record_id=rec.id, item_id=rec.item_id))
        return out

    @router.get("/items", response_model=StoredItems)
    async def find_items(request: Request,
                         request_id: str | None = Query(None, max_length=64),
                         item_id: str | None = Query(None, max_length=200),
                         key_id: str | None = Query(None, max_length=32),
                         limit: int = Query(50, ge=1, le=500),
                         who: Principal = Depends(require_admin)) -> StoredItems:
        """Stored items (texts masked), oldest first, filtered by request, caller's id or key."""
        where = {k: v for k, v in {"request_id": request_id, "item_id": item_id, "key_id": key_id}.items()
                 if v is not None}
        recs = await _db(lambda: store().records(limit=limit, **where))
        await _db(lambda: store().record_event("read", key_id=who.key_id, request_id=request.state.request_id,
                                               detail={"filter": where, "count": len(recs)}))
        return StoredItems(items=[_stored(r) for r in recs])

    @router.get("/audit", response_model=AuditEvents)
    async def audit(request_id: str | None = Query(None, max_length=64),
                    key_id: str | None = Query(None, max_length=32),
                    action: str | None = Query(None, max_length=32),
                    limit: int = Query(100, ge=1, le=1000),
                    who: Principal = Depends(require_admin)) -> AuditEvents:
        """The audit trail, newest first: which key did what to which stored item, when."""
        where = {k: v for k, v in {"request_id": request_id, "key_id": key_id, "action": action}.items()
                 if v is not None}
        events = await _db(lambda: store().audit(limit=limit, **where))
        return AuditEvents(events=[_audit(e) for e in events])

    @router.get("/keys", response_model=Keys)
    async def keys(who: Principal = Depends(require_admin)) -> Keys:
        """The API keys (never the keys themselves): id, name, scope, prefix, when created and revoked."""
        ring: KeyRing = state["keyring"]
        return Keys(keys=[KeyOut(**k) for k in await _db(ring.list)])

    return router
