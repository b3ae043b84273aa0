"""Encryption of original texts at rest (only when TRIAGE_STORE_ORIGINAL is set).

Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) with keys from the environment,
never from the database it protects. Several comma-separated keys allow rotation: the first
encrypts, every one decrypts, so old rows stay readable while new ones use the new key.
"""
from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class TextCipher:
    def __init__(self, keys: str):
        parts = [k.strip() for k in keys.split(",") if k.strip()]
        if not parts:
            raise _config_error("TRIAGE_ENCRYPTION_KEY is empty")
        try:
            self._fernet = MultiFernet([Fernet(k.encode("ascii")) for k in parts])
        except (ValueError, UnicodeEncodeError):
            raise _config_error("TRIAGE_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded bytes), "
                                "comma-separated; make one with `triage new-encryption-key`") from None

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        """The original text; raises ValueError if no configured key opens it."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise ValueError("no configured encryption key decrypts this text") from None


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def _config_error(msg: str) -> Exception:
    from service.config import ConfigError  # late: config imports this module to validate keys
    return ConfigError(msg)
