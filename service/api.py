"""HTTP API (interface.md): a thin layer over the pipeline.

Safe to expose on a network (issue 6): every /v1 path needs an API key (service/security.py),
per-key rate limits, a body cap, a bounded queue and a per-request timeout
(service/security_limits.py, service/security_http.py), an audit trail and masked or encrypted
storage with a spool for database outages (service/store.py). /healthz, /readyz and /metrics stay
open for the load balancer and the monitoring.
"""
from __future__ import annotations

import datetime as dt
import logging
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request, Security
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.classify import load_classifier
from service.config import Settings
from service.labels import load_labels
from service.pipeline import InvalidInput, Item, Pipeline
from service.schemas import BatchRequest, BatchResponse, ErrorResponse, TriageRequest, TriageResult
from service.security import KeyRing, Principal
from service.security_admin import admin_router
from service.security_crypto import TextCipher
from service.security_http import ApiError, Authenticate, BodyLimit, RequestContext, error_response
from service.security_limits import Gate, RateLimiter, RequestTimeout, TooManyRequests
from service.store import Store

log = logging.getLogger("triage.api")
_ERR = {"model": ErrorResponse}
ERRORS = {400: _ERR, 401: _ERR, 403: _ERR, 413: _ERR, 422: _ERR, 429: _ERR, 503: _ERR, 504: _ERR}

DEV_BANNER = ("DEVELOPMENT MODE: NO API KEYS. Every caller is admin. Listening on %s only. "
              "Never use this on a shared or public host.")

# Declared so /openapi.json and /docs show how to authenticate; the check itself is `Authenticate`.
_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer KEY")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: KEY")


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "body"


