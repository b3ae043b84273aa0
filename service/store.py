"""Store stage: every triaged item, with its input, result, model and labels version.

SQLAlchemy, so the same code writes to the embedded SQLite file by default and to
PostgreSQL when given a `postgresql+psycopg://` URL. Texts and span texts are stored
with personal numbers masked; the original text only if asked for, and then encrypted.

Besides the items: the audit trail (which key did what to which item, when, under which
request id), the API keys (hashes only, see service/security.py), and the ids of spooled
entries already written back. When the database cannot take a write (down, locked,
unreachable) and a spool is configured, the entry goes to the spool file and is written
back by a background thread once the database answers again.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import uuid
from pathlib import Path
from typing import Any, Sequence

from sqlalchemy import (JSON, Boolean, DateTime, Float, Integer, String, Text, UniqueConstraint, create_engine,
                        delete, event, exc as sa_exc, func, inspect, select, text as sql_text)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from service.pii import mask_pii, mask_result
from service.security_crypto import TextCipher
from service.spool import Spool

log = logging.getLogger("triage.store")


class Base(DeclarativeBase):
    pass


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class TriageRecord(Base):
    __tablename__ = "triage_items"
    __table_args__ = (UniqueConstraint("run_id", "row_index", name="uq_run_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[str | None] = mapped_column(String(200), index=True)
    text: Mapped[str] = mapped_column(Text)                 # masked
    result: Mapped[dict] = mapped_column(JSON)              # span texts masked
    primary_type: Mapped[str] = mapped_column(String(64), index=True)
    lead: Mapped[str] = mapped_column(String(64), index=True)
    priority: Mapped[str] = mapped_column(String(16))
    needs_review: Mapped[bool] = mapped_column(Boolean)
    model_name: Mapped[str] = mapped_column(String(100))
    model_version: Mapped[str] = mapped_column(String(100))
    labels_version: Mapped[str] = mapped_column(String(100))
    run_id: Mapped[str | None] = mapped_column(String(100), index=True)
    row_index: Mapped[int | None] = mapped_column(Integer)
    request_id: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    # Added by the deployment work (issue 6); nullable so older databases gain them in place.
    key_id: Mapped[str | None] = mapped_column(String(32), index=True, nullable=True)
    text_original: Mapped[str | None] = mapped_column(Text, nullable=True)  # Fernet token, never plain text


class AuditEvent(Base):
    """Who did what, when: one row per triaged item, per admin read, per purge."""
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)   # triage, batch, read, read_original, purge
    key_id: Mapped[str | None] = mapped_column(String(32), index=True)
    request_id: Mapped[str | None] = mapped_column(String(64), index=True)
    record_id: Mapped[int | None] = mapped_column(Integer, index=True)
    item_id: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class ApiKey(Base):
    """An API key: its SHA-256, never the key (service/security.py)."""
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    prefix: Mapped[str] = mapped_column(String(16))             # first characters, to recognise a key
    rate_per_minute: Mapped[float | None] = mapped_column(Float, nullable=True)  # None: the service default
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SpoolApplied(Base):
    """Spooled entries already written back, so a replay interrupted by a crash writes none twice."""
    __tablename__ = "spool_applied"

    entry_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


def make_engine(url: str, lock_timeout_s: float = 5.0):
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": lock_timeout_s}
    elif url.startswith("postgresql"):
        # A database that is down must fail fast (then we spool), not hang requests.
        kwargs.update(pool_pre_ping=True, pool_timeout=lock_timeout_s + 5,
                      connect_args={"connect_timeout": max(1, int(lock_timeout_s) + 2)})
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        @event.listens_for(engine, "connect")
        def _wal(dbapi_conn, _):  # concurrent readers while the API writes
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
    return engine


def db_unavailable(exc: BaseException) -> bool:
    """True for faults of the database (down, locked, unreachable, disk), not for a bad entry."""
    if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError,
                        sa_exc.TimeoutError, OSError)):
        return True
    # "file is not a database" and the like: the plain DatabaseError, not its IntegrityError kin.
    return type(exc) is sa_exc.DatabaseError


class Store:
    """The database behind the service; `save` is the pipeline's store stage.

    `Store(url)` alone raises when the database fails (the batch job relies on that). Given a
    `spool_path`, it never loses a save: failures go to the spool and come back later.
    """

    def __init__(self, url: str, *, spool_path: str | Path | None = None, cipher: TextCipher | None = None,
                 store_original: bool = False, lock_timeout_s: float = 5.0):
        if store_original and cipher is None:
            raise ValueError("storing original texts needs a cipher (TRIAGE_ENCRYPTION_KEY)")
        self.url = url
        self.engine = make_engine(url, lock_timeout_s)
        self.cipher = cipher
        self.store_original = store_original
        self.spool = Spool(spool_path) if spool_path is not None else None
        # SQLite lets one writer in at a time, and a writer that finds the lock taken sleeps in steps of up
        # to 100 ms before retrying; queuing our own threads here instead keeps each write at a few ms.
        self._write_lock = threading.Lock() if url.startswith("sqlite") else contextlib.nullcontext()
        self._down = False                     # last write failed: spool without trying until a replay works
        self._schema_ready = False
        self._schema_lock = threading.Lock()
        self._stop = threading.Event()
        self._flusher: threading.Thread | None = None
        try:
            self._ensure_schema()
        except Exception as exc:
            if self.spool is None or not db_unavailable(exc):
                raise
            self._down = True
            log.warning("database unavailable at start (%s); spooling to %s", _brief(exc), self.spool.path)

    # -- schema ------------------------------------------------------------------------------

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._schema_lock:
            if not self._schema_ready:
                Base.metadata.create_all(self.engine)
                self._add_missing_columns()
                self._schema_ready = True

    def _add_missing_columns(self) -> None:
        """Bring a database made by an older version up to date: nullable columns only."""
        table = TriageRecord.__table__
        have = {c["name"] for c in inspect(self.engine).get_columns(table.name)}
        missing = [c for c in table.columns if c.name not in have]
        if not missing:
            return
        with self.engine.begin() as conn:
            for col in missing:
                conn.execute(sql_text(f"ALTER TABLE {table.name} ADD COLUMN {col.name} "
                                      f"{col.type.compile(dialect=self.engine.dialect)}"))
        for index in table.indexes:
            index.create(self.engine, checkfirst=True)
        log.info("added columns %s to %s", [c.name for c in missing], table.name)

    # -- writing -----------------------------------------------------------------------------

    def save(self, items: Sequence[Any], results: Sequence[Any], run_id: str | None = None,
             request_id: str | None = None, row_indices: Sequence[int] | None = None,
             key_id: str | None = None, **_: Any) -> None:
        rows = []
        for n, (item, res) in enumerate(zip(items, results)):
            data = res.model_dump(mode="json") if hasattr(res, "model_dump") else dict(res)
            rows.append({"text": mask_pii(item.text), "result": mask_result(data),
                         "original": self.cipher.encrypt(item.text) if self.store_original and self.cipher else None,
                         "row_index": row_indices[n] if row_indices is not None else None})
        self._submit(self._entry(rows=rows, run_id=run_id, request_id=request_id, key_id=key_id,
                                 replace=run_id is not None and row_indices is not None))

    def record_event(self, action: str, *, key_id: str | None = None, request_id: str | None = None,
                     record_id: int | None = None, item_id: str | None = None, detail: dict | None = None) -> None:
        """An audit row for something other than triage (admin reads, purges)."""
        self._submit(self._entry(events=[{"action": action, "record_id": record_id, "item_id": item_id,
                                          "detail": detail}], key_id=key_id, request_id=request_id))

    @staticmethod
    def _entry(rows: list[dict] | None = None, events: list[dict] | None = None, **context: Any) -> dict[str, Any]:
        # Everything needed to write later exactly what would be written now, as plain JSON.
        return {"entry_id": uuid.uuid4().hex, "at": utcnow().isoformat(), "rows": rows or [],
                "events": events or [], **context}

    def _submit(self, entry: dict[str, Any]) -> None:
        if self.spool is None:
            self._write(entry)
            return
        if self._down or self.spool.pending():
            self.spool.append(entry)      # keep order: nothing overtakes what is already waiting
            return
        try:
            self._write(entry)
        except Exception as exc:
            # Whatever went wrong, the entry is kept: a fault of the database is retried by the flusher,
            # anything else is retried once and then set aside in the .rejected file for a person to see.
            self.spool.append(entry)
            if db_unavailable(exc):
                self._down = True
                log.warning("database unavailable (%s); spooling to %s", _brief(exc), self.spool.path)
            else:
                log.error("store write failed (%s); entry spooled to %s", _brief(exc), self.spool.path)

    def _write(self, entry: dict[str, Any], replay: bool = False) -> None:
        with self._write_lock:
            self._write_entry(entry, replay)

    def _write_entry(self, entry: dict[str, Any], replay: bool) -> None:
        self._ensure_schema()
        at = dt.datetime.fromisoformat(entry["at"])
        run_id, request_id, key_id = entry.get("run_id"), entry.get("request_id"), entry.get("key_id")
        with Session(self.engine) as session, session.begin():
            if replay:
                if session.get(SpoolApplied, entry["entry_id"]) is not None:
                    return
                session.add(SpoolApplied(entry_id=entry["entry_id"], applied_at=utcnow()))
            if entry.get("replace"):
                # A batch run re-stored under the same run id replaces its rows: idempotent.
                session.execute(delete(TriageRecord).where(TriageRecord.run_id == run_id,
                                                           TriageRecord.row_index.in_([r["row_index"] for r in entry["rows"]])))
            records = [_record(r, at, run_id, request_id, key_id) for r in entry["rows"]]
            session.add_all(records)
            session.flush()               # record ids, for the audit rows
            if run_id is None:
                session.add_all(AuditEvent(at=at, action="triage", key_id=key_id, request_id=request_id,
                                           record_id=r.id, item_id=r.item_id) for r in records)
            elif records:                 # a batch run: one row per chunk, not per item
                session.add(AuditEvent(at=at, action="batch", key_id=key_id, request_id=request_id,
                                       detail={"run_id": run_id, "rows": len(records)}))
            session.add_all(AuditEvent(at=at, action=e["action"], key_id=key_id, request_id=request_id,
                                       record_id=e.get("record_id"), item_id=e.get("item_id"), detail=e.get("detail"))
                            for e in entry["events"])

    # -- the spool ---------------------------------------------------------------------------

    def flush_spool(self) -> int:
        """Write back what was spooled; returns how many entries. Never raises for a database fault."""
        if self.spool is None:
            return 0
        try:
            n = self.spool.drain(lambda e: self._write(e, replay=True), transient=db_unavailable)
        except Exception as exc:
            if not db_unavailable(exc):
                raise
            return 0
        self._down = False
        if n:
            log.info("database back: wrote %d spooled entries", n, extra={"items": n})
            with Session(self.engine) as session, session.begin():   # only a crash mid-replay needs them
                session.execute(delete(SpoolApplied).where(
                    SpoolApplied.applied_at < utcnow() - dt.timedelta(days=1)))
        return n

    def start_flusher(self, interval_s: float = 2.0) -> None:
        """A background thread that writes the spool back every `interval_s` while it is not empty."""
        if self.spool is None or self._flusher is not None:
            return

        def loop() -> None:
            while not self._stop.wait(interval_s):
                if self.spool.pending() or self._down:
                    try:
                        self.flush_spool()
                    except Exception:  # noqa: BLE001 - keep the thread alive; the entry went to .rejected
                        log.exception("spool replay failed")

        self._flusher = threading.Thread(target=loop, name="spool-flusher", daemon=True)
        self._flusher.start()

    def close(self) -> None:
        """Stop the flusher, try one last replay, release connections."""
        self._stop.set()
        if self._flusher is not None:
            self._flusher.join(timeout=10)
            self._flusher = None
        if self.spool is not None and self.spool.pending():
            self.flush_spool()
            if self.spool.pending():
                log.warning("%d entries still spooled in %s; written at the next start",
                            self.spool.pending(), self.spool.path)
        self.engine.dispose()

    # -- reading -----------------------------------------------------------------------------

    def count(self, **where: Any) -> int:
        with Session(self.engine) as session:
            q = select(func.count()).select_from(TriageRecord)
            for k, v in where.items():
                q = q.where(getattr(TriageRecord, k) == v)
            return session.scalar(q) or 0

    def records(self, limit: int | None = None, **where: Any) -> list[TriageRecord]:
        with Session(self.engine) as session:
            q = select(TriageRecord).order_by(TriageRecord.id)
            for k, v in where.items():
                q = q.where(getattr(TriageRecord, k) == v)
            if limit is not None:
                q = q.limit(limit)
            return list(session.scalars(q))

    def get(self, record_id: int) -> TriageRecord | None:
        with Session(self.engine) as session:
            return session.get(TriageRecord, record_id)

    def original(self, record: TriageRecord) -> str | None:
        """The decrypted original text, if it was stored and a configured key opens it."""
        if record.text_original is None or self.cipher is None:
            return None
        return self.cipher.decrypt(record.text_original)

    def audit(self, limit: int = 100, **where: Any) -> list[AuditEvent]:
        with Session(self.engine) as session:
            q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
            for k, v in where.items():
                q = q.where(getattr(AuditEvent, k) == v)
            return list(session.scalars(q))

    def purge(self, before: dt.datetime, include_audit: bool = False, dry_run: bool = False) -> dict[str, int]:
        """Delete stored items (texts, originals, results) created before `before`; audit rows too if asked."""
        if before.tzinfo is None:
            before = before.replace(tzinfo=dt.timezone.utc)
        counts = {}
        with Session(self.engine) as session, session.begin():
            targets = [TriageRecord] + ([AuditEvent] if include_audit else [])
            for model in targets:
                col = model.created_at if model is TriageRecord else model.at
                counts[model.__tablename__] = session.scalar(
                    select(func.count()).select_from(model).where(col < before)) or 0
                if not dry_run:
                    session.execute(delete(model).where(col < before))
            if not dry_run:
                session.add(AuditEvent(at=utcnow(), action="purge", detail={"before": before.isoformat(), **counts}))
        return counts

    def ping(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except Exception:  # noqa: BLE001 - readiness reports, never raises
            return False


def _record(row: dict[str, Any], at: dt.datetime, run_id: str | None, request_id: str | None,
            key_id: str | None) -> TriageRecord:
    data = row["result"]
    return TriageRecord(
        item_id=data.get("id"), text=row["text"], result=data, text_original=row.get("original"),
        primary_type=data["primary"], lead=data["route"]["lead"]["code"], priority=data["priority"],
        needs_review=data["needs_review"], model_name=data["model"]["name"],
        model_version=data["model"]["version"], labels_version=data["model"]["labels_version"],
        run_id=run_id, row_index=row.get("row_index"), request_id=request_id, key_id=key_id, created_at=at)


def _brief(exc: BaseException) -> str:
    """The first line of a database error, without the SQL or parameters it may quote."""
    orig = getattr(exc, "orig", None) or exc
    return f"{type(orig).__name__}: {str(orig).splitlines()[0][:200] if str(orig) else ''}"
