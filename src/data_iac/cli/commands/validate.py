"""``iac validate``: parse, template and validate; no network."""

from __future__ import annotations

import click

from data_iac.cli.options import config_options
from data_iac.cli.views.output import Output
from data_iac.config import load_config
from data_iac.planning.graph import build_graph, topological_order


@click.command("validate")
@config_options
def validate_command(
    config_path: str, environment: str, json_mode: bool, no_color: bool, **_: object
) -> None:
    """Check a config without touching any platform."""
    out = Output(json_mode=json_mode, no_color=no_color)
    config = load_config(config_path, environment)
    topological_order(build_graph(config.desired))
    count = len(config.desired.resources)
    for note in config.notes:
        out.note(f"note: {note}")
    if json_mode:
        out.json(
            {
                "valid": True,
                "resources": count,
                "config": config.name,
                "environment": config.environment,
            }
        )
    else:
        out.line(f"Success! The configuration is valid ({count} resources).", "green")
