"""``iac drift``: report managed objects changed or deleted outside data-iac.

Exit 0 without drift, 2 with drift, 1 on error (DESIGN.md section 1), so a nightly CI job
fails when someone edited the platform by hand. Read-only: it takes no state lock, so it
never blocks (or is blocked by) an apply.
"""

from __future__ import annotations

import click

from data_iac.cli.exits import ExitWith
from data_iac.cli.options import config_options
from data_iac.cli.views.output import Output
from data_iac.operations.inspect import find_drift, read_state
from data_iac.operations.workspace import open_workspace
from data_iac.refresh.drift import render_markdown, render_text

__all__ = ["drift_command"]


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
        report = find_drift(ws, read_state(ws), unmanaged=unmanaged)
    if out.json_mode:
        out.json(report.to_json())
    elif markdown:
        click.echo(out.mask(render_markdown(report)), nl=False)
    else:
        out.lines(render_text(report))
    if report.has_drift:
        raise ExitWith(2)
