"""Salted digests of sensitive values: state and plans keep these, never the values."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

__all__ = ["SENSITIVE_MASK", "sensitive_digest", "sensitive_matches", "sensitive_text"]

SENSITIVE_MASK = "(sensitive)"


def sensitive_text(value: Any) -> str:
    """The text a sensitive value is digested as: a string itself, anything else (a
    connection's ``options``) as canonical JSON, so key order never changes the digest."""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def sensitive_digest(value: str, salt: str) -> str:
    """A salted sha256 of ``value``; the salt is per state and address, so equal secrets in
    two places do not share a digest."""
    return "sha256:" + hashlib.sha256(f"{salt}\x00{value}".encode()).hexdigest()


def sensitive_matches(value: str, digest: str, salt: str) -> bool:
    return hmac.compare_digest(sensitive_digest(value, salt), digest)