def require(scope: str):
    """A dependency: the caller authenticated by the middleware, if its key's scope allows `scope`."""

    async def dependency(request: Request, _b: HTTPAuthorizationCredentials | None = Security(_bearer),
                         _k: str | None = Security(_api_key)) -> Principal:
        principal: Principal | None = request.scope.get("state", {}).get("principal")
        if principal is None:       # not reachable through Authenticate; refuse rather than assume
            raise ApiError(401, "authorization", "an API key is required")
        if not principal.allows(scope):
            raise ApiError(403, "authorization", f"this key has scope '{principal.scope}'; this needs '{scope}'")
        return principal

    return dependency


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.check()                    # refuse unsafe settings before binding a port
    cipher = TextCipher(settings.encryption_key.get_secret_value()) if settings.encryption_key else None
    registry = CollectorRegistry()
    requests_total = Counter("triage_requests_total", "HTTP requests", ["path", "status"], registry=registry)
    latency = Histogram("triage_request_seconds", "Request latency", ["path"], registry=registry,
                        buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5))
    items_total = Counter("triage_items_total", "Triaged items", ["primary", "lead", "priority"], registry=registry)
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    gate = Gate(settings.max_concurrent, settings.max_queued, settings.request_timeout_s)
    state: dict = {}
    Gauge("triage_pipeline_running", "Requests running the pipeline", registry=registry).set_function(
        lambda: gate.running)
    Gauge("triage_pipeline_queued", "Requests waiting for the pipeline", registry=registry).set_function(
        lambda: gate.queued)
    Gauge("triage_spool_pending", "Store entries waiting for the database", registry=registry).set_function(
        lambda: state["store"].spool.pending() if state.get("store") and state["store"].spool else 0)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.dev_no_keys:
            for _ in range(3):          # loud on purpose: it must not go unnoticed in a log
                log.warning(DEV_BANNER, settings.host)
        labels = load_labels(routing_path=settings.routing)
        store = Store(settings.database_url, spool_path=settings.spool_path, cipher=cipher,
                      store_original=settings.store_original, lock_timeout_s=settings.db_lock_timeout_s)
        keyring = KeyRing(store)
        if not settings.dev_no_keys:
            try:
                if not keyring.any_active():
                    log.warning("no API keys exist: every /v1 request will get 401; create one with "
                                "`triage keys create --name NAME --scope triage`")
            except Exception:  # noqa: BLE001 - the database may be down at start; keys are checked per request
                log.warning("cannot list API keys now (database unavailable)")
        store.flush_spool()             # what an earlier run left spooled
        store.start_flusher(settings.spool_retry_s)
        state.update(store=store, keyring=keyring,
                     pipeline=Pipeline(labels, load_classifier(settings.model_dir),
                                       store=store if settings.store else None,
                                       max_text_chars=settings.max_text_chars))
        log.info("ready; original texts %s", "stored encrypted" if settings.store_original else
                 "not stored (masked text only)", extra={"model": state["pipeline"].model_info})
        yield
        # uvicorn calls this after in-flight requests finished (SIGTERM is graceful).
        store.close()
        state.clear()

    app = FastAPI(title="Hotline triage", version="1",
                  description="Triage of Chinese 12345 hotline and petition texts for labour-rights violations. "
                              "Every /v1 path needs an API key (`Authorization: Bearer KEY` or `X-API-Key`).",
                  lifespan=lifespan)

    def observed(path: str, status: int, seconds: float) -> None:
        requests_total.labels(path, str(status)).inc()
        latency.labels(path).observe(seconds)

    # Added innermost first: a request meets RequestContext, then Authenticate, then BodyLimit.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(Authenticate, keyring=lambda: state.get("keyring"), limiter=limiter,
                       dev_no_keys=settings.dev_no_keys)
    app.add_middleware(RequestContext, on_done=observed)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        first = errors[0] if errors else {"loc": ("body",), "msg": "invalid"}
        # No "input" in the details: it would echo what the caller sent, personal numbers included.
        details = [{"field": _field_name(e.get("loc", ())), "reason": e.get("msg", ""), "type": e.get("type", "")}
                   for e in errors]
        if first.get("type") == "json_invalid":
            return error_response(400, "body", "malformed JSON: " + str(first.get("ctx", {}).get("error", first.get("msg"))),
                                  details)
        return error_response(422, _field_name(first.get("loc", ())), first.get("msg", "invalid"),
                              jsonable_encoder(details))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException):
        # e.g. a body that is not UTF-8 ("error parsing the body"), unknown paths, wrong methods
        field = "body" if exc.status_code == 400 else "path"
        return error_response(exc.status_code, field, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(InvalidInput)
    async def on_invalid_input(request: Request, exc: InvalidInput):
        status = 413 if "limit" in exc.reason else 422
        return error_response(status, exc.field, exc.reason)

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.field, exc.reason, headers=exc.headers)

    @app.exception_handler(TooManyRequests)
    async def on_too_many(request: Request, exc: TooManyRequests):
        return error_response(429, "request", exc.reason, headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(RequestTimeout)
    async def on_timeout(request: Request, exc: RequestTimeout):
        return error_response(504, "request", exc.reason)

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

    def _triage(items: list[Item], request_id: str, key_id: str) -> list[TriageResult]:
        # Runs in a worker thread; request_id and key_id reach the store (and so the audit trail).
        results = state["pipeline"].triage_many(items, request_id=request_id, key_id=key_id)
        for r in results:
            items_total.labels(r.primary, r.route.lead.code, r.priority).inc()
        return results

    triage_scope = Depends(require("triage"))

    @app.post("/v1/triage", response_model=TriageResult, responses=ERRORS, tags=["triage"])
    async def triage(req: TriageRequest, request: Request, who: Principal = triage_scope) -> TriageResult:
        """Triage one text: types, intent, flags, priority, entities and route."""
        item = _item(req, "text")
        return (await gate.run(_triage, [item], request.state.request_id, who.key_id))[0]

    @app.post("/v1/triage/batch", response_model=BatchResponse, responses=ERRORS, tags=["triage"])
    async def triage_batch(req: BatchRequest, request: Request, who: Principal = triage_scope) -> BatchResponse:
        """Triage up to the configured number of items; results come back in order."""
        if not req.items:
            raise InvalidInput("items", "must contain at least one item")
        if len(req.items) > settings.max_batch_items:
            raise InvalidInput("items", f"has {len(req.items)} items; the limit is {settings.max_batch_items}")
        items = [_item(it, f"items.{n}.text") for n, it in enumerate(req.items)]
        if len(items) > 1:              # the middleware charged one text already
            limiter.charge(who.key_id, len(items) - 1, who.rate_per_minute, paid=1)
        return BatchResponse(results=await gate.run(_triage, items, request.state.request_id, who.key_id))

    @app.get("/v1/labels", responses=ERRORS, tags=["labels"])
    async def labels(who: Principal = triage_scope) -> dict:
        """The taxonomy and routing table in force, with their version (scope triage or admin)."""
        return state["pipeline"].labels.as_dict()

    app.include_router(admin_router(state, require("admin"), ERRORS))

    @app.get("/healthz", tags=["ops"])
    async def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"])
    async def readyz():
        pipeline = state.get("pipeline")
        if pipeline is None:
            return JSONResponse(status_code=503, content={"status": "loading"})
        store: Store = state["store"]
        # Ready even with the database down: triage answers and the spool keeps what must be stored.
        return {"status": "ready", "model": pipeline.model_info,
                "database": "ok" if await run_in_threadpool(store.ping) else "unavailable",
                "spool_pending": store.spool.pending() if store.spool else 0,
                "auth": "development: no keys" if settings.dev_no_keys else "api keys"}

    @app.get("/metrics", tags=["ops"], response_class=PlainTextResponse)
    async def metrics():
        return PlainTextResponse(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return app
