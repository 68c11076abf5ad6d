"""A plan, or a drift report, as text people read, JSON machines read, or Markdown."""

from __future__ import annotations

import json
from typing import Literal

from data_iac.cli.views.plan_markdown import render_markdown as plan_markdown
from data_iac.cli.views.plan_text import render_plan
from data_iac.model.plan import Plan
from data_iac.refresh.drift import DriftReport, render_markdown, render_text

__all__ = ["Format", "render", "render_drift"]

Format = Literal["text", "json", "markdown"]


def render(plan: Plan, format: Format = "text") -> str:
    """``plan`` as ``iac plan`` prints it (``text``), as ``iac plan --json`` does (``json``),
    or as Markdown for a pull-request comment (``markdown``). Sensitive values are masked."""
    if format == "json":
        return json.dumps(plan.to_json(), sort_keys=True, indent=2)
    if format == "markdown":
        return plan_markdown(plan)
    return "\n".join(text for text, _ in render_plan(plan)) + "\n"


def render_drift(report: DriftReport, format: Format = "text") -> str:
    """A drift report as ``iac drift`` prints it (text, ``--json`` or ``--markdown``)."""
    if format == "json":
        return json.dumps(report.to_json(), sort_keys=True, indent=2)
    if format == "markdown":
        return render_markdown(report)
    return "\n".join(text for text, _ in render_text(report)) + "\n"
