"""A local file for what the database cannot take right now, written back when it returns.

Entries are JSON lines appended (and fsynced) to `spool.jsonl`. To write them back, the file is
first renamed to `spool.jsonl.flushing`, so new entries can keep arriving in a fresh file while the
old ones are replayed oldest first. A replay stopped by the database failing again rewrites the
`.flushing` file with what is left; entries the database refuses for good (not a fault, a bad entry)
move to `spool.jsonl.rejected` so one of them cannot block the rest. Nothing is dropped.

The spool holds masked texts and encrypted originals only, as the database does; its files are 0600.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger("triage.spool")


class Spool:
    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.flushing = self.path.with_name(self.path.name + ".flushing")
        self.rejected = self.path.with_name(self.path.name + ".rejected")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()          # guards appends, the rotation and the count
        self._drain_lock = threading.Lock()    # one replay at a time
        self._pending = self._count(self.path) + self._count(self.flushing)

    def pending(self) -> int:
        """Entries waiting to be written to the database."""
        return self._pending

    def append(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"
        with self._lock:
            self._append_line(self.path, line)
            self._pending += 1

    def drain(self, apply: Callable[[dict[str, Any]], None], transient: Callable[[BaseException], bool]) -> int:
        """Apply every spooled entry, oldest first; returns how many were applied.

        `apply` must be idempotent per entry (the store records applied entry ids), because a crash
        between applying an entry and rewriting this file replays it. An error for which `transient`
        is true stops the replay and propagates, leaving the rest spooled.
        """
        applied = 0
        with self._drain_lock:
            while True:
                with self._lock:
                    if not self.flushing.exists():
                        if not self.path.exists() or self.path.stat().st_size == 0:
                            return applied
                        os.replace(self.path, self.flushing)
                lines = self.flushing.read_text(encoding="utf-8").splitlines()
                for n, line in enumerate(lines):
                    try:
                        entry = json.loads(line)
                    except ValueError:   # a line cut short by a crash mid-append: keep it aside
                        self._reject(line, "unreadable line")
                        continue
                    try:
                        apply(entry)
                    except Exception as exc:
                        if transient(exc):
                            self._rewrite(self.flushing, lines[n:])
                            raise
                        log.error("spooled entry %s refused by the database (%s); kept in %s",
                                  entry.get("entry_id"), type(exc).__name__, self.rejected)
                        self._reject(line, f"{type(exc).__name__}: {exc}")
                        continue
                    applied += 1
                with self._lock:
                    self.flushing.unlink()
                    self._pending = self._count(self.path)

    def _reject(self, line: str, reason: str) -> None:
        with self._lock:
            self._append_line(self.rejected, json.dumps({"reason": reason[:500], "line": line}, ensure_ascii=False) + "\n")

    def _rewrite(self, path: Path, lines: list[str]) -> None:
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))
            f.flush()
            os.fsync(f.fileno())
        with self._lock:
            os.replace(tmp, path)
            self._pending = len(lines) + self._count(self.path)

    @staticmethod
    def _append_line(path: Path, line: str) -> None:
        # fsync: an entry the caller was told is safe must survive a crash or power cut.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            data = memoryview(line.encode("utf-8"))
            while data:
                data = data[os.write(fd, data):]
            os.fsync(fd)
        finally:
            os.close(fd)

    @staticmethod
    def _count(path: Path) -> int:
        if not path.exists():
            return 0
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
