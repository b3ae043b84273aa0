"""The HTTP contract of interface.md, against a real `triage serve` process (tests/conftest.py)."""
from __future__ import annotations

import json

import pytest

WAGE = "包工头拖欠我们十几个工人三个月工资，共计15万元"


@pytest.fixture(scope="module")
def api(live_server, triage_key):
    with live_server.client(triage_key) as client:
        yield client


def test_triage_one_text(api):
    r = api.post("/v1/triage", json={"text": WAGE, "id": "wo-1"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == "wo-1" and body["primary"] and body["route"]["lead"]["code"]
    assert {"types", "intent", "flags", "priority", "entities", "model", "needs_review"} <= set(body)
    assert r.headers["x-request-id"]


def test_batch_keeps_order(api):
    texts = [WAGE, "楼上邻居半夜装修噪音太大", "公司不给我们交社保，已经两年了", "加班没有加班费，每天工作12小时"]
    r = api.post("/v1/triage/batch", json={"items": [{"id": f"b{n}", "text": t} for n, t in enumerate(texts)]})
    assert r.status_code == 200, r.text
    assert [res["id"] for res in r.json()["results"]] == ["b0", "b1", "b2", "b3"]


def test_labels_health_ready_metrics(api, live_server):
    labels = api.get("/v1/labels")
    assert labels.status_code == 200 and labels.json()
    import httpx
    assert httpx.get(live_server.url + "/healthz").json() == {"status": "ok"}
    ready = httpx.get(live_server.url + "/readyz").json()
    assert ready["status"] == "ready" and ready["database"] == "ok" and ready["auth"] == "api keys"
    metrics = httpx.get(live_server.url + "/metrics")
    assert metrics.status_code == 200 and "triage_requests_total" in metrics.text
    assert "triage_spool_pending" in metrics.text


def test_caller_request_id_is_echoed(api):
    r = api.post("/v1/triage", json={"text": WAGE}, headers={"x-request-id": "desk3-000abc"})
    assert r.headers["x-request-id"] == "desk3-000abc"
    odd = api.post("/v1/triage", json={"text": WAGE}, headers={"x-request-id": "bad id\twith junk"})
    assert odd.headers["x-request-id"] != "bad id\twith junk" and len(odd.headers["x-request-id"]) == 32


BAD = [
    ("empty", {"text": ""}, 422, "text"),
    ("whitespace", {"text": " \t\n\u3000 "}, 422, "text"),
    ("too long", {"text": "欠" * 100_000}, 413, "text"),
    ("number", {"text": 42}, 422, "text"),
    ("null", {"text": None}, 422, "text"),
    ("list", {"text": ["a"]}, 422, "text"),
    ("missing", {}, 422, "text"),
    ("unknown field", {"text": WAGE, "colour": "red"}, 422, "colour"),
    ("bad date", {"text": WAGE, "reference_date": "2024-02-30"}, 422, "reference_date"),
    ("id too long", {"text": WAGE, "id": "x" * 500}, 422, "id"),
    ("array body", [WAGE], 422, "body"),
]


@pytest.mark.parametrize("name,body,status,field", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_4xx_naming_the_field(api, name, body, status, field):
    r = api.post("/v1/triage", json=body)
    assert r.status_code == status, r.text
    assert r.json()["error"]["field"] == field and r.json()["error"]["reason"]


@pytest.mark.parametrize("raw,ctype", [
    (b'{"text": "\xff\xfe\xfa"}', "application/json"),
    (b'{"text": "abc"', "application/json"),
    (b"not json at all", "application/json"),
    (b"", "application/json"),
    (b'{"text": "abc"}', "text/plain"),
], ids=["invalid utf-8", "truncated", "not json", "empty body", "wrong content type"])
def test_undecodable_bodies_are_4xx_json(api, raw, ctype):
    r = api.post("/v1/triage", content=raw, headers={"content-type": ctype})
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["error"]["field"] == "body"


def test_emoji_and_mixed_scripts_are_triaged(api):
    text = "老板拖欠工资😡😡 salary unpaid 3个月！ Зарплата 工资 ١٢٣ \u200b\ufeff"
    r = api.post("/v1/triage", json={"text": text})
    assert r.status_code == 200, r.text
    for span in r.json()["entities"]["amounts"]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_batch_errors_name_the_item(api, live_server):
    r = api.post("/v1/triage/batch", json={"items": [{"text": WAGE}, {"text": "  "}]})
    assert r.status_code == 422 and r.json()["error"]["field"] == "items.1.text"
    assert api.post("/v1/triage/batch", json={"items": []}).json()["error"]["field"] == "items"
    too_many = api.post("/v1/triage/batch", json={"items": [{"text": "工资"}] * 257})
    assert too_many.status_code == 413 and too_many.json()["error"]["field"] == "items"
    assert api.post("/v1/triage/batch", json={"items": "x"}).status_code == 422


def test_unknown_path_and_wrong_method_are_json(api):
    r = api.get("/v1/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["field"] == "path"
    r = api.get("/v1/triage")
    assert r.status_code == 405 and json.loads(r.text)["error"]
