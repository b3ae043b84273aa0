"""Service settings: defaults here, overridden by TRIAGE_* environment variables or CLI flags."""
from __future__ import annotations

import contextvars
import json
import logging
import sys
from typing import Any

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.pii import mask_pii

# Hosts a development server without API keys may bind to: nothing off this machine can reach them.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})

# The id of the request being served, so every log line written while serving it carries it
# (contextvars follow the request into the worker threads that run the pipeline).
request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


class ConfigError(ValueError):
    """Settings the service refuses to start with; the message says what to change."""


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

    # Access control. Keys live in the database (`triage keys create`); without keys only on loopback.
    dev_no_keys: bool = False               # development only: no keys, every caller is admin
    rate_limit_per_minute: float = 1200.0   # texts per minute per key (a batch counts each item); 0: no limit
    rate_limit_burst: int = 256             # texts a key may send at once after a quiet spell
    # Protection of the process itself.
    max_body_bytes: int = 2 * 1024 * 1024   # request bodies larger than this get 413
    request_timeout_s: float = 30.0         # queue wait + triage; past it the caller gets 504
    max_concurrent: int = 4                 # requests running the pipeline at once (CPU bound)
    max_queued: int = 64                    # requests waiting beyond that; more get 429 "busy"
    # Storage of personal data.
    store_original: bool = False            # keep the unmasked text, encrypted (needs encryption_key)
    encryption_key: SecretStr | None = None  # Fernet key(s), comma-separated: the first encrypts, all decrypt
    retention_days: int | None = None       # default age for `triage purge`
    # Faults: what the database cannot take now waits here and is written when it returns.
    spool_path: str = "var/spool.jsonl"
    spool_retry_s: float = 2.0
    db_lock_timeout_s: float = 1.0          # SQLite: wait this long for a lock before spooling

    def check(self) -> None:
        """Raise ConfigError for combinations that would be unsafe to serve with."""
        if self.dev_no_keys and self.host not in LOOPBACK_HOSTS:
            raise ConfigError(f"development mode without API keys is only allowed on 127.0.0.1, not {self.host!r}; "
                              "create keys with `triage keys create` instead")
        if self.store_original and not self.encryption_key:
            raise ConfigError("TRIAGE_STORE_ORIGINAL is set but TRIAGE_ENCRYPTION_KEY is not: original texts are "
                              "only stored encrypted (make a key with `triage new-encryption-key`)")
        if self.encryption_key:
            from service.security_crypto import TextCipher  # validates the key format
            TextCipher(self.encryption_key.get_secret_value())
        for name in ("rate_limit_burst", "max_body_bytes", "max_concurrent", "max_batch_items"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1")
        if self.request_timeout_s <= 0:
            raise ConfigError("request_timeout_s must be positive")


class JsonFormatter(logging.Formatter):
    """One JSON object per line, personal numbers masked whatever the message holds."""

    EXTRA = ("request_id", "key_id", "method", "path", "status", "ms", "items", "event", "model")
    # Fields the service itself produces (timestamps, hex request ids, key ids, model versions): masking
    # their digit runs would only break the link between a log line and the response or audit row.
    TRUSTED = frozenset({"ts", "level", "logger", "request_id", "key_id", "method", "status", "ms", "items", "model"})

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {"ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
                                 "logger": record.name, "msg": record.getMessage()}
        for key in self.EXTRA:
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if "request_id" not in entry and request_id_var.get() is not None:
            entry["request_id"] = request_id_var.get()
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        for key, value in entry.items():
            if key not in self.TRUSTED:   # messages, paths, tracebacks: anything a caller's text can reach
                entry[key] = mask_pii(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                                                      default=str))
        return json.dumps(entry, ensure_ascii=False, default=str)


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
    # The API logs every request itself, with its request id and key; uvicorn's access line would repeat it.
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
