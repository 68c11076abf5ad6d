"""What a reviewer needs before a plan runs: its destructive changes, its digest (the
approval of exactly one plan), the approval gate, and policies over plan and config."""

from __future__ import annotations

from data_iac.review.gates import (
    ALLOW_DESTROY_ENV,
    Destructive,
    destructive_changes,
    plan_digest,
    require_approval,
)

__all__ = [
    "ALLOW_DESTROY_ENV",
    "Destructive",
    "destructive_changes",
    "plan_digest",
    "require_approval",
]
