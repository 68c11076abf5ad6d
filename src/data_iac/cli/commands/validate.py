"""``iac validate``: parse, template and validate; no network."""

from __future__ import annotations

import click

from data_iac.cli.exits import ExitWith
from data_iac.cli.options import config_options
from data_iac.cli.views.diagnostics import diagnostic_json, diagnostics_of
from data_iac.cli.views.output import Output
from data_iac.errors import ConfigError, DataIacError, Diagnostic
from data_iac.operations.loading import load_config
from data_iac.planning.graph import build_graph, topological_order


@click.command("validate")
@config_options
def validate_command(
    config_path: str, environment: str, json_mode: bool, no_color: bool, **_: object
) -> None:
    """Check a config without touching any platform.

    With --json, print the diagnostics (severity, summary, detail, file, line, column,
    field path) on stdout whether or not the config is valid; the exit code says which.

    \b
    Examples:
      iac validate -c stack.yml
      iac validate -c infra/ -e prod --json | jq '.diagnostics[]'
    """
    out = Output(json_mode=json_mode, no_color=no_color)
    if not json_mode:
        _validate_text(out, config_path, environment)
        return
    try:
        config = load_config(config_path, environment)
        topological_order(build_graph(config.desired))
    except ConfigError as exc:
        found = [diagnostic_json(d) for d in diagnostics_of(exc)]
        out.json({"valid": False, "diagnostics": found})
        raise ExitWith(1) from exc
    except DataIacError as exc:  # a dependency cycle
        out.json({"valid": False, "diagnostics": [diagnostic_json(Diagnostic(exc.summary))]})
        raise ExitWith(1) from exc
    notes = [diagnostic_json(Diagnostic(note), "warning") for note in config.notes]
    out.json(
        {
            "valid": True,
            "diagnostics": notes,
            "resources": len(config.desired.resources),
            "config": config.name,
            "environment": config.environment,
        }
    )


def _validate_text(out: Output, config_path: str, environment: str) -> None:
    config = load_config(config_path, environment)
    topological_order(build_graph(config.desired))
    for note in config.notes:
        out.note(f"note: {note}")
    count = len(config.desired.resources)
    out.line(f"Success! The configuration is valid ({count} resources).", "green")
