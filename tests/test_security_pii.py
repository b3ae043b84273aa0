"""Personal data: logs without personal numbers, masked storage, encrypted originals, the audit trail."""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys

import httpx
import pytest
from cryptography.fernet import Fernet

from service.pii import mask_pii

PHONE, ID_NO, CARD = "13812345678", "11010519491231002X", "6222021234567890123"
FULLWIDTH_PHONE = "１３９８７６５４３２１"
LANDLINE = "0571-88886666"
SECRETS = [PHONE, ID_NO, CARD, "13987654321", "057188886666", "15911112222", "62220212345678901"]
PII_TEXT = (f"我叫张三，电话{PHONE}，身份证{ID_NO}，工资卡{CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:]}，"
            f"另一个电话{FULLWIDTH_PHONE}，座机{LANDLINE}。老板拖欠我们三个月工资共计5万元。")


def _digits(s: str) -> str:
    """Digits only, full-width folded: a number split by spaces or hyphens is still found."""
    s = s.translate({0xFF10 + i: ord("0") + i for i in range(10)})
    return re.sub(r"[^0-9Xx]", "", s)


def test_logs_hold_no_personal_numbers(live_server, triage_key, admin_key):
    with live_server.client(triage_key) as c:
        ok = c.post("/v1/triage", json={"text": PII_TEXT, "id": "pii-1"})
        assert ok.status_code == 200
        assert c.post("/v1/triage/batch", json={"items": [{"text": PII_TEXT}, {"text": "15911112222 拖欠工资"}]}).status_code == 200
        # Error paths, where a careless handler would echo the input.
        c.post("/v1/triage", json={"text": PII_TEXT, "bogus": PHONE})
        c.post("/v1/triage", json={"text": PII_TEXT * 500})
        c.post("/v1/triage", content=f'{{"text": "{PII_TEXT}"'.encode(), headers={"content-type": "application/json"})
        c.post("/v1/triage", json={"text": PII_TEXT}, headers={"x-request-id": PHONE})
        c.get(f"/v1/nothing/{PHONE}")
    httpx.post(live_server.url + "/v1/triage", json={"text": PII_TEXT}, headers={"X-API-Key": PHONE})
    with live_server.client(admin_key) as c:
        c.get("/v1/items", params={"item_id": PHONE})
        c.get(f"/v1/items/{PHONE}")
    lines = live_server.log_lines()
    assert len(lines) > 10
    for line in lines:
        json.loads(line)                                   # structured: one JSON object a line
        flat = _digits(line)
        for secret in SECRETS:
            assert _digits(secret) not in flat, (secret, line)
    # And the request id in the response header is the one in the log line of that request.
    rid = ok.headers["x-request-id"]
    assert any(json.loads(line).get("request_id") == rid and json.loads(line).get("path") == "/v1/triage"
               for line in lines)


def test_stored_text_is_masked_and_no_original_kept_by_default(live_server, triage_key):
    with live_server.client(triage_key) as c:
        r = c.post("/v1/triage", json={"text": PII_TEXT, "id": "pii-stored"})
    with sqlite3.connect(live_server.db_path) as db:
        text, result, original = db.execute(
            "select text, result, text_original from triage_items where request_id=?",
            (r.headers["x-request-id"],)).fetchone()
    assert original is None
    assert "138******78" in text and "拖欠" in text
    for secret in SECRETS:
        assert _digits(secret) not in _digits(text) and _digits(secret) not in _digits(result)


def test_audit_row_links_key_item_and_request(live_server):
    made = live_server.create_key("audited-desk", "triage", rate_per_minute=0)
    with live_server.client(made["key"]) as c:
        r = c.post("/v1/triage/batch", json={"items": [{"id": "a1", "text": "拖欠工资"}, {"id": "a2", "text": "不交社保"}]})
    rid = r.headers["x-request-id"]
    with sqlite3.connect(live_server.db_path) as db:
        rows = db.execute("select a.action, a.key_id, a.item_id, a.at, t.request_id, t.key_id from audit_events a "
                          "join triage_items t on t.id = a.record_id where a.request_id=? order by a.id",
                          (rid,)).fetchall()
    assert [(a, k, i) for a, k, i, *_ in rows] == [("triage", made["id"], "a1"), ("triage", made["id"], "a2")]
    assert all(row[3] and row[4] == rid and row[5] == made["id"] for row in rows)
    logged = [json.loads(line) for line in live_server.log_lines() if rid in line]
    assert logged and logged[-1]["key_id"] == made["id"] and logged[-1]["status"] == 200


def test_original_is_stored_encrypted_and_round_trips(server_factory):
    key = Fernet.generate_key().decode()
    server = server_factory(env={"TRIAGE_STORE_ORIGINAL": "1", "TRIAGE_ENCRYPTION_KEY": key})
    admin = server.create_key("auditor", "admin")["key"]
    with server.client(admin) as c:
        r = c.post("/v1/triage", json={"text": PII_TEXT, "id": "enc-1"})
        assert r.status_code == 200
        with sqlite3.connect(server.db_path) as db:
            record_id, text, token = db.execute(
                "select id, text, text_original from triage_items where item_id='enc-1'").fetchone()
        assert PHONE not in text and PHONE not in token and _digits(PHONE) not in _digits(token)
        assert Fernet(key.encode()).decrypt(token.encode()).decode() == PII_TEXT
        got = c.get(f"/v1/items/{record_id}", params={"include_original": "true"}).json()
        assert got["original"] == PII_TEXT and got["original_status"] == "decrypted"
        assert c.get(f"/v1/items/{record_id}").json()["original"] is None
        events = c.get("/v1/audit", params={"action": "read_original"}).json()["events"]
        assert [e["record_id"] for e in events] == [record_id]
    for line in server.log_lines():
        assert _digits(PHONE) not in _digits(line)
    assert key not in server.log_path.read_text()


@pytest.mark.parametrize("env,expect", [
    ({"TRIAGE_STORE_ORIGINAL": "1"}, "TRIAGE_ENCRYPTION_KEY is not"),
    ({"TRIAGE_STORE_ORIGINAL": "1", "TRIAGE_ENCRYPTION_KEY": "not-a-fernet-key"}, "Fernet keys"),
], ids=["no key", "bad key"])
def test_storing_originals_without_a_usable_key_refuses_to_start(tmp_path, env, expect):
    from conftest import server_env
    r = subprocess.run([sys.executable, "-m", "service.cli", "serve", "--port", "1"], cwd=tmp_path,
                       env=server_env(tmp_path, env), capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and expect in r.stderr


def test_dates_survive_masking_numbers_do_not():
    assert mask_pii("2023-10-01 起拖欠") == "2023-10-01 起拖欠"
    assert mask_pii("电话 138-1234-5678") == "电话 138-****-**78"
    assert mask_pii("2023-13-45") != "2023-13-45"           # not a date: masked like any number
