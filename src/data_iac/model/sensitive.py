"""Salted digests of sensitive values: state and plans keep these, never the values."""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["SENSITIVE_MASK", "sensitive_digest", "sensitive_matches"]

SENSITIVE_MASK = "(sensitive)"


def sensitive_digest(value: str, salt: str) -> str:
    """A salted sha256 of ``value``; the salt is per state and address, so equal secrets in
    two places do not share a digest."""
    return "sha256:" + hashlib.sha256(f"{salt}\x00{value}".encode()).hexdigest()


def sensitive_matches(value: str, digest: str, salt: str) -> bool:
    return hmac.compare_digest(sensitive_digest(value, salt), digest)
