"""Policies over plans and desired state, written in CEL (``iac plan --policy DIR``)."""

from __future__ import annotations

from data_iac.policy.evaluate import Violation, check_policies
from data_iac.policy.rules import Rule, load_rules

__all__ = ["Rule", "Violation", "check_policies", "load_rules"]
