"""Batch triage of files: stream rows in, triage in chunks, write one result row per input row.

A row that cannot be triaged (missing or non-string text, empty text, over the limit)
gets an `error` field in the output instead of stopping the run.
"""
from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from service.pipeline import InvalidInput, Item, Pipeline

log = logging.getLogger("triage.batch")


@dataclass
class BatchSummary:
    done: int = 0
    failed: int = 0
    reasons: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {"done": self.done, "failed": self.failed, "reasons": dict(self.reasons)}


def read_jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a JSONL file; a line that is not a JSON object becomes an error row."""
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
                if not isinstance(row, dict):
                    raise ValueError("line is not a JSON object")
            except (UnicodeDecodeError, ValueError) as exc:
                row = {"_error": f"line {n}: {type(exc).__name__}: {exc}"}
            yield row


def triage_rows(pipeline: Pipeline, rows: Iterator[dict[str, Any]], chunk_size: int = 64,
                summary: BatchSummary | None = None, **context: Any) -> Iterator[dict[str, Any]]:
    """One output row per input row, in order: the caller's columns plus the result or an error."""
    summary = summary if summary is not None else BatchSummary()
    chunk: list[dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        good: list[tuple[int, Item]] = []
        out: list[dict[str, Any]] = []
        for i, row in enumerate(chunk):
            if "_error" in row:
                out.append({**{k: v for k, v in row.items() if k != "_error"}, "error": row["_error"]})
                continue
            item = Item(row.get("text"), None if row.get("id") is None else str(row.get("id")))
            try:
                pipeline.check(item)
                good.append((i, item))
                out.append(row)
            except InvalidInput as exc:
                out.append({**row, "error": str(exc)})
        results = pipeline.triage_many([it for _, it in good], **context) if good else []
        for (i, _), res in zip(good, results):
            out[i] = {**out[i], "result": res.model_dump(mode="json")}
        for row in out:
            if "error" in row:
                summary.failed += 1
                summary.reasons[row["error"].split(":")[0] if not row["error"].startswith("line") else "unreadable line"] += 1
            else:
                summary.done += 1
            yield row
        chunk.clear()

    for row in rows:
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield from flush()
    if chunk:
        yield from flush()


def run_jsonl(pipeline: Pipeline, src: Path, dst: Path, chunk_size: int = 64, **context: Any) -> BatchSummary:
    summary = BatchSummary()
    with open(dst, "w", encoding="utf-8") as out:
        for row in triage_rows(pipeline, read_jsonl_rows(src), chunk_size, summary, **context):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            if (summary.done + summary.failed) % 1000 == 0:
                log.info("batch progress: %s", summary.as_dict())
    return summary
