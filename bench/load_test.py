"""Load test of the HTTP API: the sustained rate at which p99 stays under 200 ms with no errors,
and what callers get at twice that rate (429s or slower answers; never 5xx or dropped connections).

    .venv/bin/pip install -e '.[bench]'          # locust
    .venv/bin/python bench/load_test.py           # ~4 min; writes bench/results/load_test.md

It starts `triage serve` on 127.0.0.1 (the shipped model, a temp SQLite database, storing every
item, default limits) with one API key without a rate limit, so what is measured is the server's own
capacity and overload behaviour rather than the per-key limit. Locust (FastHttpUser, in this
process, gevent) runs open-ended fixed-rate steps: each simulated user sends one POST /v1/triage
per second, so N users offer N requests/s for as long as answers come within a second. Each step is
bounded in time and in requests; the first seconds of a step are warm-up and not counted.
Loopback only: nothing leaves the machine.
"""
from __future__ import annotations

from gevent import monkey

monkey.patch_all()   # locust needs this before anything else imports sockets or ssl

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from locust import events, task  # noqa: E402
from locust.contrib.fasthttp import FastHttpUser  # noqa: E402
from locust.env import Environment  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "load_test.md"

# Realistic work orders of varied length (a few with personal numbers, as real ones have).
TEXTS = [
    "我们是某某建筑工程有限公司承建的城南安置房项目的农民工，共43人，包工头拖欠我们2023年10月至今的工资共计83万余元，多次讨要无果，请求劳动监察部门帮助追讨。",
    "公司从去年开始就没有给我们缴纳社会保险，入职的时候说好了五险一金，现在一直拖着，人事说等公司效益好了再说。",
    "本人在某物流公司做分拣员，每天工作12个小时，一个月只休息两天，加班没有加班费，请问这样合法吗？",
    "反映某电子厂7月份高温天气未发放高温津贴，车间温度超过35度，工人中暑了也不给处理。联系电话13812345678。",
    "我在工地上干活的时候从脚手架上摔下来，腿骨折了，老板不给报工伤，只给了两千块钱就不管了。",
    "公司要求我们签订空白劳动合同，不签就不让上班，已经工作三个月了还没有拿到合同。",
    "楼上邻居半夜装修噪音太大，严重影响休息，希望有关部门处理。",
    "某餐饮店拖欠我两个月工资8600元，老板电话不接，人也找不到了，店已经关门。",
    "我们小区门口的路灯坏了一个多月了，晚上很黑，老人小孩出行很不安全。",
    "某服装厂以经营困难为由单方面解除劳动合同，没有支付经济补偿金，涉及员工二十多人，大家情绪很激动，说要去市政府门口拉横幅。",
    "本人于2024年3月入职某科技公司，试用期六个月，试用期工资只有正式工资的一半，且公司无故延长试用期。",
    "拖欠工资",
]


