"""Limits that keep one caller, or too many, from taking the service down.

- `RateLimiter`: a token bucket per key. A text costs one token (a batch of n costs n); the
  bucket refills at the key's rate and holds at most `burst` (and at most a minute's worth).
  Empty bucket: 429 + Retry-After.
- `Gate`: at most `max_concurrent` requests run the (CPU-bound) pipeline at once and at most
  `max_queued` wait for a turn; beyond that the answer is an immediate 429 "busy" instead of an
  ever longer queue. Queue wait plus work is bounded by the request timeout (then 504).

Both live on the event loop (single-threaded), so they need no locks.
"""
from __future__ import annotations

import asyncio
import math
import threading
import time
from typing import Any, Callable, TypeVar

import anyio.to_thread

T = TypeVar("T")


class TooManyRequests(Exception):
    def __init__(self, reason: str, retry_after_s: float):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = max(1, math.ceil(retry_after_s))


class RequestTimeout(Exception):
    def __init__(self, timeout_s: float):
        super().__init__(f"the request took longer than {timeout_s:g} s")
        self.reason = str(self)


class RateLimiter:
    def __init__(self, per_minute: float, burst: int):
        self.per_minute = per_minute
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}   # key id -> (tokens, last refill time)

    def charge(self, key_id: str, cost: float = 1, per_minute: float | None = None, paid: float = 0) -> None:
        """Take `cost` tokens from the key's bucket or raise TooManyRequests.

        `paid`: tokens this request was charged already (the middleware charges every request one).
        """
        per_minute = per_minute if per_minute is not None else self.per_minute
        if per_minute <= 0:
            return                                            # 0: no limit for this key
        rate = per_minute / 60.0
        # The bucket holds at most `burst` texts, and at most a minute's worth for a slow key.
        capacity = float(min(self.burst, max(1.0, per_minute)))
        cost = min(cost + paid, capacity) - paid              # a full batch must be possible at all
        now = time.monotonic()
        tokens, last = self._buckets.get(key_id, (capacity, now))
        tokens = min(capacity, tokens + (now - last) * rate)
        if tokens < cost:
            self._buckets[key_id] = (tokens, now)
            raise TooManyRequests(f"rate limit of {per_minute:g} texts per minute for this key",
                                  (cost - tokens) / rate)
        self._buckets[key_id] = (tokens - cost, now)


class Gate:
    def __init__(self, max_concurrent: int, max_queued: int, timeout_s: float):
        self.max_concurrent = max_concurrent
        self.max_queued = max_queued
        self.timeout_s = timeout_s
        self._running = 0
        self._waiters: list[asyncio.Future[None]] = []

    @property
    def running(self) -> int:
        return self._running

    @property
    def queued(self) -> int:
        return len(self._waiters)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` in a worker thread when a slot is free, within the request timeout."""
        if self._running >= self.max_concurrent and len(self._waiters) >= self.max_queued:
            raise TooManyRequests("the service is busy", 1)
        loop = asyncio.get_running_loop()
        state = {"abandoned": False, "started": False}
        lock = threading.Lock()

        def job() -> T:
            with lock:
                if state["abandoned"]:      # the caller already got its 504: don't do (or store) the work
                    raise RequestTimeout(self.timeout_s)
                state["started"] = True
            try:
                return fn(*args)
            finally:
                # The slot is freed when the work ends, not when the caller stops waiting:
                # a timed-out request still uses the CPU until its thread is done.
                loop.call_soon_threadsafe(self._release)

        async def acquire_and_run() -> T:
            await self._acquire()
            try:
                # abandon_on_cancel: on timeout, stop waiting for the thread (it cannot be interrupted).
                return await anyio.to_thread.run_sync(job, abandon_on_cancel=True)
            except BaseException:
                with lock:
                    state["abandoned"] = True
                    started = state["started"]
                if not started:
                    self._release()
                raise

        try:
            return await asyncio.wait_for(acquire_and_run(), self.timeout_s)
        except (asyncio.TimeoutError, TimeoutError):
            raise RequestTimeout(self.timeout_s) from None

    async def _acquire(self) -> None:
        if self._running < self.max_concurrent and not self._waiters:
            self._running += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter                    # _release hands its slot over: _running stays counted
        except BaseException:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            elif waiter.done() and not waiter.cancelled():
                self._release()             # a slot handed over just as we were cancelled: pass it on
            raise

    def _release(self) -> None:
        while self._waiters:
            waiter = self._waiters.pop(0)
            if not waiter.done():
                waiter.set_result(None)
                return
        self._running -= 1
