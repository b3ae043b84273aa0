"""API keys: creation, storage as hashes, lookup, scopes.

A key is `tk_` + 43 url-safe characters (256 random bits). It is shown once, at creation;
the database keeps its SHA-256 only. A fast hash is right here: with 256 random bits there
is no dictionary to attack, and every request pays for the check.

Scopes: `triage` (operators, batch clients: triage and read the labels) and `admin`
(also the stored data and the audit trail). An admin key may do everything a triage key may.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.store import ApiKey, Store, db_unavailable, utcnow

SCOPES = ("triage", "admin")
KEY_PREFIX = "tk_"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's id (in logs and the audit trail), name, scope and rate."""
    key_id: str
    name: str
    scope: str
    rate_per_minute: float | None = None

    def allows(self, needed: str) -> bool:
        return self.scope == "admin" or self.scope == needed


DEV_PRINCIPAL = Principal("dev", "development mode (no keys)", "admin")


class KeyStoreUnavailable(RuntimeError):
    """The database cannot say whether a key is valid, and it was not seen recently."""


def generate_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def presented_key(headers: dict[str, str]) -> str | None:
    """The key in `Authorization: Bearer KEY` or `X-API-Key: KEY` (lower-cased header names)."""
    auth = headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return headers.get("x-api-key", "").strip() or None


class KeyRing:
    """The keys in the database, checked on every request so a revocation takes effect at once.

    If the database fails, a key verified within `stale_ok_s` is still accepted: triage keeps
    answering through a database outage, and an unknown key gets 503, never a guess.
    """

    def __init__(self, store: Store, stale_ok_s: float = 600.0, retry_s: float = 2.0):
        self.store = store
        self.stale_ok_s = stale_ok_s
        self.retry_s = retry_s
        self._seen: dict[str, tuple[Principal, float]] = {}   # hash -> (principal, when verified)
        self._db_down_until = 0.0
        self._lock = threading.Lock()

    # -- administration (the CLI) --------------------------------------------------------------

    def create(self, name: str, scope: str, rate_per_minute: float | None = None) -> tuple[Principal, str]:
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
        if not name.strip():
            raise ValueError("a key needs a name (who or what uses it)")
        key = generate_key()
        principal = Principal("k_" + secrets.token_hex(6), name.strip(), scope, rate_per_minute)
        with Session(self.store.engine) as session, session.begin():
            session.add(ApiKey(id=principal.key_id, name=principal.name, scope=scope, key_hash=hash_key(key),
                               prefix=key[:7], rate_per_minute=rate_per_minute, created_at=utcnow()))
        return principal, key

    def list(self, include_revoked: bool = True) -> list[dict]:
        with Session(self.store.engine) as session:
            q = select(ApiKey).order_by(ApiKey.created_at)
            if not include_revoked:
                q = q.where(ApiKey.revoked_at.is_(None))
            return [{"id": k.id, "name": k.name, "scope": k.scope, "prefix": k.prefix,
                     "rate_per_minute": k.rate_per_minute, "created_at": _iso(k.created_at),
                     "revoked_at": _iso(k.revoked_at)} for k in session.scalars(q)]

    def revoke(self, key_id: str) -> bool:
        """True if a live key was revoked; False if there is no such key or it was revoked already."""
        with Session(self.store.engine) as session, session.begin():
            res = session.execute(update(ApiKey).where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
                                  .values(revoked_at=utcnow()))
            return res.rowcount == 1

    def any_active(self) -> bool:
        with Session(self.store.engine) as session:
            return session.scalar(select(ApiKey.id).where(ApiKey.revoked_at.is_(None)).limit(1)) is not None

    # -- the request path ----------------------------------------------------------------------

    def verify(self, key: str) -> Principal | None:
        """The principal for a valid, unrevoked key; None for any other key."""
        if not key.startswith(KEY_PREFIX) or len(key) > 100:
            return None
        digest = hash_key(key)
        now = time.monotonic()
        if now >= self._db_down_until:
            try:
                with Session(self.store.engine) as session:
                    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == digest))
            except Exception as exc:
                if not db_unavailable(exc):
                    raise
                self._db_down_until = now + self.retry_s     # don't make every request wait for a timeout
            else:
                with self._lock:
                    if row is None or row.revoked_at is not None:
                        self._seen.pop(digest, None)
                        return None
                    principal = Principal(row.id, row.name, row.scope, row.rate_per_minute)
                    self._seen[digest] = (principal, now)
                    return principal
        with self._lock:
            seen = self._seen.get(digest)
        if seen is not None and now - seen[1] <= self.stale_ok_s:
            return seen[0]
        raise KeyStoreUnavailable("the key database is unavailable")


def _iso(value: dt.datetime | None) -> str | None:
    if value is not None and value.tzinfo is None:     # SQLite drops the zone; the store writes UTC
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.isoformat() if value is not None else None
