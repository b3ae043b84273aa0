"""Rate limits, body cap, queue bound and request timeout, against real server processes."""
from __future__ import annotations

import sqlite3
import threading
import time

import httpx

from service.security_limits import RateLimiter, TooManyRequests

TEXT = "公司拖欠工资两个月"


def test_rate_limit_per_key_gives_429_with_retry_after(live_server, triage_key):
    slow = live_server.create_key("slow-client", "triage", rate_per_minute=6)["key"]
    with live_server.client(slow) as c:
        codes = [c.post("/v1/triage", json={"text": TEXT}).status_code for _ in range(6)]
        assert codes == [200] * 6
        r = c.post("/v1/triage", json={"text": TEXT})
        assert r.status_code == 429
        assert r.json()["error"]["field"] == "request" and "6 texts per minute" in r.json()["error"]["reason"]
        assert 1 <= int(r.headers["retry-after"]) <= 10
    with live_server.client(triage_key) as c:           # the limit is per key: others go on
        assert c.post("/v1/triage", json={"text": TEXT}).status_code == 200


def test_a_batch_costs_one_token_per_item(live_server):
    key = live_server.create_key("batch-client", "triage", rate_per_minute=60)["key"]
    with live_server.client(key) as c:
        assert c.post("/v1/triage/batch", json={"items": [{"text": TEXT}] * 50}).status_code == 200
        r = c.post("/v1/triage/batch", json={"items": [{"text": TEXT}] * 20})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1


def test_a_batch_larger_than_the_bucket_still_passes_when_the_bucket_is_full():
    limiter = RateLimiter(per_minute=6, burst=256)
    limiter.charge("k", 1)
    limiter.charge("k", 255, paid=1)               # capped at the bucket (6): allowed once
    try:
        limiter.charge("k", 1)
    except TooManyRequests as exc:
        assert exc.retry_after == 10
    else:
        raise AssertionError("the bucket should be empty")


def test_body_over_the_cap_is_413_json(live_server, triage_key):
    big = b'{"text": "' + "欠".encode() * 800_000 + b'"}'            # 2.4 MB > 2 MiB
    with live_server.client(triage_key) as c:
        r = c.post("/v1/triage", content=big, headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["field"] == "body"

        def chunks():                                              # no Content-Length: counted as read
            for _ in range(30):
                yield b" " * 100_000
        r = c.post("/v1/triage", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["field"] == "body"
        assert c.post("/v1/triage", json={"text": TEXT}).status_code == 200   # and the server is fine


def test_timeout_is_504_and_a_full_queue_is_429_busy(server_factory):
    """One pipeline slot, no queue, 1 s timeout. The database is locked, so storing the item
    blocks its worker for up to 3 s: the caller gets 504, the next caller 429 busy; the item
    is still stored once the lock goes (spooled, then written back)."""
    server = server_factory(env={"TRIAGE_MAX_CONCURRENT": "1", "TRIAGE_MAX_QUEUED": "0",
                                 "TRIAGE_REQUEST_TIMEOUT_S": "1", "TRIAGE_DB_LOCK_TIMEOUT_S": "3"})
    key = server.create_key("k", "triage", rate_per_minute=0)["key"]
    with server.client(key) as c:
        assert c.post("/v1/triage", json={"text": TEXT}).status_code == 200
    lock = sqlite3.connect(server.db_path, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        slow: dict = {}
        t = threading.Thread(target=lambda: slow.update(r=httpx.post(
            server.url + "/v1/triage", json={"text": TEXT, "id": "late"}, headers={"X-API-Key": key}, timeout=30)))
        t0 = time.monotonic()
        t.start()
        time.sleep(0.5)
        busy = httpx.post(server.url + "/v1/triage", json={"text": TEXT}, headers={"X-API-Key": key})
        assert busy.status_code == 429 and busy.json()["error"]["reason"] == "the service is busy"
        assert busy.headers["retry-after"] == "1"
        t.join()
        assert slow["r"].status_code == 504 and slow["r"].json()["error"]["field"] == "request"
        assert time.monotonic() - t0 < 2.5
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with sqlite3.connect(server.db_path) as db:
            if db.execute("select count(*) from triage_items where item_id='late'").fetchone()[0] == 1:
                break
        time.sleep(0.2)
    else:
        raise AssertionError("the timed-out item was never stored")
    with server.client(key) as c:
        assert c.post("/v1/triage", json={"text": TEXT}).status_code == 200


def test_gate_bounds_concurrency_and_frees_slots_only_when_work_ends():
    import asyncio

    from service.security_limits import Gate, RequestTimeout

    async def scenario():
        gate = Gate(max_concurrent=2, max_queued=1, timeout_s=0.3)
        running, peak = [0], [0]

        def work(seconds):
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            time.sleep(seconds)
            running[0] -= 1
            return seconds

        # 2 run, 1 waits, the 4th is refused at once.
        tasks = [asyncio.ensure_future(gate.run(work, 0.1)) for _ in range(3)]
        await asyncio.sleep(0.02)
        try:
            await gate.run(work, 0.1)
        except TooManyRequests as exc:
            assert exc.retry_after == 1
        else:
            raise AssertionError("a full queue must refuse")
        assert await asyncio.gather(*tasks) == [0.1, 0.1, 0.1] and peak[0] == 2
        # A request that times out keeps its slot until its thread is done, then frees it.
        try:
            await gate.run(work, 0.6)
        except RequestTimeout:
            pass
        else:
            raise AssertionError("should time out")
        assert gate.running == 1
        await asyncio.sleep(0.5)
        assert gate.running == 0 and gate.queued == 0
        # A request that times out while still queued never runs.
        blockers = [asyncio.ensure_future(gate.run(work, 0.5)) for _ in range(2)]
        await asyncio.sleep(0.02)
        ran_late = []
        try:
            await gate.run(lambda: ran_late.append(1))
        except RequestTimeout:
            pass
        await asyncio.gather(*blockers, return_exceptions=True)
        await asyncio.sleep(0.3)
        assert ran_late == [] and gate.running == 0 and gate.queued == 0

    asyncio.run(scenario())
