"""The store under faults: spool while the database is locked or missing, write back, nothing lost;
purge; migration of older databases; SIGTERM lets in-flight requests finish."""
from __future__ import annotations

import json
import signal
import sqlite3
import threading
import time

import httpx
import pytest
from sqlalchemy import exc as sa_exc

from service.pipeline import Item
from service.security_crypto import TextCipher, new_key
from service.store import Store

TEXT = "电话13812345678，老板拖欠工资"


def result(item_id: str | None = None) -> dict:
    return {"id": item_id, "primary": "wage_arrears", "priority": "normal", "needs_review": False,
            "route": {"lead": {"code": "hrss_inspection"}, "assist": []},
            "entities": {"contacts": [{"text": "13812345678", "start": 2, "end": 13}]},
            "model": {"name": "m", "version": "1", "labels_version": "l"}}


def save(store: Store, item_id: str, **context) -> None:
    store.save([Item(TEXT, item_id)], [result(item_id)], **context)


def count(db_path, table: str = "triage_items") -> int:
    with sqlite3.connect(db_path) as db:
        return db.execute(f"select count(*) from {table}").fetchone()[0]


@pytest.fixture
def locked(tmp_path):
    """A function that takes the SQLite write lock from another connection; released at teardown."""
    held = []

    def lock(path, mode: str = "EXCLUSIVE"):
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"BEGIN {mode}")
        held.append(conn)
        return conn

    yield lock
    for conn in held:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def test_locked_database_spools_then_writes_back(tmp_path, locked):
    db = tmp_path / "t.db"
    store = Store(f"sqlite:///{db}", spool_path=tmp_path / "spool.jsonl", lock_timeout_s=0.2)
    save(store, "before")
    conn = locked(db)
    for n in range(5):
        save(store, f"during-{n}", request_id=f"r{n}", key_id="k_1")
    assert store.spool.pending() == 5 and count(db) == 1
    spooled = (tmp_path / "spool.jsonl").read_text(encoding="utf-8")
    assert "13812345678" not in spooled and "138******78" in spooled       # masked in the spool too
    assert store.flush_spool() == 0                                       # still locked: kept
    conn.execute("ROLLBACK")
    assert store.flush_spool() == 5 and store.spool.pending() == 0
    save(store, "after")
    rows = [r.item_id for r in store.records()]
    assert rows == ["before", *[f"during-{n}" for n in range(5)], "after"]
    assert [e.key_id for e in store.audit(action="triage") if e.item_id.startswith("during")] == ["k_1"] * 5
    assert not (tmp_path / "spool.jsonl.flushing").exists()


def test_database_path_taken_by_a_directory_then_restored(tmp_path):
    db = tmp_path / "t.db"
    db.mkdir()                                   # the path is not a database: nothing can open it
    store = Store(f"sqlite:///{db}", spool_path=tmp_path / "spool.jsonl", lock_timeout_s=0.2)
    save(store, "a")
    save(store, "b")
    assert store.spool.pending() == 2
    db.rmdir()
    assert store.flush_spool() == 2
    assert [r.item_id for r in store.records()] == ["a", "b"]


def test_without_a_spool_a_database_fault_raises(tmp_path, locked):
    db = tmp_path / "t.db"
    store = Store(f"sqlite:///{db}", lock_timeout_s=0.1)
    save(store, "x")
    locked(db)
    with pytest.raises(sa_exc.OperationalError):
        save(store, "y")


def test_replay_after_a_crash_writes_nothing_twice(tmp_path, locked):
    db = tmp_path / "t.db"
    spool = tmp_path / "spool.jsonl"
    store = Store(f"sqlite:///{db}", spool_path=spool, lock_timeout_s=0.1)
    conn = locked(db)
    save(store, "once")
    line = spool.read_text(encoding="utf-8")
    conn.execute("ROLLBACK")
    assert store.flush_spool() == 1
    # A crash between the database commit and the spool rewrite leaves the entry in the spool.
    spool.write_text(line, encoding="utf-8")
    restarted = Store(f"sqlite:///{db}", spool_path=spool)
    assert restarted.spool.pending() == 1
    restarted.flush_spool()
    assert count(db) == 1 and restarted.spool.pending() == 0


