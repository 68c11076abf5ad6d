"""``iac drift``: report managed objects changed or deleted outside data-iac.

Exit 0 without drift, 2 with drift, 1 on error (DESIGN.md section 1), so a nightly CI job
fails when someone edited the platform by hand. Read-only: it takes no state lock, so it
never blocks (or is blocked by) an apply.
"""

from __future__ import annotations

from collections.abc import Mapping

import click

from data_iac.addresses import Address
from data_iac.cli.exits import ExitWith
from data_iac.cli.options import config_options
from data_iac.cli.runtime import Workspace, open_workspace
from data_iac.cli.views.output import Output
from data_iac.model.resource import Observed
from data_iac.model.state import StateSnapshot
from data_iac.planning.planner import PlanOptions, make_plan
from data_iac.providers.registry import kind_schema
from data_iac.refresh.drift import (
    DriftReport,
    Unmanaged,
    drift_report,
    render_markdown,
    render_text,
)
from data_iac.refresh.unmanaged import find_unmanaged, unlisted_grants

__all__ = ["drift_command", "find_drift"]


@click.command("drift")
@config_options
@click.option("--markdown", is_flag=True, help="Print Markdown, e.g. for a PR comment.")
@click.option(
    "--unmanaged",
    is_flag=True,
    help="Also list live objects no config manages (per kind and scope).",
)
def drift_command(
    config_path: str,
    environment: str,
    emulator: bool,
    json_mode: bool,
    no_color: bool,
    markdown: bool,
    unmanaged: bool,
    **_: object,
) -> None:
    """Report objects changed or deleted outside data-iac; exit 2 when there are any."""
    out = Output(json_mode=json_mode, no_color=no_color)
    with open_workspace(config_path, environment, emulator=emulator) as ws:
        out.add_secrets(ws.config.sensitive_values)
        state = ws.backend.read() or StateSnapshot.empty(ws.config.environment)
        report = find_drift(ws, state, unmanaged=unmanaged)
    if out.json_mode:
        out.json(report.to_json())
    elif markdown:
        click.echo(out.mask(render_markdown(report)), nl=False)
    else:
        out.lines(render_text(report))
    if report.has_drift:
        raise ExitWith(2)


def find_drift(ws: Workspace, state: StateSnapshot, *, unmanaged: bool) -> DriftReport:
    """Refresh ``state`` and compare: the plan's drift, plus unmanaged objects if asked."""
    observed = ws.refresh(state)
    plan = make_plan(ws.config.desired, state, kind_schema, PlanOptions(observed=observed))
    extra = _unmanaged(ws, state, observed) if unmanaged else []
    return drift_report(plan.drift, extra)


def _unmanaged(
    ws: Workspace, state: StateSnapshot, observed: Mapping[Address, Observed | None]
) -> list[Unmanaged]:
    if not state.resources:
        return []
    handlers = ws.handlers({e.kind for e in state.resources.values()})
    found = find_unmanaged(state, handlers)
    return found + unlisted_grants(ws.config.desired, observed)
