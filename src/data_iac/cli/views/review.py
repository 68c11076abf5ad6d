"""The reviewer's part of plan output: policy violations, destructive changes and the plan's
digest (what ``IAC_ALLOW_DESTROY`` approves). Pure: lines of ``(text, style)``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from data_iac.cli.views.values import Line
from data_iac.model.plan import Plan
from data_iac.policy.evaluate import Violation
from data_iac.review.gates import ALLOW_DESTROY_ENV, destructive_changes, plan_digest

__all__ = ["approval_lines", "policy_lines", "policy_summary"]


def policy_summary(violations: Sequence[Violation]) -> str:
    denied = sum(v.level == "deny" for v in violations)
    warned = len(violations) - denied
    if not violations:
        return "Policies: every rule holds."
    return f"Policies: {denied} denied, {warned} warning{'' if warned == 1 else 's'}."


def policy_lines(violations: Sequence[Violation]) -> Iterator[Line]:
    """Each violation: level, rule, resource, message, and where both are written."""
    yield "", ""
    yield policy_summary(violations), "bold red" if _denied(violations) else "bold"
    for v in violations:
        style = "red" if v.level == "deny" else "yellow"
        subject = str(v.address) if v.address is not None else "the plan"
        yield f"  {v.level}: {v.rule.name}: {subject}", style
        if v.rule.message:
            yield f"      {v.rule.message}", ""
        if v.reason:
            yield f"      {v.reason}", ""
        if v.location is not None:
            yield f"      --> {v.location}", "dim"
        if v.rule.location is not None:
            yield f"      rule at {v.rule.location}", "dim"


def _denied(violations: Sequence[Violation]) -> bool:
    return any(v.level == "deny" for v in violations)


def approval_lines(plan: Plan) -> Iterator[Line]:
    """The destructive changes and how to approve exactly this plan; nothing when none."""
    found = destructive_changes(plan)
    if not found or plan.destroy:
        return
    yield "", ""
    yield f"This plan has {len(found)} destructive change(s):", "bold red"
    for item in found:
        yield f"  - {item.describe()}", "red"
    yield f"`iac apply` runs it only when approved: --allow-destroy, or {ALLOW_DESTROY_ENV}=", ""
    yield f"{plan_digest(plan)} (the digest of exactly this plan).", "bold"
