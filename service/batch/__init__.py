"""Batch triage of files: the backlog job analysts run when a model or the taxonomy changes.

    run_batch(Path("in.parquet"), Path("out.parquet"), BatchOptions(workers=2, resume=True))

Rows stream through in chunks, so memory stays flat whatever the input size. Output
keeps input order, carries the caller's columns, and holds one row per input row: the
result, or an `error` when the row could not be triaged. Progress is checkpointed
next to the output (OUT.checkpoint.json) after every `checkpoint_rows` rows; with
`resume` a killed run continues from there, no row lost or written twice.
Engines: "local" (this process, or `workers` processes) and "ray" (Ray Data tasks,
the model loaded once per worker process; see README "Running on a cluster").
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterator

from service.batch.formats import check_format, count_rows, input_types, open_writer, read_rows
from service.pipeline import InvalidInput, Item, Pipeline

log = logging.getLogger("triage.batch")


@dataclass
class BatchOptions:
    chunk_size: int = 64                 # texts per model call
    workers: int = 1                     # processes (local) or Ray tasks in flight (ray)
    engine: str = "local"                # "local" or "ray"
    resume: bool = False
    checkpoint_rows: int = 5000
    model_dir: str | None = None
    routing: str | None = None
    max_text_chars: int = 20000
    store_url: str | None = None         # write results to this database as well
    run_id: str | None = None
    ray_address: str | None = None       # None: start a local Ray instance
    progress: bool = True


@dataclass
class BatchSummary:
    done: int = 0
    failed: int = 0
    reasons: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            if row.get("error"):
                self.failed += 1
                self.reasons[row["error"].split(":")[0]] += 1
            else:
                self.done += 1

    def as_dict(self) -> dict[str, Any]:
        return {"done": self.done, "failed": self.failed, "reasons": dict(self.reasons),
                "seconds": round(self.seconds, 2)}


# ------------------------------------------------------------------ triage of one chunk

def triage_chunk(pipeline: Pipeline, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Caller's rows -> output rows (caller's columns + `result` or `error`), same order."""
    out: list[dict[str, Any]] = []
    good: list[tuple[int, Item]] = []
    for i, row in enumerate(rows):
        if "_error" in row:
            out.append({"error": row["_error"]})
            continue
        item = Item(row.get("text"), None if row.get("id") is None else str(row["id"]))
        try:
            pipeline.check(item)
        except InvalidInput as exc:
            out.append({**row, "error": str(exc)})
            continue
        good.append((i, item))
        out.append(dict(row))
    if good:
        try:
            results = pipeline.triage_many([it for _, it in good])
        except Exception as exc:  # noqa: BLE001 - one failing chunk is retried row by row below
            log.warning("chunk failed (%s); retrying its rows one by one", exc)
            results = []
            for i, item in good:
                try:
                    results.append(pipeline.triage_many([item])[0])
                except Exception as row_exc:  # noqa: BLE001
                    out[i] = {**out[i], "error": f"pipeline error: {type(row_exc).__name__}: {row_exc}"}
                    results.append(None)
        for (i, _), res in zip(good, results):
            if res is not None:
                out[i]["result"] = res.model_dump(mode="json")
    return out


_WORKER_PIPELINE: Pipeline | None = None


def _worker_pipeline(model_dir: str | None, routing: str | None, max_chars: int) -> Pipeline:
    """The pipeline of this worker process, loaded once and reused for every chunk."""
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        from service.classify import load_classifier
        from service.labels import load_labels

        _WORKER_PIPELINE = Pipeline(load_labels(routing_path=routing), load_classifier(model_dir),
                                    max_text_chars=max_chars)
    return _WORKER_PIPELINE


def _share_cores(threads: int) -> None:
    """Pool worker start-up: ONNX threads per worker, unless TRIAGE_ONNX_THREADS already says."""
    from service.classify import ONNX_THREADS_ENV

    os.environ.setdefault(ONNX_THREADS_ENV, str(threads))


def _pool_task(args: tuple) -> list[dict[str, Any]]:
    model_dir, routing, max_chars, rows = args
    return triage_chunk(_worker_pipeline(model_dir, routing, max_chars), rows)


# ------------------------------------------------------------------ engines