@dataclass
class StepResult:
    target_rps: int
    seconds: float
    sent: int
    achieved_rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    codes: Counter = field(default_factory=Counter)     # status code or exception name -> count

    @property
    def errors(self) -> int:
        return sum(n for code, n in self.codes.items() if code != 200)

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.codes.items() if not isinstance(code, int) or code >= 500)

    def ok(self, p99_limit_ms: float) -> bool:
        return self.errors == 0 and self.p99_ms < p99_limit_ms and self.achieved_rps >= 0.95 * self.target_rps


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp: Path, log_level: str = "WARNING") -> tuple[subprocess.Popen, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIAGE_") or k == "TRIAGE_MODEL_DIR"}
    env.update(TRIAGE_DATABASE_URL=f"sqlite:///{tmp / 'load.db'}", TRIAGE_SPOOL_PATH=str(tmp / "spool.jsonl"),
               TRIAGE_LOG_LEVEL=log_level)     # WARNING: per-request log lines would cost CPU we are measuring
    cli = [sys.executable, "-m", "service.cli"]
    key = json.loads(subprocess.run([*cli, "keys", "create", "--name", "load-test", "--scope", "triage",
                                     "--rate-per-minute", "0"], env=env, cwd=tmp, check=True,
                                    capture_output=True, text=True).stdout)["key"]
    port = free_port()
    proc = subprocess.Popen([*cli, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=tmp,
                            stdout=open(tmp / "server.log", "wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    import urllib.request
    for _ in range(600):
        try:
            if urllib.request.urlopen(url + "/readyz", timeout=2).status == 200:
                return proc, url, key
        except OSError:
            time.sleep(0.2)
        if proc.poll() is not None:
            break
    raise RuntimeError("server did not start:\n" + (tmp / "server.log").read_text()[-3000:])


def run_step(url: str, key: str, rps: int, seconds: float, warmup: float, max_requests: int) -> StepResult:
    samples: list[tuple[float, object]] = []       # (latency ms, status code or exception name)
    counting = {"on": False}

    class Caller(FastHttpUser):
        host = url
        connection_timeout = 10.0
        network_timeout = 35.0                      # longer than the server's request timeout
        def on_start(self) -> None:
            # Each user keeps its own random phase within the second, as independent callers would.
            # (locust's constant_throughput lines all users up on one phase: one burst a second.)
            self.next_at = time.monotonic() + random.random()
            gevent.sleep(self.next_at - time.monotonic())

        def wait_time(self) -> float:
            self.next_at += 1.0                     # one request per user per second
            return max(0.0, self.next_at - time.monotonic())

        @task
        def triage(self) -> None:
            body = {"text": random.choice(TEXTS), "id": f"load-{random.getrandbits(32)}"}
            with self.client.post("/v1/triage", json=body, headers={"Authorization": f"Bearer {key}"},
                                  catch_response=True) as r:
                r.success()                         # classify ourselves below

    def on_request(request_type, name, response_time, response_length, exception=None, response=None, **kw):
        if not counting["on"] or len(samples) >= max_requests:
            return
        code = type(exception).__name__ if exception is not None and not getattr(response, "status_code", 0) \
            else response.status_code
        samples.append((response_time, code))

    env = Environment(user_classes=[Caller], events=events)
    listener = events.request.add_listener(on_request)
    runner = env.create_local_runner()
    runner.start(rps, spawn_rate=min(rps, 100))    # within the warm-up; each user then keeps its own phase
    gevent.sleep(warmup)
    counting["on"] = True
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds and len(samples) < max_requests:
        gevent.sleep(0.2)
    counting["on"] = False
    elapsed = time.monotonic() - t0
    runner.quit()
    events.request.remove_listener(listener)
    lat = sorted(ms for ms, _ in samples) or [0.0]

    def pct(p: float) -> float:
        return round(lat[min(len(lat) - 1, int(p * len(lat)))], 1)

    return StepResult(rps, round(elapsed, 1), len(samples), round(len(samples) / elapsed, 1), pct(0.50), pct(0.95),
                      pct(0.99), round(lat[-1], 1), Counter(code for _, code in samples))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rates", type=int, nargs="+", default=[10, 15, 20, 22, 24, 26, 28, 30, 35, 40, 50, 60],
                    help="offered request rates to try, in order; stops after the first that fails")
    ap.add_argument("--seconds", type=float, default=15, help="measured seconds per step")
    ap.add_argument("--warmup", type=float, default=3, help="seconds per step not counted")
    ap.add_argument("--max-requests", type=int, default=5000, help="requests counted per step at most")
    ap.add_argument("--p99-ms", type=float, default=200)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--far-factor", type=int, default=4,
                    help="also offer this multiple of the sustained rate, to see load shedding (0: skip)")
    ap.add_argument("--server-log-level", default="WARNING", help="INFO logs every request (server-side ms)")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory (database, server log)")
    args = ap.parse_args()

    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="triage-load-"))
    proc, url, key = start_server(tmp, args.server_log_level)
    print(f"server {url}, files in {tmp}", flush=True)
    steps: list[StepResult] = []
    try:
        sustained = None
        for rps in args.rates:
            step = run_step(url, key, rps, args.seconds, args.warmup, args.max_requests)
            steps.append(step)
            print(_row(step, args.p99_ms), flush=True)
            if not step.ok(args.p99_ms):
                break
            sustained = step
            gevent.sleep(2)                          # let the queue drain between steps
        overload = far = None
        if sustained is not None:
            gevent.sleep(3)
            overload = run_step(url, key, 2 * sustained.target_rps, args.seconds, args.warmup, args.max_requests)
            print("overload:", _row(overload, args.p99_ms), flush=True)
            if args.far_factor:
                gevent.sleep(3)
                far = run_step(url, key, args.far_factor * sustained.target_rps, args.seconds, args.warmup,
                               args.max_requests)
                print("far over:", _row(far, args.p99_ms), flush=True)
        alive = proc.poll() is None
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    args.loadavg = (load_before, os.getloadavg()[0])
    report = _report(steps, sustained, overload, far, alive, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"wrote {args.out}")
    bad = [s for s in (overload, far) if s is not None and s.server_errors]
    return 0 if sustained is not None and overload is not None and not bad else 1


