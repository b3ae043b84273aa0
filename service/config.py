"""Service settings: defaults here, overridden by TRIAGE_* environment variables or CLI flags."""
from __future__ import annotations

import json
import logging
import sys

from pydantic_settings import BaseSettings, SettingsConfigDict

from service.pii import mask_pii


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRIAGE_", extra="ignore")

    model_dir: str | None = None            # default: the model shipped in service/models
    routing: str | None = None              # a city's routing file; default labels/routing.yaml
    database_url: str = "sqlite:///var/triage.db"
    store: bool = True                      # store every triaged item
    max_text_chars: int = 20000
    max_batch_items: int = 256
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"


class JsonFormatter(logging.Formatter):
    """One JSON object per line, personal numbers masked whatever the message holds."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
                 "logger": record.name, "msg": record.getMessage()}
        for key in ("request_id", "path", "status", "ms", "items"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return mask_pii(json.dumps(entry, ensure_ascii=False))


def setup_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        lg = logging.getLogger(name)
        lg.handlers[:] = []
        lg.propagate = True
