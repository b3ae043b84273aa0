"""The ASGI middleware on its own, in process: what no well-behaved endpoint of the real app can show."""
from __future__ import annotations

import asyncio
import json
import logging

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from service.config import JsonFormatter
from service.security_http import BodyLimit, RequestContext


async def boom(request):
    raise RuntimeError("secret 13812345678 in an exception")


async def echo_length(request):
    return PlainTextResponse(str(len(await request.body())))


def app():
    # Stacked as create_app stacks them: inside Starlette's own error middleware, outside the routes.
    seen = []
    return Starlette(routes=[Route("/boom", boom), Route("/echo", echo_length, methods=["POST"])],
                     middleware=[Middleware(RequestContext, on_done=lambda *a: seen.append(a)),
                                 Middleware(BodyLimit, max_bytes=100)]), seen


def call(method, path, **kwargs):
    asgi, seen = app()

    async def go():
        transport = httpx.ASGITransport(app=asgi, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.request(method, path, **kwargs)

    return asyncio.run(go()), seen


def test_an_unhandled_error_is_a_json_500_with_the_request_id(caplog):
    with caplog.at_level(logging.ERROR, logger="triage.api"):
        r, seen = call("GET", "/boom")
    assert r.status_code == 500 and r.json()["error"]["field"] == "request"
    assert r.headers["x-request-id"] and seen[0][1] == 500
    line = JsonFormatter().format(caplog.records[0])
    assert "13812345678" not in line and json.loads(line)["request_id"] == r.headers["x-request-id"]


def test_body_limit_counts_what_is_read():
    ok, _ = call("POST", "/echo", content=b"x" * 100)
    assert ok.text == "100"
    async def chunks():                                                         # chunked, 120 bytes
        for _ in range(2):
            yield b"x" * 60
    big, seen = call("POST", "/echo", content=chunks())
    assert big.status_code == 413 and big.json()["error"]["field"] == "body" and seen[0][1] == 413
    bad, _ = call("POST", "/echo", content=b"x", headers={"content-length": "abc"})
    assert bad.status_code in (400, 413)


def test_request_ids_from_callers_are_kept_only_when_plain():
    for given, kept in [("abc-123.X:y_z", True), ("13812345678", False), ("a" * 65, False),
                        ("has space", False), ("中文", False)]:
        r, _ = call("GET", "/boom", headers={"x-request-id": given.encode("utf-8")})
        assert (r.headers["x-request-id"] == given) is kept, given
