"""The fine-tuned BERT served three ways, measured in one run on this machine.

    .venv/bin/python bench/bert_bench.py --model-dir service/models/bert --torch-dir runs/bert-ft \
        [--baseline-dir service/models/tfidf-baseline] [--texts corpora/gold/test.jsonl] [--limit N] \
        [--http-requests 100] [--out bench/results/bert_bench.md]

(a) the served path: `OnnxClassifier.score` (ONNX Runtime int8, `tokenizers`) at batch 1 and 32;
(b) the same fine-tuned model through plain transformers + torch fp32 (`TriageModel.load`,
    the HF fast tokenizer) at batch 1 and 32, batches formed the same way (sorted by length,
    padded to the longest) so that only the runtime differs;
(c) the TF-IDF baseline (`TfidfClassifier.score`) at batch 1 and 32.
Each path and batch size runs in its own subprocess, so each peak RSS (the process's
`ru_maxrss`, model load included; psutil samples the same process from outside as a check)
is its own. Texts are the gold test texts, normalised first (normalisation is not timed); a
few texts are scored first as a warm-up. Then single-request latency through the HTTP API: a
real `triage serve --dev` on loopback (SQLite store in a temp dir, as deployed) for the ONNX
model and the baseline, one ~200-character complaint, sequential requests, p50/p95 measured by
the client. Writes Markdown to --out (replacing it).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COMPLAINT = ("市民来电反映：其丈夫于2024年3月至8月在本市经开区锦绣花园二期工地做木工，"
             "由包工头李某某带班，施工单位为安徽华建建设工程有限公司。工程已于9月完工，"
             "但包工头以总包方未拨款为由，至今拖欠其工资共计38600元，班组另有12名工人也被拖欠，"
             "多次到工地项目部讨要无果，包工头现已不接电话。诉求：请相关部门尽快协调，"
             "督促施工单位和包工头支付拖欠的工资，临近年关，工人们都等着这笔钱回家过年。")


# ------------------------------------------------------------------ one path, one process
def _load_texts(path: str, limit: int | None) -> list[str]:
    from service.normalise import normalise

    rows = [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]
    texts = [normalise(r["text"]).text for r in rows]
    return texts[:limit] if limit else texts


def _scorer(kind: str, args) :
    if kind == "onnx":
        from service.classify import OnnxClassifier

        clf = OnnxClassifier(Path(args.model_dir))
        return lambda texts: clf.score(texts)
    if kind == "tfidf":
        from service.classify import TfidfClassifier

        clf = TfidfClassifier(Path(args.baseline_dir))
        return lambda texts: clf.score(texts)
    if kind == "torch":
        import torch
        from transformers import AutoTokenizer

        from training.model import TriageModel

        torch.set_num_threads(os.cpu_count() or 1)
        model = TriageModel.load(Path(args.torch_dir)).eval()
        tok = AutoTokenizer.from_pretrained(args.torch_dir)

        def score(texts: list[str]):
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            out = [None] * len(texts)
            with torch.inference_mode():
                enc = tok([texts[i] for i in order], padding=True, truncation=True, max_length=256,
                          return_tensors="pt")
                o = model(enc["input_ids"], enc["attention_mask"])
                res = (torch.sigmoid(o["types"]).numpy(), torch.softmax(o["primary"], -1).numpy(),
                       torch.softmax(o["intent"], -1).numpy(), torch.softmax(o["tags"], -1).argmax(-1).numpy())
            for row, i in enumerate(order):
                out[i] = (res[0][row], res[1][row], res[2][row], res[3][row])
            return out
        return score
    raise ValueError(kind)


def worker(args) -> None:
    t0 = time.perf_counter()
    texts = _load_texts(args.texts, args.limit)
    score = _scorer(args.worker, args)
    load_s = time.perf_counter() - t0
    score(texts[:4])                                          # warm-up
    b = args.batch
    # batches of similar length, as a server or a backlog run forms them
    order = sorted(texts, key=len) if b > 1 else texts
    t0 = time.perf_counter()
    n = 0
    for i in range(0, len(order), b):
        n += len(score(order[i:i + b]))
    elapsed = time.perf_counter() - t0
    print(json.dumps({"texts": n, "seconds": elapsed, "texts_per_s": n / elapsed, "load_s": load_s,
                      "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_path(kind: str, batch: int, args) -> dict:
    import psutil

    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--batch", str(batch),
           "--texts", args.texts, "--model-dir", str(args.model_dir or ""), "--torch-dir", str(args.torch_dir or ""),
           "--baseline-dir", str(args.baseline_dir)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    proc = psutil.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, proc.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    out, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"{kind} batch {batch} failed:\n{err[-3000:]}")
    res = json.loads(out.strip().splitlines()[-1])
    res["sampled_peak_mb"] = peak / 2**20
    return res


# ------------------------------------------------------------------ HTTP latency
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_latency(model_dir: Path, n: int) -> dict:
    import httpx
    import psutil

    with tempfile.TemporaryDirectory(prefix="bert-bench-") as tmp:
        tmp = Path(tmp)
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRIAGE_")}
        env.update({"TRIAGE_MODEL_DIR": str(model_dir), "TRIAGE_DATABASE_URL": f"sqlite:///{tmp / 'triage.db'}",
                    "TRIAGE_SPOOL_PATH": str(tmp / "spool.jsonl"), "TRIAGE_LOG_LEVEL": "WARNING"})
        log = open(tmp / "server.log", "wb")
        proc = psutil.Popen([sys.executable, "-m", "service.cli", "serve", "--dev", "--host", "127.0.0.1",
                             "--port", str(port)], cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while True:
                if proc.poll() is not None:
                    raise SystemExit(f"server exited:\n{(tmp / 'server.log').read_text()[-3000:]}")
                try:
                    if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("server not ready after 180 s")
                time.sleep(0.2)
            lat = []
            with httpx.Client(base_url=url, timeout=60) as c:
                for i in range(10 + n):
                    t0 = time.perf_counter()
                    r = c.post("/v1/triage", json={"text": COMPLAINT, "id": f"b{i}"})
                    dt = (time.perf_counter() - t0) * 1000
                    r.raise_for_status()
                    if i >= 10:
                        lat.append(dt)
                body = r.json()
            rss = proc.memory_info().rss / 2**20
        finally:
            if proc.is_running():
                proc.terminate()
            try:
                proc.wait(30)
            except psutil.TimeoutExpired:
                proc.kill()
            log.close()
    lat.sort()
    q = statistics.quantiles(lat, n=100)
    return {"requests": len(lat), "p50": statistics.median(lat), "p95": q[94], "max": lat[-1],
            "server_rss_mb": rss, "model": body["model"]["name"], "primary": body["primary"],
            "sources": {k: (body["entities"].get(k) or {}).get("source") for k in
                        ("employer", "contractor", "project", "location", "period")}}


# ------------------------------------------------------------------ report
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", help="exported ONNX model folder (training.export --out)")
    ap.add_argument("--torch-dir", help="the fine-tuned TriageModel folder it was exported from")
    ap.add_argument("--baseline-dir", default=str(ROOT / "service/models/tfidf-baseline"))
    ap.add_argument("--texts", default=str(ROOT / "corpora/gold/test.jsonl"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts")
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 32])
    ap.add_argument("--http-requests", type=int, default=100)
    ap.add_argument("--out", default=str(ROOT / "bench/results/bert_bench.md"))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--batch", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    if not args.model_dir or not args.torch_dir:
        ap.error("--model-dir and --torch-dir are required")

    started = time.strftime("%Y-%m-%d %H:%M")
    load_before = os.getloadavg()[0]
    paths = [("onnx", "ONNX Runtime int8 (`OnnxClassifier`, served)"),
             ("torch", "transformers + torch fp32 (`TriageModel.load`)"),
             ("tfidf", "TF-IDF baseline (`TfidfClassifier`)")]
    rows = []
    for kind, label in paths:
        for b in args.batches:
            r = run_path(kind, b, args)
            print(f"{kind} batch {b}: {r['texts_per_s']:.1f} texts/s, peak {r['ru_maxrss_mb']:.0f} MB", file=sys.stderr)
            rows.append((label, b, r))
    http = []
    for label, d in (("ONNX int8", args.model_dir), ("TF-IDF baseline", args.baseline_dir)):
        h = http_latency(Path(d).resolve(), args.http_requests)   # the server runs in a temp dir
        print(f"http {label}: p50 {h['p50']:.1f} ms p95 {h['p95']:.1f} ms", file=sys.stderr)
        http.append((label, h))
    load_after = os.getloadavg()[0]

    meta = json.loads((Path(args.model_dir) / "model.json").read_text(encoding="utf-8"))
    onnx_mb = (Path(args.model_dir) / meta["file"]).stat().st_size / 1e6
    torch_mb = sum(p.stat().st_size for p in Path(args.torch_dir).glob("model*.safetensors")) / 1e6
    try:
        import onnxruntime, torch as _t  # noqa: F401 - versions only
        versions = f"onnxruntime {onnxruntime.__version__}, torch {_t.__version__}"
    except ImportError:
        versions = ""
    n_texts = rows[0][2]["texts"]
    lines = [
        "# Fine-tuned BERT: ONNX Runtime int8 vs transformers + torch fp32 vs TF-IDF baseline",
        "",
        f"Run {started} on {platform.machine()}, {os.cpu_count()} cores (shared with whatever else ran: 1-minute "
        f"load average {load_before:.2f} before, {load_after:.2f} after), Python {platform.python_version()}, {versions}. "
        f"Reproduce: `.venv/bin/python bench/bert_bench.py --model-dir {args.model_dir} --torch-dir {args.torch_dir}`.",
        "",
        f"Model: `{meta['name']}` version {meta['version']} ({meta.get('encoder', {}).get('num_hidden_layers')} layers, "
        f"hidden {meta.get('encoder', {}).get('hidden_size')}); ONNX int8 file {onnx_mb:.1f} MB "
        f"(quantisation `{meta.get('quantization', {}).get('variant')}`), fp32 safetensors {torch_mb:.1f} MB; "
        f"max_length {meta.get('max_length')}.",
        "",
        f"## Scoring throughput ({n_texts} gold test texts, normalised; one subprocess per row)",
        "",
        "Batch 1 scores the texts one at a time in file order; batch 32 sorts them by length and scores "
        "32 at a time, each batch padded to its longest text (both BERT paths the same way). Peak RSS is the "
        "process's maximum resident set (interpreter, libraries, model and the run).",
        "",
        "| path | batch | texts/s | ms/text | peak RSS MB | load s |",
        "|---|---|---|---|---|---|",
    ]
    for label, b, r in rows:
        lines.append(f"| {label} | {b} | {r['texts_per_s']:.1f} | {1000 / r['texts_per_s']:.2f} | "
                     f"{max(r['ru_maxrss_mb'], r['sampled_peak_mb']):.0f} | {r['load_s']:.1f} |")
    lines += [
        "",
        f"## Single-request latency through the HTTP API ({args.http_requests} sequential requests after 10 warm-up)",
        "",
        f"`triage serve --dev` on 127.0.0.1 with the model in `TRIAGE_MODEL_DIR`, SQLite store in a temp dir "
        f"(every item written with its audit row); one {len(COMPLAINT)}-character complaint (`COMPLAINT` in the "
        "script), client-side milliseconds; full pipeline (normalise, classify, extract, flags, route, store).",
        "",
        "| model | p50 ms | p95 ms | max ms | server RSS MB after | answer |",
        "|---|---|---|---|---|---|",
    ]
    for label, h in http:
        srcs = ", ".join(f"{k}: {v}" for k, v in h["sources"].items() if v)
        lines.append(f"| {label} (`{h['model']}`) | {h['p50']:.1f} | {h['p95']:.1f} | {h['max']:.1f} | "
                     f"{h['server_rss_mb']:.0f} | primary {h['primary']}; spans {srcs or 'none'} |")
    lines.append("")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
