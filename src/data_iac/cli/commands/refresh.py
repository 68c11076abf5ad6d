"""``iac refresh``: re-record every managed object from the platforms, changing nothing
on them. Objects deleted outside data-iac leave state (the next plan creates them)."""

from __future__ import annotations

import click

from data_iac.cli.options import config_options
from data_iac.cli.views.output import Output
from data_iac.operations.inspect import refresh_state
from data_iac.operations.workspace import open_workspace

__all__ = ["refresh_command"]


@click.command("refresh")
@config_options
@click.option(
    "--parallelism",
    default=16,
    show_default=True,
    type=click.IntRange(1),
    help="Listings and reads in flight at once.",
)
def refresh_command(
    config_path: str,
    environment: str,
    emulator: bool,
    json_mode: bool,
    no_color: bool,
    parallelism: int,
    **_: object,
) -> None:
    """Update state from the live platforms without changing them."""
    out = Output(json_mode=json_mode, no_color=no_color)
    with open_workspace(config_path, environment, emulator=emulator) as ws:
        out.add_secrets(ws.config.sensitive_values)
        outcome = refresh_state(ws, parallelism)
    result, changed, gone = outcome.result, outcome.changed, outcome.removed
    summary = {
        "refreshed": len(result.observed),
        "changed": changed,
        "removed": gone,
        "listings": result.listings,
        "reads": result.reads,
    }
    if out.json_mode:
        out.json(summary)
        return
    for address in gone:
        out.line(f"  - {address}: deleted outside data-iac, removed from state", "yellow")
    for address in changed:
        out.line(f"  ~ {address}: state updated from the platform", "yellow")
    out.line(
        f"Refreshed {len(result.observed)} object(s): {len(changed)} updated, "
        f"{len(gone)} removed from state.",
        "bold",
    )
