"""API keys end to end: the CLI makes, lists and revokes them; a real server enforces them."""
from __future__ import annotations

import json
import sqlite3

import httpx
import pytest

TEXT = "老板拖欠我们三个月工资"


def test_keys_create_list_revoke_through_the_cli(live_server):
    made = live_server.create_key("hotline-desk-7", "triage")
    assert made["key"].startswith("tk_") and made["scope"] == "triage" and made["id"].startswith("k_")

    listed = [json.loads(line) for line in live_server.cli("keys", "list", "--json").stdout.splitlines()]
    mine = next(k for k in listed if k["id"] == made["id"])
    assert mine["name"] == "hotline-desk-7" and mine["revoked_at"] is None
    assert made["key"] not in live_server.cli("keys", "list").stdout      # never shown again
    # The database holds a hash, never the key.
    with sqlite3.connect(live_server.db_path) as db:
        dump = "\n".join(db.iterdump())
    assert made["key"] not in dump and made["key"][3:] not in dump

    with live_server.client(made["key"]) as c:
        assert c.post("/v1/triage", json={"text": TEXT}).status_code == 200
        live_server.cli("keys", "revoke", made["id"])
        r = c.post("/v1/triage", json={"text": TEXT})                  # at once, no cache to expire
        assert r.status_code == 401 and r.json()["error"]["field"] == "authorization"
    assert live_server.cli("keys", "revoke", made["id"], check=False).returncode == 1
    listed = [json.loads(line) for line in live_server.cli("keys", "list", "--json", "--active").stdout.splitlines()]
    assert made["id"] not in {k["id"] for k in listed}


def test_bad_scope_is_refused_by_the_cli(live_server):
    r = live_server.cli("keys", "create", "--name", "x", "--scope", "root", check=False)
    assert r.returncode == 2


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer tk_not-a-real-key"},
    {"Authorization": "Basic dXNlcjpwYXNz"},
    {"Authorization": "Bearer"},
    {"X-API-Key": "nonsense"},
], ids=["none", "unknown", "basic", "empty bearer", "bad x-api-key"])
def test_every_v1_path_needs_a_valid_key(live_server, headers):
    for method, path in [("POST", "/v1/triage"), ("POST", "/v1/triage/batch"), ("GET", "/v1/labels"),
                         ("GET", "/v1/items/1"), ("GET", "/v1/audit"), ("GET", "/v1/keys")]:
        r = httpx.request(method, live_server.url + path, headers=headers,
                          json={"text": TEXT} if method == "POST" else None)
        assert r.status_code == 401, (path, r.text)
        assert r.json()["error"]["field"] == "authorization" and r.headers["www-authenticate"] == "Bearer"


def test_auth_comes_before_the_body_is_parsed(live_server):
    r = httpx.post(live_server.url + "/v1/triage", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 401


def test_ops_endpoints_need_no_key(live_server):
    for path in ("/healthz", "/readyz", "/metrics", "/openapi.json"):
        assert httpx.get(live_server.url + path).status_code == 200, path


def test_both_header_styles_work(live_server, triage_key):
    for headers in ({"Authorization": f"Bearer {triage_key}"}, {"X-API-Key": triage_key},
                    {"authorization": f"bearer {triage_key}"}):
        assert httpx.post(live_server.url + "/v1/triage", json={"text": TEXT}, headers=headers).status_code == 200


def test_triage_key_gets_403_on_admin_paths(live_server, triage_key, admin_key):
    with live_server.client(triage_key) as c:
        assert c.get("/v1/labels").status_code == 200          # labels: triage or admin
        for path in ("/v1/items/1", "/v1/items", "/v1/audit", "/v1/keys"):
            r = c.get(path)
            assert r.status_code == 403, path
            assert r.json()["error"]["field"] == "authorization" and "admin" in r.json()["error"]["reason"]
    with live_server.client(admin_key) as c:                   # admin may do what triage may
        assert c.get("/v1/labels").status_code == 200
        assert c.post("/v1/triage", json={"text": TEXT}).status_code == 200
        keys = c.get("/v1/keys").json()["keys"]
        assert keys and all("key" not in k and "key_hash" not in k for k in keys)


def test_admin_reads_stored_items_and_the_reads_are_audited(live_server, triage_key, admin_key):
    with live_server.client(triage_key) as c:
        r = c.post("/v1/triage", json={"text": TEXT, "id": "wo-admin-read"})
    request_id = r.headers["x-request-id"]
    with live_server.client(admin_key) as c:
        found = c.get("/v1/items", params={"request_id": request_id}).json()["items"]
        assert len(found) == 1 and found[0]["item_id"] == "wo-admin-read"
        one = c.get(f"/v1/items/{found[0]['id']}")
        assert one.status_code == 200 and one.json()["text"] == TEXT and one.json()["original"] is None
        assert c.get("/v1/items/999999999").status_code == 404
        reads = c.get("/v1/audit", params={"action": "read"}).json()["events"]
        assert any(e["record_id"] == found[0]["id"] and e["request_id"] == one.headers["x-request-id"] for e in reads)


def test_dev_mode_is_refused_off_loopback(tmp_path):
    import subprocess
    import sys

    from conftest import server_env
    for args, env in ((["--dev", "--host", "0.0.0.0"], {}), (["--host", "10.1.2.3"], {"TRIAGE_DEV_NO_KEYS": "1"})):
        r = subprocess.run([sys.executable, "-m", "service.cli", "serve", "--port", "1", *args], cwd=tmp_path,
                           env=server_env(tmp_path, env), capture_output=True, text=True, timeout=120)
        assert r.returncode == 2, r.stderr
        assert "refusing to start" in r.stderr and "127.0.0.1" in r.stderr


def test_dev_mode_on_loopback_needs_no_key_and_says_so(server_factory):
    server = server_factory(args=("--dev",))
    r = httpx.post(server.url + "/v1/triage", json={"text": TEXT})
    assert r.status_code == 200
    assert httpx.get(server.url + "/readyz").json()["auth"] == "development: no keys"
    warnings = [json.loads(line) for line in server.log_lines() if "DEVELOPMENT MODE" in line]
    assert len(warnings) >= 3 and all(w["level"] == "WARNING" for w in warnings)