def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def _local_engine(opts: BatchOptions, rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    if opts.workers <= 1:
        pipeline = _worker_pipeline(opts.model_dir, opts.routing, opts.max_text_chars)
        for chunk in _chunks(rows, opts.chunk_size):
            yield triage_chunk(pipeline, chunk)
        return
    import multiprocessing as mp

    # Each worker runs ONNX models (the span tagger, a BERT classifier): share the cores among them
    # rather than give every worker a thread per core; set in the workers, not in this process.
    threads = max(1, (os.cpu_count() or 1) // opts.workers)
    # Bounded in flight (Pool.imap would read the whole input ahead), results in order.
    with mp.get_context("spawn").Pool(opts.workers, initializer=_share_cores, initargs=(threads,)) as pool:
        pending: deque = deque()
        for chunk in _chunks(rows, opts.chunk_size):
            pending.append(pool.apply_async(_pool_task, ((opts.model_dir, opts.routing, opts.max_text_chars, chunk),)))
            if len(pending) >= 2 * opts.workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _ray_engine(opts: BatchOptions, rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    import ray

    if not ray.is_initialized():
        ray.init(address=opts.ray_address, num_cpus=None if opts.ray_address else opts.workers,
                 include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    model_dir, routing, max_chars = opts.model_dir, opts.routing, opts.max_text_chars

    def triage_batch(batch: dict[str, Any]) -> dict[str, Any]:
        # Runs in Ray worker processes, which are reused: the model loads once per worker.
        rows_in = [json.loads(s) for s in batch["row"]]
        out = triage_chunk(_worker_pipeline(model_dir, routing, max_chars), rows_in)
        return {"i": batch["i"], "out": [json.dumps(r, ensure_ascii=False, default=str) for r in out]}

    # The driver reads the file (robust to bad rows, resumable by row count) and hands
    # windows of rows to Ray Data; results come back in order.
    window = max(opts.chunk_size * opts.workers * 8, opts.checkpoint_rows)
    for start, chunk in enumerate(_chunks(rows, window)):
        items = [{"i": start * window + k, "row": json.dumps(r, ensure_ascii=False, default=str)} for k, r in enumerate(chunk)]
        ds = ray.data.from_items(items).map_batches(triage_batch, batch_size=opts.chunk_size, batch_format="numpy")
        buffer: list[dict[str, Any]] = []
        for rec in ds.iter_rows():
            buffer.append(json.loads(rec["out"]))
            if len(buffer) >= opts.chunk_size:
                yield buffer
                buffer = []
        if buffer:
            yield buffer


ENGINES: dict[str, Callable] = {"local": _local_engine, "ray": _ray_engine}


# ------------------------------------------------------------------ progress

class Progress:
    """A tqdm bar on a terminal; plain log lines every few seconds otherwise."""

    def __init__(self, total: int | None, initial: int, enabled: bool):
        self.bar = None
        self.total, self.count, self.t0, self.last = total, initial, time.time(), 0.0
        self.start_count = initial
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm
            self.bar = tqdm(total=total, initial=initial, unit="rows", smoothing=0.1)
        self.enabled = enabled

    def update(self, n: int) -> None:
        self.count += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.enabled and time.time() - self.last > 5:
            self.last = time.time()
            rate = (self.count - self.start_count) / max(time.time() - self.t0, 1e-9)
            eta = f", eta {((self.total - self.count) / rate):.0f}s" if self.total and rate else ""
            log.info("batch: %d/%s rows, %.1f rows/s%s", self.count, self.total or "?", rate, eta)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ------------------------------------------------------------------ the job

def checkpoint_path(dst: Path) -> Path:
    return dst.with_name(dst.name + ".checkpoint.json")


def _fingerprint(src: Path) -> dict[str, Any]:
    st = src.stat()
    return {"src": str(src.resolve()), "size": st.st_size, "mtime": int(st.st_mtime)}


def _save_checkpoint(path: Path, state: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def run_batch(src: Path, dst: Path, opts: BatchOptions | None = None) -> BatchSummary:
    opts = opts or BatchOptions()
    src, dst = Path(src), Path(dst)
    check_format(src), check_format(dst)
    if opts.engine not in ENGINES:
        raise ValueError(f"unknown engine {opts.engine!r}; use one of {sorted(ENGINES)}")
    ckpt_path = checkpoint_path(dst)
    state: dict[str, Any] | None = None
    if opts.resume and ckpt_path.is_file():
        state = json.loads(ckpt_path.read_text(encoding="utf-8"))
        if state["input"] != _fingerprint(src):
            raise ValueError(f"{ckpt_path}: written for another input ({state['input']['src']}); "
                             "run without --resume to start over")
        log.info("resuming after %d rows", state["rows"])
    elif opts.resume:
        log.info("nothing to resume at %s; starting from the beginning", ckpt_path)

    summary = BatchSummary(state["summary"]["done"], state["summary"]["failed"],
                           Counter(state["summary"]["reasons"])) if state else BatchSummary()
    rows_done = state["rows"] if state else 0
    run_id = opts.run_id or (state or {}).get("run_id") or f"run-{time.strftime('%Y%m%d-%H%M%S')}"
    writer = open_writer(dst, state["writer"] if state else None, parquet_rows_per_part=10**12,
                         caller_types=input_types(src))
    store = None
    if opts.store_url:
        from service.store import Store
        store = Store(opts.store_url)

    rows = islice(read_rows(src), rows_done, None)
    progress = Progress(count_rows(src) if opts.progress else None, rows_done, opts.progress)
    t0, since_checkpoint = time.time(), 0
    try:
        for out_rows in ENGINES[opts.engine](opts, rows):
            writer.write(out_rows)
            if store is not None:
                _store_rows(store, out_rows, rows_done, run_id)
            summary.add(out_rows)
            rows_done += len(out_rows)
            since_checkpoint += len(out_rows)
            progress.update(len(out_rows))
            if since_checkpoint >= opts.checkpoint_rows:
                _save_checkpoint(ckpt_path, {"input": _fingerprint(src), "rows": rows_done, "run_id": run_id,
                                             "writer": writer.position(), "summary": summary.as_dict()})
                since_checkpoint = 0
        writer.close()
    finally:
        progress.close()
    summary.seconds = time.time() - t0
    ckpt_path.unlink(missing_ok=True)
    log.info("batch finished: %s", summary.as_dict())
    return summary


def _store_rows(store, out_rows: list[dict[str, Any]], first_index: int, run_id: str) -> None:
    from service.schemas import TriageResult

    idx = [first_index + k for k, r in enumerate(out_rows) if "result" in r]
    items = [Item(r.get("text"), r["result"].get("id")) for r in out_rows if "result" in r]
    results = [TriageResult.model_validate(r["result"]) for r in out_rows if "result" in r]
    if items:
        store.save(items, results, run_id=run_id, row_indices=idx)
