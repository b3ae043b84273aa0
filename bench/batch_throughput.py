"""Backlog throughput: `triage batch` from a Parquet file to Parquet, end to end.

    .venv/bin/python bench/batch_throughput.py --rows 10000 100000 --workers 1 2

Builds input files of realistic complaint texts (the gold dev texts, each varied by
a suffix so no two rows are identical), runs the CLI as a subprocess and samples the
resident memory of its whole process tree every 50 ms. Writes a Markdown table to
bench/results/batch_throughput.md (appending a dated section).
"""
from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]


def make_input(path: Path, n: int) -> None:
    texts = [json.loads(l)["text"] for l in (ROOT / "corpora/gold/dev.jsonl").read_text(encoding="utf-8").splitlines()]
    writer = None
    for start in range(0, n, 10000):
        ids = list(range(start, min(n, start + 10000)))
        table = pa.Table.from_pydict({"id": [f"w{i:07d}" for i in ids],
                                      "text": [f"{texts[i % len(texts)]}（工单{i}）" for i in ids],
                                      "received": [f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in ids]})
        writer = writer or pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
    writer.close()


def run(src: Path, dst: Path, workers: int, chunk: int) -> dict:
    cmd = [sys.executable, "-m", "service.cli", "batch", str(src), str(dst), "--quiet",
           "--workers", str(workers), "--chunk-size", str(chunk)]
    t0 = time.time()
    proc = psutil.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, samples = 0, []
    while proc.poll() is None:
        try:
            procs = [proc] + proc.children(recursive=True)
            rss = sum(p.memory_info().rss for p in procs if p.is_running())
        except psutil.Error:
            continue
        peak = max(peak, rss)
        samples.append(rss)
        time.sleep(0.05)
    elapsed = time.time() - t0
    err = proc.stderr.read().decode()
    if proc.returncode:
        raise SystemExit(f"batch failed: {err[-2000:]}")
    summary = json.loads(err.strip().splitlines()[-1])
    rows = summary["done"] + summary["failed"]
    half = samples[len(samples) // 2:] or [0]
    return {"rows": rows, "failed": summary["failed"], "seconds": elapsed, "rate": rows / elapsed,
            "peak_mb": peak / 2**20, "median_late_mb": sorted(half)[len(half) // 2] / 2**20}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--chunk-size", type=int, default=64)
    ap.add_argument("--tmp", default="/tmp/triage-bench")
    ap.add_argument("--out", default=str(ROOT / "bench/results/batch_throughput.md"))
    args = ap.parse_args()
    tmp = Path(args.tmp)
    tmp.mkdir(parents=True, exist_ok=True)
    model = json.loads((ROOT / "service/models/tfidf-baseline/model.json").read_text())
    from service.classify import load_span_tagger
    tagger = load_span_tagger()
    tagger = f"span tagger {tagger.name} {tagger.version}" if tagger else "no span tagger"
    lines = [f"\n## {time.strftime('%Y-%m-%d %H:%M')} · {platform.machine()} · {psutil.cpu_count()} cores · "
             f"model {model['name']} {model['version']} · {tagger} · chunk {args.chunk_size}\n",
             "| rows | workers | seconds | texts/s | peak RSS (MB, all processes) | median RSS 2nd half (MB) |",
             "|---|---|---|---|---|---|"]
    for n in args.rows:
        src = tmp / f"in-{n}.parquet"
        if not src.exists():
            make_input(src, n)
        for w in args.workers:
            r = run(src, tmp / f"out-{n}-{w}.parquet", w, args.chunk_size)
            line = f"| {n} | {w} | {r['seconds']:.1f} | {r['rate']:.0f} | {r['peak_mb']:.0f} | {r['median_late_mb']:.0f} |"
            print(line, flush=True)
            lines.append(line)
    with open(args.out, "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
