"""HTTP API (interface.md): a thin layer over the pipeline."""
from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.classify import load_classifier
from service.config import Settings
from service.labels import load_labels
from service.pipeline import InvalidInput, Item, Pipeline
from service.schemas import BatchRequest, BatchResponse, ErrorResponse, TriageRequest, TriageResult
from service.store import Store

log = logging.getLogger("triage.api")
ERRORS = {400: {"model": ErrorResponse}, 413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}}


def _error(status: int, field: str, reason: str, details: list | None = None) -> JSONResponse:
    return JSONResponse(status_code=status,
                        content={"error": {"field": field, "reason": reason}, "details": details or []})


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "body"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    registry = CollectorRegistry()
    requests_total = Counter("triage_requests_total", "HTTP requests", ["path", "status"], registry=registry)
    latency = Histogram("triage_request_seconds", "Request latency", ["path"], registry=registry,
                        buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5))
    items_total = Counter("triage_items_total", "Triaged items", ["primary", "lead", "priority"], registry=registry)
    state: dict = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        labels = load_labels(routing_path=settings.routing)
        store = Store(settings.database_url) if settings.store else None
        state["store"] = store
        state["pipeline"] = Pipeline(labels, load_classifier(settings.model_dir), store=store,
                                     max_text_chars=settings.max_text_chars)
        log.info("ready: model %s", state["pipeline"].model_info)
        yield
        state.clear()

    app = FastAPI(title="Hotline triage", version="1",
                  description="Triage of Chinese 12345 hotline and petition texts for labour-rights violations.",
                  lifespan=lifespan)

    @app.middleware("http")
    async def observe(request: Request, call_next):
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        request.state.request_id = request_id
        t0 = time.perf_counter()
        response = await call_next(request)
        elapsed = time.perf_counter() - t0
        path = request.scope.get("route").path if request.scope.get("route") else "unmatched"
        requests_total.labels(path, str(response.status_code)).inc()
        latency.labels(path).observe(elapsed)
        response.headers["x-request-id"] = request_id
        log.info("%s %s", request.method, path, extra={"request_id": request_id, "path": path,
                                                        "status": response.status_code, "ms": round(elapsed * 1000, 1)})
        return response

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        first = errors[0] if errors else {"loc": ("body",), "msg": "invalid"}
        details = [{"field": _field_name(e.get("loc", ())), "reason": e.get("msg", ""), "type": e.get("type", "")}
                   for e in errors]
        if first.get("type") == "json_invalid":
            return _error(400, "body", "malformed JSON: " + str(first.get("ctx", {}).get("error", first.get("msg"))), details)
        return _error(422, _field_name(first.get("loc", ())), first.get("msg", "invalid"), jsonable_encoder(details))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException):
        # e.g. a body that is not UTF-8 ("error parsing the body"), unknown paths, wrong methods
        field = "body" if exc.status_code == 400 else "path"
        return JSONResponse(status_code=exc.status_code, headers=getattr(exc, "headers", None),
                            content={"error": {"field": field, "reason": str(exc.detail)}, "details": []})

    @app.exception_handler(InvalidInput)
    async def on_invalid_input(request: Request, exc: InvalidInput):
        status = 413 if "limit" in exc.reason else 422
        return _error(status, exc.field, exc.reason)

    def _item(req: TriageRequest, field: str) -> Item:
        ref = None
        if req.reference_date:
            try:
                ref = dt.date.fromisoformat(req.reference_date)
            except ValueError:
                raise InvalidInput(field.replace("text", "reference_date"), "is not a valid date") from None
        item = Item(req.text, req.id, ref)
        state["pipeline"].check(item, field)
        return item

    def _triage(items: list[Item], request: Request) -> list[TriageResult]:
        results = state["pipeline"].triage_many(items, request_id=request.state.request_id)
        for r in results:
            items_total.labels(r.primary, r.route.lead.code, r.priority).inc()
        return results

    @app.post("/v1/triage", response_model=TriageResult, responses=ERRORS, tags=["triage"])
    async def triage(req: TriageRequest, request: Request) -> TriageResult:
        """Triage one text: types, intent, flags, priority, entities and route."""
        item = _item(req, "text")
        return (await run_in_threadpool(_triage, [item], request))[0]

    @app.post("/v1/triage/batch", response_model=BatchResponse, responses=ERRORS, tags=["triage"])
    async def triage_batch(req: BatchRequest, request: Request) -> BatchResponse:
        """Triage up to the configured number of items; results come back in order."""
        if not req.items:
            raise InvalidInput("items", "must contain at least one item")
        if len(req.items) > settings.max_batch_items:
            raise InvalidInput("items", f"has {len(req.items)} items; the limit is {settings.max_batch_items}")
        items = [_item(it, f"items.{n}.text") for n, it in enumerate(req.items)]
        return BatchResponse(results=await run_in_threadpool(_triage, items, request))

    @app.get("/v1/labels", tags=["labels"])
    async def labels() -> dict:
        """The taxonomy and routing table in force, with their version."""
        return state["pipeline"].labels.as_dict()

    @app.get("/healthz", tags=["ops"])
    async def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"])
    async def readyz():
        pipeline = state.get("pipeline")
        if pipeline is None:
            return JSONResponse(status_code=503, content={"status": "loading"})
        store = state.get("store")
        return {"status": "ready", "model": pipeline.model_info,
                "database": None if store is None else ("ok" if store.ping() else "unavailable")}

    @app.get("/metrics", tags=["ops"], response_class=PlainTextResponse)
    async def metrics():
        return PlainTextResponse(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return app
