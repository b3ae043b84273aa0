"""Row readers and resumable writers for JSONL, CSV and Parquet.

Readers stream rows as dicts and never raise on a bad row: a line that cannot be
decoded or parsed becomes {"_error": reason}. Writers append chunks and can report a
`position` after each chunk; reopened at a position, they discard anything written
after it, which is what makes a killed run resumable without duplicates.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any, Iterator

FORMATS = (".jsonl", ".csv", ".parquet")
# The flat columns a CSV or Parquet result row carries besides the caller's columns.
FLAT_COLUMNS = ("primary", "types", "intent", "priority", "lead", "assist", "needs_review",
                "owed_total", "workers", "sector", "model_version", "error", "result_json")


def check_format(path: Path) -> str:
    if path.suffix not in FORMATS:
        raise ValueError(f"{path}: unsupported format {path.suffix!r}; use one of {', '.join(FORMATS)}")
    return path.suffix


def flat_result(row: dict[str, Any]) -> dict[str, Any]:
    """A result row (caller's columns + `result` or `error`) as flat, typed columns."""
    res = row.get("result")
    out = {k: v for k, v in row.items() if k not in ("result", "error")}
    out.update(dict.fromkeys(FLAT_COLUMNS))
    out["error"] = row.get("error")
    if res:
        out.update(primary=res["primary"], types=",".join(t["code"] for t in res["types"]),
                   intent=res["intent"]["code"], priority=res["priority"], lead=res["route"]["lead"]["code"],
                   assist=",".join(a["code"] for a in res["route"]["assist"]), needs_review=res["needs_review"],
                   owed_total=res["entities"]["owed_total"], workers=res["entities"]["workers"],
                   sector=res["entities"]["sector"], model_version=res["model"]["version"],
                   result_json=json.dumps(res, ensure_ascii=False))
    return out


# ---------------------------------------------------------------- readers

def _jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
                if not isinstance(row, dict):
                    raise ValueError("line is not a JSON object")
            except (UnicodeDecodeError, ValueError) as exc:
                row = {"_error": f"unreadable line {n}: {type(exc).__name__}: {str(exc)[:120]}"}
            yield row


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    # Decode line by line so one badly encoded line costs one row, not the file.
    with open(path, "rb") as fh:
        header_line = fh.readline().decode("utf-8-sig")
        header = next(csv.reader([header_line]))
        buffer = b""
        n = 1
        for raw in fh:
            n += 1
            buffer += raw
            try:
                text = buffer.decode("utf-8")
            except UnicodeDecodeError as exc:
                buffer = b""
                yield {"_error": f"unreadable line {n}: UnicodeDecodeError: {str(exc)[:120]}"}
                continue
            if text.count('"') % 2:      # a quoted field spans lines: keep reading
                continue
            buffer = b""
            if not text.strip():
                continue
            values = next(csv.reader(io.StringIO(text)))
            yield dict(zip(header, values + [None] * (len(header) - len(values))))


def _parquet_rows(path: Path, batch_size: int = 4096) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
        yield from batch.to_pylist()


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    return {".jsonl": _jsonl_rows, ".csv": _csv_rows, ".parquet": _parquet_rows}[check_format(path)](path)


def count_rows(path: Path) -> int | None:
    """Rows in a file, cheaply where the format allows (for the progress bar's ETA)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq
        return pq.ParquetFile(path).metadata.num_rows
    with open(path, "rb") as fh:
        n = sum(1 for line in fh if line.strip())
    return n - 1 if path.suffix == ".csv" else n


# ---------------------------------------------------------------- writers

class TextWriter:
    """JSONL or CSV; position = bytes written so far (the file is truncated to it on resume)."""

    def __init__(self, path: Path, position: dict | None):
        self.path = path
        self.kind = path.suffix
        self.columns: list[str] | None = (position or {}).get("columns")
        if position:
            with open(path, "r+b") as fh:
                fh.truncate(position["bytes"])
            self.fh = open(path, "a", encoding="utf-8", newline="")
        else:
            self.fh = open(path, "w", encoding="utf-8", newline="")

    def write(self, rows: list[dict[str, Any]]) -> None:
        if self.kind == ".jsonl":
            for row in rows:
                self.fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            return
        flat = [flat_result(r) for r in rows]
        if self.columns is None:
            self.columns = [k for k in flat[0] if k not in FLAT_COLUMNS] + list(FLAT_COLUMNS)
            csv.writer(self.fh).writerow(self.columns)
        w = csv.DictWriter(self.fh, fieldnames=self.columns, extrasaction="ignore")
        w.writerows(flat)

    def position(self) -> dict:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        return {"bytes": self.fh.tell(), "columns": self.columns}

    def close(self) -> None:
        self.fh.close()


class ParquetWriter:
    """Parquet: each chunk group becomes a closed part file; `close` joins them into OUT.

    A Parquet file has its index at the end, so a killed writer leaves nothing
    readable; closed part files are always complete, and position = parts kept.
    """

    def __init__(self, path: Path, position: dict | None, rows_per_part: int = 20000,
                 caller_types: dict[str, Any] | None = None):
        self.path = path
        self.caller_types = caller_types
        self.parts_dir = path.with_name(path.name + ".parts")
        self.rows_per_part = rows_per_part
        self.parts: list[str] = list((position or {}).get("parts", []))
        self.schema_columns: list[str] | None = (position or {}).get("columns")
        if position is None and self.parts_dir.exists():
            shutil.rmtree(self.parts_dir)
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        for stray in self.parts_dir.iterdir():           # written after the last checkpoint
            if stray.name not in self.parts:
                stray.unlink()
        self.pending: list[dict[str, Any]] = []

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.pending.extend(flat_result(r) for r in rows)
        if len(self.pending) >= self.rows_per_part:
            self._flush_part()

    def _flush_part(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.pending:
            return
        if self.schema_columns is None:
            seen: dict[str, None] = {}
            for r in self.pending:              # every caller column of the first part
                seen.update(dict.fromkeys(k for k in r if k not in FLAT_COLUMNS))
            self.schema_columns = list(seen) + list(FLAT_COLUMNS)
        schema = _schema(self.schema_columns, self.caller_types)
        rows = [{c: (_caller_value(r.get(c)) if schema.field(c).type == pa.string() else r.get(c))
                 for c in self.schema_columns} for r in self.pending]
        table = pa.Table.from_pylist(rows, schema=schema)
        name = f"part-{len(self.parts):06d}.parquet"
        tmp = self.parts_dir / (name + ".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, self.parts_dir / name)
        self.parts.append(name)
        self.pending = []

    def position(self) -> dict:
        # Only whole parts count as written; rows still pending are redone after a crash,
        # so a checkpoint is only taken once they are flushed.
        self._flush_part()
        return {"parts": list(self.parts), "columns": self.schema_columns}

    def close(self) -> None:
        import pyarrow.parquet as pq

        self._flush_part()
        writer = None
        for name in self.parts:
            table = pq.read_table(self.parts_dir / name)
            if writer is None:
                writer = pq.ParquetWriter(self.path, table.schema)
            writer.write_table(table.cast(writer.schema))
        if writer is not None:
            writer.close()
        shutil.rmtree(self.parts_dir, ignore_errors=True)


def _caller_value(v: Any) -> Any:
    return v if v is None or isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)


def _schema(columns: list[str], caller_types: dict[str, Any] | None):
    """Result columns have fixed types; the caller's keep their Parquet types, else strings.

    Rows from JSONL or CSV may hold one column in several types (1, "1", null), which
    Parquet cannot store; those columns are written as strings (non-strings as JSON).
    """
    import pyarrow as pa

    fixed = {"owed_total": pa.float64(), "workers": pa.int64(), "needs_review": pa.bool_()}
    fields = []
    for c in columns:
        if c in fixed:
            fields.append(pa.field(c, fixed[c]))
        elif c in FLAT_COLUMNS or not caller_types or c not in caller_types:
            fields.append(pa.field(c, pa.string()))
        else:
            fields.append(pa.field(c, caller_types[c]))
    return pa.schema(fields)


def input_types(path: Path) -> dict[str, Any] | None:
    """Column types of a Parquet input, kept in a Parquet output."""
    if path.suffix != ".parquet":
        return None
    import pyarrow.parquet as pq
    return {f.name: f.type for f in pq.read_schema(path)}


def open_writer(path: Path, position: dict | None, parquet_rows_per_part: int = 20000,
                caller_types: dict[str, Any] | None = None):
    if check_format(path) == ".parquet":
        return ParquetWriter(path, position, parquet_rows_per_part, caller_types)
    return TextWriter(path, position)