def test_a_bad_entry_is_set_aside_not_blocking_the_rest(tmp_path):
    db, spool = tmp_path / "t.db", tmp_path / "spool.jsonl"
    good = Store._entry(rows=[{"text": "ok", "result": result("good"), "original": None, "row_index": None}])
    bad = Store._entry(rows=[{"text": "bad", "result": {"id": "bad"}, "original": None, "row_index": None}])
    spool.write_text(json.dumps(bad) + "\n" + '{"cut short' + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    store = Store(f"sqlite:///{db}", spool_path=spool)
    store.flush_spool()
    assert [r.item_id for r in store.records()] == ["good"]
    rejected = (tmp_path / "spool.jsonl.rejected").read_text(encoding="utf-8").splitlines()
    assert len(rejected) == 2 and store.spool.pending() == 0


def test_unavailable_at_start_then_recovers(tmp_path, locked):
    db = tmp_path / "t.db"
    sqlite3.connect(db).close()
    locked(db, "EXCLUSIVE")                         # rollback-journal mode: even reads are blocked
    store = Store(f"sqlite:///{db}", spool_path=tmp_path / "spool.jsonl", lock_timeout_s=0.1)
    save(store, "early")
    assert store.spool.pending() == 1 and not store.ping()


def test_batch_run_ids_stay_idempotent_with_a_spool(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 't.db'}", spool_path=tmp_path / "spool.jsonl")
    items = [Item(f"text {n}", f"id{n}") for n in range(3)]
    for _ in range(2):
        store.save(items, [result(f"id{n}") for n in range(3)], run_id="run-1", row_indices=[0, 1, 2])
    assert store.count(run_id="run-1") == 3
    assert [e.detail["rows"] for e in store.audit(action="batch")] == [3, 3]


def test_original_encrypted_with_key_rotation(tmp_path):
    old, new = new_key(), new_key()
    url = f"sqlite:///{tmp_path / 't.db'}"
    Store(url, cipher=TextCipher(old), store_original=True).save([Item(TEXT, "x")], [result("x")])
    rotated = Store(url, cipher=TextCipher(f"{new},{old}"), store_original=True)
    rotated.save([Item(TEXT + "!", "y")], [result("y")])
    x, y = rotated.records()
    assert rotated.original(x) == TEXT and rotated.original(y) == TEXT + "!"
    assert "13812345678" not in x.text_original and "13812345678" not in x.text
    with pytest.raises(ValueError):
        Store(url, cipher=TextCipher(new)).original(x)          # the old key is gone: unreadable
    with pytest.raises(ValueError):
        Store(url, store_original=True)                           # originals need a cipher


def test_older_database_gains_the_new_columns(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:        # the schema before issue 6
        conn.execute("""CREATE TABLE triage_items (id INTEGER PRIMARY KEY, item_id VARCHAR(200), text TEXT,
            result JSON, primary_type VARCHAR(64), lead VARCHAR(64), priority VARCHAR(16), needs_review BOOLEAN,
            model_name VARCHAR(100), model_version VARCHAR(100), labels_version VARCHAR(100), run_id VARCHAR(100),
            row_index INTEGER, request_id VARCHAR(64), created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
            CONSTRAINT uq_run_row UNIQUE (run_id, row_index))""")
        conn.execute("INSERT INTO triage_items (item_id, text, result, primary_type, lead, priority, needs_review, "
                     "model_name, model_version, labels_version) VALUES ('old', 't', '{}', 'p', 'l', 'normal', 0, "
                     "'m', '1', 'l')")
    store = Store(f"sqlite:///{db}")
    save(store, "new", key_id="k_9")
    assert [(r.item_id, r.key_id) for r in store.records()] == [("old", None), ("new", "k_9")]


def test_purge_deletes_stored_texts_before_a_date(tmp_path):
    from conftest import LiveServer, server_env
    db = tmp_path / "t.db"
    store = Store(f"sqlite:///{db}")
    for name in ("old-1", "old-2", "new"):
        save(store, name)
    with sqlite3.connect(db) as conn:
        conn.execute("update triage_items set created_at='2023-01-15 10:00:00.000000' where item_id like 'old%'")
        conn.execute("update audit_events set at='2023-01-15 10:00:00.000000' where item_id like 'old%'")
    cli = LiveServer(tmp_path, server_env(tmp_path, {"TRIAGE_DATABASE_URL": f"sqlite:///{db}"})).cli
    dry = json.loads(cli("purge", "--before", "2024-01-01", "--dry-run").stdout)
    assert dry["deleted"] == {"triage_items": 2} and count(db) == 3
    assert cli("purge", check=False).returncode == 2                 # no date, no TRIAGE_RETENTION_DAYS
    done = json.loads(cli("purge", "--before", "2024-01-01", "--include-audit").stdout)
    assert done["deleted"] == {"triage_items": 2, "audit_events": 2}
    assert [r.item_id for r in store.records()] == ["new"]
    assert [e.detail["triage_items"] for e in store.audit(action="purge")] == [2]   # the purge is audited
    again = LiveServer(tmp_path, server_env(tmp_path, {"TRIAGE_DATABASE_URL": f"sqlite:///{db}",
                                                       "TRIAGE_RETENTION_DAYS": "0"})).cli
    assert json.loads(again("purge").stdout)["deleted"]["triage_items"] == 1    # retention 0 days: all


def test_server_spools_while_the_database_is_locked_and_loses_nothing(server_factory, locked):
    server = server_factory(env={"TRIAGE_DB_LOCK_TIMEOUT_S": "0.3"})
    key = server.create_key("desk", "triage", rate_per_minute=0)["key"]
    with server.client(key) as c:
        assert c.post("/v1/triage", json={"text": TEXT, "id": "pre"}).status_code == 200
        conn = locked(server.db_path)
        ids = [f"during-{n}" for n in range(6)]
        for item_id in ids[:4]:
            assert c.post("/v1/triage", json={"text": TEXT, "id": item_id}).status_code == 200
        batch = c.post("/v1/triage/batch", json={"items": [{"text": TEXT, "id": i} for i in ids[4:]]})
        assert batch.status_code == 200
        ready = httpx.get(server.url + "/readyz").json()
        assert ready["status"] == "ready" and ready["spool_pending"] == 5
        assert conn.execute("select count(*) from triage_items").fetchone()[0] == 1
        conn.execute("ROLLBACK")
        deadline = time.monotonic() + 15
        while httpx.get(server.url + "/readyz").json()["spool_pending"] and time.monotonic() < deadline:
            time.sleep(0.2)
    with sqlite3.connect(server.db_path) as db:
        stored = [r[0] for r in db.execute("select item_id from triage_items order by id")]
        audited = db.execute("select count(*) from audit_events where action='triage' and key_id is not null").fetchone()[0]
    assert stored == ["pre", *ids] and audited == 7
    assert any("spooling" in line for line in server.log_lines())
    assert any("spooled entries" in line for line in server.log_lines())


def test_sigterm_lets_the_request_in_flight_finish(server_factory, locked):
    # A slow request: its store step waits for a lock we hold, up to 5 s.
    server = server_factory(env={"TRIAGE_DB_LOCK_TIMEOUT_S": "5"})
    key = server.create_key("desk", "triage", rate_per_minute=0)["key"]
    httpx.post(server.url + "/v1/triage", json={"text": TEXT}, headers={"X-API-Key": key})  # warm up
    conn = locked(server.db_path)
    out: dict = {}
    t = threading.Thread(target=lambda: out.update(r=httpx.post(
        server.url + "/v1/triage", json={"text": TEXT, "id": "in-flight"}, headers={"X-API-Key": key}, timeout=30)))
    t.start()
    time.sleep(0.8)
    server.proc.send_signal(signal.SIGTERM)
    time.sleep(1.0)
    assert server.proc.poll() is None                  # still finishing the request
    with pytest.raises(httpx.ConnectError):            # but taking no new ones
        httpx.get(server.url + "/healthz", timeout=2)
    conn.execute("ROLLBACK")
    t.join(timeout=30)
    assert out["r"].status_code == 200 and out["r"].json()["id"] == "in-flight"
    # uvicorn re-raises the signal once it has shut down cleanly, so -SIGTERM is a clean exit here.
    assert server.proc.wait(timeout=30) in (0, -signal.SIGTERM)
    assert any("Application shutdown complete" in line for line in server.log_lines())
    with sqlite3.connect(server.db_path) as db:
        assert db.execute("select count(*) from triage_items where item_id='in-flight'").fetchone()[0] == 1
