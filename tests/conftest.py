"""Shared fixtures. Others may add their own below; keep each block self-contained."""
from __future__ import annotations

# --- live_server: a real `triage serve` process on localhost (issue 6) ---------------------------
# API tests talk HTTP to a subprocess, the way a client on the city network would: the middleware
# stack, uvicorn, signals and logs are all the real ones. Each server gets its own temp directory
# (database, spool, log file); nothing touches var/ of the working tree.

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

LIVE_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(tmp: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The test process's environment without TRIAGE_* settings (but a model chosen with
    TRIAGE_MODEL_DIR is kept), pointed at a database and spool in `tmp`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIAGE_") or k == "TRIAGE_MODEL_DIR"}
    env.update({"TRIAGE_DATABASE_URL": f"sqlite:///{tmp / 'triage.db'}", "TRIAGE_SPOOL_PATH": str(tmp / "spool.jsonl"),
                "TRIAGE_SPOOL_RETRY_S": "0.3", "TRIAGE_LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"})
    env.update(extra or {})
    return env


@dataclass
class LiveServer:
    tmp: Path
    env: dict[str, str]
    args: tuple[str, ...] = ()
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def db_path(self) -> Path:
        return Path(self.env["TRIAGE_DATABASE_URL"].split("///", 1)[1])

    @property
    def spool_path(self) -> Path:
        return Path(self.env["TRIAGE_SPOOL_PATH"])

    @property
    def log_path(self) -> Path:
        return self.tmp / "server.log"

    def start(self, wait: bool = True, timeout: float = 120) -> "LiveServer":
        self.tmp.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             *self.args], cwd=self.tmp, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        if wait:
            self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log_path.read_text()[-4000:]}")
            try:
                if httpx.get(self.url + "/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server not ready after {timeout} s:\n{self.log_path.read_text()[-4000:]}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int | None:
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """`triage ARGS` against this server's database."""
        r = subprocess.run([sys.executable, "-m", "service.cli", *map(str, args)], cwd=self.tmp, env=self.env,
                           capture_output=True, text=True, timeout=120)
        if check and r.returncode != 0:
            raise AssertionError(f"triage {' '.join(map(str, args))} -> {r.returncode}\n{r.stderr}")
        return r

    def create_key(self, name: str = "test", scope: str = "triage", rate_per_minute: float | None = None) -> dict:
        extra = ["--rate-per-minute", str(rate_per_minute)] if rate_per_minute is not None else []
        return json.loads(self.cli("keys", "create", "--name", name, "--scope", scope, *extra).stdout)

    def client(self, key: str | None = None, **kwargs) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=kwargs.pop("timeout", 60), **kwargs)

    def log_lines(self) -> list[str]:
        return self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()


def start_server(tmp: Path, env: dict[str, str] | None = None, args: tuple[str, ...] = (),
                 wait: bool = True) -> LiveServer:
    return LiveServer(tmp, server_env(tmp, env), tuple(args)).start(wait=wait)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> LiveServer:
    """One server for the session: keys required, default limits. Tests make their own keys."""
    server = start_server(tmp_path_factory.mktemp("live_server"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def triage_key(live_server) -> str:
    """A triage-scope key without a rate limit, for tests that are not about limits."""
    return live_server.create_key("tests", "triage", rate_per_minute=0)["key"]


@pytest.fixture(scope="session")
def admin_key(live_server) -> str:
    return live_server.create_key("tests-admin", "admin", rate_per_minute=0)["key"]


@pytest.fixture
def server_factory(tmp_path):
    """Start extra servers with their own settings: `server_factory(env={...}, args=(...))`."""
    started: list[LiveServer] = []

    def make(env: dict[str, str] | None = None, args: tuple[str, ...] = (), wait: bool = True) -> LiveServer:
        server = start_server(tmp_path / f"server{len(started)}", env, args, wait)
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()
# --- end live_server ------------------------------------------------------------------------------
