"""ASGI middleware that runs before any endpoint (outermost first):

1. `RequestContext`: a request id (the caller's if sane, else new) in the response headers, in every
   log line written while serving (a contextvar) and in the audit trail; timing, metrics, one log line
   per request; a JSON 500 if anything escapes.
2. `Authenticate`: every /v1 path needs a valid key (401 without, 503 if the key store is down), before
   the body is read; the key's rate limit is charged one token here (a batch pays the rest later).
3. `BodyLimit`: bodies over the cap get 413 without being read past the cap.

Pure ASGI rather than BaseHTTPMiddleware: cheaper per request, and nothing buffers the response.
"""
from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Callable

import anyio.to_thread
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.config import request_id_var
from service.pii import mask_pii
from service.security import DEV_PRINCIPAL, KeyRing, KeyStoreUnavailable, presented_key
from service.security_limits import RateLimiter, TooManyRequests

log = logging.getLogger("triage.api")

_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")   # no log injection, no unbounded headers


class ApiError(Exception):
    """An error answer in the contract's shape; raised by endpoints and dependencies."""

    def __init__(self, status: int, field: str, reason: str, headers: dict[str, str] | None = None):
        super().__init__(reason)
        self.status, self.field, self.reason, self.headers = status, field, reason, headers


def error_response(status: int, field: str, reason: str, details: list | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, headers=headers,
                        content={"error": {"field": field, "reason": reason}, "details": details or []})


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


class RequestContext:
    def __init__(self, app: ASGIApp, on_done: Callable[[str, int, float], None]):
        self.app = app
        self.on_done = on_done            # (route path, status, seconds) -> metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _headers(scope).get("x-request-id", "")
        # The caller's id is kept if it is short, plain and holds no personal number (it is logged as is).
        request_id = given if _SANE_REQUEST_ID.fullmatch(given) and mask_pii(given) == given else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)
        status = 500
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status, started = message["status"], True
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        t0 = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error", extra={"request_id": request_id})
            if started:
                raise
            await error_response(500, "request", "internal error; the request id identifies it in the logs")(
                scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - t0
            route = getattr(scope.get("route"), "path", None)
            principal = scope["state"].get("principal")
            # Metrics get the route template or "unmatched" (a fuzzer must not mint label values);
            # the log gets the path as sent, cut short (and masked by the formatter) when no route matched.
            self.on_done(route or "unmatched", status, elapsed)
            path = route or scope["path"][:200]
            log.info("%s %s -> %d", scope["method"], path, status,
                     extra={"request_id": request_id, "method": scope["method"], "path": path, "status": status,
                            "ms": round(elapsed * 1000, 1), "key_id": principal.key_id if principal else None})
            request_id_var.reset(token)


class Authenticate:
    def __init__(self, app: ASGIApp, keyring: Callable[[], KeyRing | None], limiter: RateLimiter,
                 dev_no_keys: bool, prefix: str = "/v1/"):
        self.app = app
        self.keyring = keyring            # a callable: the key ring exists once the lifespan has started
        self.limiter = limiter
        self.dev_no_keys = dev_no_keys
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        try:
            principal = DEV_PRINCIPAL if self.dev_no_keys else await self._principal(scope)
            self.limiter.charge(principal.key_id, 1, principal.rate_per_minute)
        except ApiError as exc:
            await error_response(exc.status, exc.field, exc.reason, headers=exc.headers)(scope, receive, send)
            return
        except TooManyRequests as exc:
            await error_response(429, "request", exc.reason, headers={"Retry-After": str(exc.retry_after)})(
                scope, receive, send)
            return
        scope["state"]["principal"] = principal
        await self.app(scope, receive, send)

    async def _principal(self, scope: Scope):
        key = presented_key(_headers(scope))
        if key is None:
            raise ApiError(401, "authorization", "an API key is required: 'Authorization: Bearer KEY' or "
                           "'X-API-Key: KEY'", {"WWW-Authenticate": "Bearer"})
        keyring = self.keyring()
        if keyring is None:
            raise ApiError(503, "authorization", "the service is starting", {"Retry-After": "1"})
        try:
            principal = await anyio.to_thread.run_sync(keyring.verify, key)
        except KeyStoreUnavailable:
            raise ApiError(503, "authorization", "keys cannot be checked now (database unavailable)",
                           {"Retry-After": "5"}) from None
        if principal is None:
            raise ApiError(401, "authorization", "unknown or revoked API key", {"WWW-Authenticate": "Bearer"})
        return principal


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        length = _headers(scope).get("content-length")
        if length is not None:
            if not length.strip().isdigit():
                await error_response(400, "content-length", "is not a number")(scope, receive, send)
                return
            if int(length) > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
        # Read the body here, at most max_bytes of it, then hand it on: a chunked body has no length to check.
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":      # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await error_response(413, "body", f"the request body is larger than {self.max_bytes} bytes")(
            scope, receive, send)

