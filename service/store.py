"""Store stage: every triaged item, with its input, result, model and labels version.

SQLAlchemy, so the same code writes to the embedded SQLite file by default and to
PostgreSQL when given a `postgresql+psycopg://` URL. Texts and span texts are stored
with personal numbers masked.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any, Sequence

from sqlalchemy import (JSON, Boolean, DateTime, Integer, String, Text, UniqueConstraint, create_engine, delete,
                        event, func, select)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from service.pii import mask_pii, mask_result

log = logging.getLogger("triage.store")


class Base(DeclarativeBase):
    pass


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
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


def make_engine(url: str):
    kwargs: dict[str, Any] = {"future": True}
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 5}
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        @event.listens_for(engine, "connect")
        def _wal(dbapi_conn, _):  # concurrent readers while the API writes
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
    return engine


class Store:
    """The database behind the service; `save` is the pipeline's store stage."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        Base.metadata.create_all(self.engine)

    def save(self, items: Sequence[Any], results: Sequence[Any], run_id: str | None = None,
             request_id: str | None = None, row_indices: Sequence[int] | None = None, **_: Any) -> None:
        records = []
        for n, (item, res) in enumerate(zip(items, results)):
            data = res.model_dump(mode="json") if hasattr(res, "model_dump") else dict(res)
            records.append(TriageRecord(
                item_id=data.get("id"), text=mask_pii(item.text), result=mask_result(data),
                primary_type=data["primary"], lead=data["route"]["lead"]["code"], priority=data["priority"],
                needs_review=data["needs_review"], model_name=data["model"]["name"],
                model_version=data["model"]["version"], labels_version=data["model"]["labels_version"],
                run_id=run_id, row_index=row_indices[n] if row_indices is not None else None,
                request_id=request_id))
        with Session(self.engine) as session, session.begin():
            if run_id is not None and row_indices is not None:
                # A batch run re-stored under the same run id replaces its rows: idempotent.
                session.execute(delete(TriageRecord).where(TriageRecord.run_id == run_id,
                                                           TriageRecord.row_index.in_(list(row_indices))))
            session.add_all(records)

    def count(self, **where: Any) -> int:
        with Session(self.engine) as session:
            q = select(func.count()).select_from(TriageRecord)
            for k, v in where.items():
                q = q.where(getattr(TriageRecord, k) == v)
            return session.scalar(q) or 0

    def records(self, **where: Any) -> list[TriageRecord]:
        with Session(self.engine) as session:
            q = select(TriageRecord).order_by(TriageRecord.id)
            for k, v in where.items():
                q = q.where(getattr(TriageRecord, k) == v)
            return list(session.scalars(q))

    def ping(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except Exception:  # noqa: BLE001 - readiness reports, never raises
            return False
