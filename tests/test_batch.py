"""Batch runs over files: formats, order, extra columns, bad rows, kill-and-resume,
process workers, the Ray engine, idempotent storing, and the diff report."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from service.batch import BatchOptions, checkpoint_path, run_batch
from service.batch.formats import read_rows

TEXTS = [
    "我们在锦绣华庭工地干了三个月，包工头刘某拖欠工资共计12万元，至今不给",
    "楼上邻居每天晚上装修到十一点，噪音太大，影响休息",
    "请问退休人员养老金今年什么时候调整？",
    "公司每天让我们上班12个小时，周末也不休息，没有加班费",
    "我怀孕了公司就把我辞退了，还不给经济补偿",
    "想咨询一下失业金怎么申领，需要什么材料",
    "老板跑路了，欠我们二十多个人两个月工资",
    "网购的衣服商家拒绝退款，客服也联系不上",
]


def make_rows(n):
    return [{"id": f"r{i:05d}", "text": TEXTS[i % len(TEXTS)] + ("" if i % 3 else f"（{i}号）"),
             "district": ["福田", "南山", "宝安"][i % 3], "seq": i} for i in range(n)]


def write_input(path: Path, rows):
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    elif path.suffix == ".csv":
        import csv
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    else:
        pq.write_table(pa.Table.from_pylist(rows), path)


def triage_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "service.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=kw.get("timeout", 300))


@pytest.mark.parametrize("fmt", [".jsonl", ".csv", ".parquet"])
def test_each_format_keeps_order_and_extra_columns(tmp_path, fmt):
    rows = make_rows(150)
    src, dst = tmp_path / f"in{fmt}", tmp_path / f"out{fmt}"
    write_input(src, rows)
    summary = run_batch(src, dst, BatchOptions(chunk_size=16, progress=False))
    assert (summary.done, summary.failed) == (150, 0)
    out = list(read_rows(dst))
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    assert all(str(o["district"]) == r["district"] for o, r in zip(out, rows))
    first = out[0]["result"] if fmt == ".jsonl" else json.loads(out[0]["result_json"])
    assert first["primary"] == "wage_arrears" and first["route"]["lead"]["code"] == "housing_construction"
    if fmt == ".parquet":   # the caller's typed columns keep their Parquet types
        assert pq.read_schema(dst).field("seq").type == pa.int64()
    assert not checkpoint_path(dst).exists()


def test_bad_rows_get_an_error_and_the_run_goes_on(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    good = json.dumps({"id": "ok1", "text": TEXTS[0]}, ensure_ascii=False).encode()
    lines = [good,
             b'{"id": "broken", "text": ',                              # malformed JSON
             b'{"id": "latin", "text": "\xff\xfe\xe5\xb7"}',            # not UTF-8
             json.dumps({"id": "empty", "text": "   "}).encode(),
             json.dumps({"id": "number", "text": 42}).encode(),
             json.dumps({"id": "missing"}).encode(),
             b'["a", "list"]',
             json.dumps({"id": "long", "text": "欠" * 30000}).encode(),
             json.dumps({"id": "ok2", "text": "老板拖欠工资😡 boss ran away"}, ensure_ascii=False).encode()]
    src.write_bytes(b"\n".join(lines) + b"\n")
    summary = run_batch(src, dst, BatchOptions(progress=False))
    out = [json.loads(l) for l in dst.read_text(encoding="utf-8").splitlines()]
    assert len(out) == len(lines)
    assert [("result" in r, "error" in r) for r in out] == [(True, False)] + [(False, True)] * 7 + [(True, False)]
    assert "JSONDecodeError" in out[1]["error"] and "UnicodeDecodeError" in out[2]["error"]
    assert out[3]["id"] == "empty" and "empty" in out[3]["error"]
    assert "must be a string" in out[4]["error"] and "must be a string" in out[5]["error"]
    assert "limit" in out[7]["error"]
    assert summary.done == 2 and summary.failed == 7 and sum(summary.reasons.values()) == 7


@pytest.mark.parametrize("fmt", [".jsonl", ".parquet"])
def test_kill_minus_nine_then_resume_equals_an_uninterrupted_run(tmp_path, fmt):
    rows = make_rows(4000)
    src = tmp_path / f"in{fmt}"
    write_input(src, rows)
    ref, out = tmp_path / f"ref{fmt}", tmp_path / f"out{fmt}"
    assert triage_cli("batch", src, ref, "--quiet").returncode == 0

    args = ["batch", src, out, "--quiet", "--chunk-size", "16", "--checkpoint-rows", "300"]
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", *map(str, args)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ckpt = checkpoint_path(out)
    deadline = time.time() + 120
    while time.time() < deadline:     # kill once a checkpoint exists and more has been written since
        if ckpt.exists() and json.loads(ckpt.read_text())["rows"] >= 900:
            break
        time.sleep(0.05)
    time.sleep(0.3)
    assert proc.poll() is None, "the run finished before it could be killed; make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = json.loads(ckpt.read_text())["rows"]
    assert 0 < killed_at < len(rows)

    res = triage_cli("batch", src, out, "--quiet", "--resume", "--chunk-size", "16")
    assert res.returncode == 0, res.stderr
    got, want = list(read_rows(out)), list(read_rows(ref))
    assert len(got) == len(want) == len(rows)
    assert [r["id"] for r in got] == [r["id"] for r in rows]       # none lost, none twice
    key = "result" if fmt == ".jsonl" else "result_json"
    assert [r[key] for r in got] == [r[key] for r in want]
    assert json.loads(res.stderr.strip().splitlines()[-1])["done"] == len(rows)


def test_worker_processes_give_the_same_output(tmp_path):
    rows = make_rows(300)
    src = tmp_path / "in.jsonl"
    write_input(src, rows)
    run_batch(src, tmp_path / "one.jsonl", BatchOptions(chunk_size=16, progress=False))
    run_batch(src, tmp_path / "two.jsonl", BatchOptions(chunk_size=16, workers=2, progress=False))
    assert (tmp_path / "one.jsonl").read_text(encoding="utf-8") == (tmp_path / "two.jsonl").read_text(encoding="utf-8")


def test_ray_engine_on_a_local_instance(tmp_path):
    pytest.importorskip("ray")
    rows = make_rows(120)
    src = tmp_path / "in.jsonl"
    write_input(src, rows)
    run_batch(src, tmp_path / "local.jsonl", BatchOptions(chunk_size=16, progress=False))
    res = triage_cli("batch", src, tmp_path / "ray.jsonl", "--engine", "ray", "--workers", "2",
                     "--chunk-size", "16", "--quiet", timeout=400)
    assert res.returncode == 0, res.stderr[-3000:]
    assert (tmp_path / "ray.jsonl").read_text(encoding="utf-8") == (tmp_path / "local.jsonl").read_text(encoding="utf-8")


def test_store_with_a_run_id_is_idempotent(tmp_path):
    from service.store import Store

    rows = make_rows(40)
    src = tmp_path / "in.jsonl"
    write_input(src, rows)
    db = f"sqlite:///{tmp_path / 'runs.db'}"
    for _ in range(2):
        run_batch(src, tmp_path / "out.jsonl", BatchOptions(store_url=db, run_id="backlog-2024", progress=False))
    store = Store(db)
    assert store.count(run_id="backlog-2024") == 40
    recs = store.records(run_id="backlog-2024")
    assert sorted(r.row_index for r in recs) == list(range(40))
    assert {r.labels_version for r in recs} == {"taxonomy-v1+routing-v1"} and recs[0].model_version


def test_diff_reports_known_changes(tmp_path):
    rows = make_rows(60)
    src = tmp_path / "in.jsonl"
    write_input(src, rows)
    old = tmp_path / "old.jsonl"
    run_batch(src, old, BatchOptions(progress=False))
    changed = []
    with open(tmp_path / "new.jsonl", "w", encoding="utf-8") as fh:
        for n, line in enumerate(old.read_text(encoding="utf-8").splitlines()):
            r = json.loads(line)
            if n in (3, 18, 40):           # pretend a new model moved three labour items to `other`
                r["result"]["primary"] = "other"
                r["result"]["route"]["lead"]["code"] = "general_dispatch"
                changed.append(r["id"])
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    res = triage_cli("diff", old, tmp_path / "new.jsonl", "--out", tmp_path / "report")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["items"] == 60 and summary["changed_any"] == 3
    assert summary["changed"]["primary"] == 3 and summary["changed"]["lead"] == 3 and summary["changed"]["priority"] <= 3
    md = (tmp_path / "report" / "diff.md").read_text(encoding="utf-8")
    assert "| primary | 3 | 5.0% |" in md
    csv_ids = [l.split(",")[0] for l in (tmp_path / "report" / "changed.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert csv_ids == changed
    assert (tmp_path / "report" / "diff.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_diff_of_two_stored_runs(tmp_path):
    rows = make_rows(20)
    src = tmp_path / "in.jsonl"
    write_input(src, rows)
    db = f"sqlite:///{tmp_path / 'runs.db'}"
    run_batch(src, tmp_path / "a.jsonl", BatchOptions(store_url=db, run_id="a", progress=False))
    run_batch(src, tmp_path / "b.jsonl", BatchOptions(store_url=db, run_id="b", progress=False))
    res = triage_cli("diff", "run:a", "run:b", "--db", db, "--out", tmp_path / "rep")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["items"] == 20 and json.loads(res.stdout)["changed_any"] == 0