def _codes(step: StepResult) -> str:
    return ", ".join(f"{code}: {n}" for code, n in sorted(step.codes.items(), key=lambda kv: str(kv[0])))


def _row(step: StepResult, p99_limit: float) -> str:
    return (f"| {step.target_rps} | {step.achieved_rps} | {step.sent} | {step.p50_ms} | {step.p95_ms} | {step.p99_ms} "
            f"| {step.max_ms} | {_codes(step)} | {'yes' if step.ok(p99_limit) else 'no'} |")


def _report(steps: list[StepResult], sustained: StepResult | None, overload: StepResult | None,
            far: StepResult | None, alive: bool, args: argparse.Namespace) -> str:
    cpu = os.cpu_count()
    lines = [
        "# Load test: POST /v1/triage over loopback",
        "",
        f"Run {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {cpu} cores shared by the "
        f"server and the load generator (and with whatever else ran: 1-minute load average "
        f"{args.loadavg[0]:.2f} before, {args.loadavg[1]:.2f} after), Python {platform.python_version()}. Reproduce: "
        "`.venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/load_test.py` (see its docstring).",
        "",
        "Server: `triage serve` on 127.0.0.1, shipped model, SQLite store (every item written, with its audit row), "
        "default limits (4 requests in the pipeline at once, 64 queued, 30 s timeout, 2 MiB body), one key without "
        "a rate limit. Client: locust FastHttpUser in one process, each user one request per second (own random "
        f"phase) with one of {len(TEXTS)} work-order texts; {args.warmup:g} s warm-up then {args.seconds:g} s "
        f"measured per step (at most {args.max_requests} requests). Latencies in ms, measured by the client.",
        "",
        "| offered req/s | achieved req/s | requests | p50 | p95 | p99 | max | answers | p99 < "
        f"{args.p99_ms:g} ms, no errors |",
        "|---|---|---|---|---|---|---|---|---|",
        *[_row(s, args.p99_ms) for s in steps],
        *([_row(overload, args.p99_ms)] if overload else []),
        *([_row(far, args.p99_ms)] if far else []),
        "",
    ]
    if sustained is not None:
        lines += [f"**Sustained rate: {sustained.target_rps} requests/s** with p99 {sustained.p99_ms} ms and no errors "
                  f"(the next step failed the criterion or the list ended).", ""]
    else:
        lines += ["No step met the criterion.", ""]
    for label, step in (("At twice that", overload), (f"At {args.far_factor} times that", far)):
        if step is None:
            continue
        total = max(1, step.sent)
        lines += [
            f"**{label} ({step.target_rps} requests/s offered):** {step.achieved_rps} answers per second; "
            f"answers {_codes(step)}; error rate {100 * step.errors / total:.1f}% ({step.errors} of {step.sent}), "
            f"of which 5xx or dropped connections: {step.server_errors}. p50 {step.p50_ms} ms, p99 {step.p99_ms} ms.",
            "",
        ]
    lines += [
        f"Server still running and answering afterwards: {'yes' if alive else 'NO'}.",
        "",
        "How overload is handled: at most 4 requests run the pipeline and 64 wait; callers beyond that get "
        "`429` with `Retry-After: 1` at once rather than joining an ever longer queue, and waiting plus work is "
        "capped at 30 s (`504`). Up to that point extra load is queued and answered, just later. Each simulated "
        "user waits for its answer, so an offered rate whose users all fit in the 68 places is queued and never "
        "refused.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
