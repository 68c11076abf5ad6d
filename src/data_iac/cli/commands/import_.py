"""``iac import ADDRESS ID``: adopt one existing object into state, Terraform-style.

ID is the platform's natural id (docs/drift-and-import.md lists it per kind). After an
import, ``iac plan`` shows only the real differences between the object and the config.
"""

from __future__ import annotations

import click

from data_iac.addresses import Address
from data_iac.cli.commands.completion import complete_addresses
from data_iac.cli.options import config_options
from data_iac.cli.views.output import Output
from data_iac.errors import ConfigError
from data_iac.operations.adoption import import_object
from data_iac.operations.workspace import open_workspace

__all__ = ["import_command", "parse_address"]


def parse_address(text: str) -> Address:
    try:
        return Address.parse(text)
    except ValueError as exc:
        raise ConfigError(str(exc), hint="an address looks like dataiku_dataset.KEY.NAME") from exc


@click.command("import")
@config_options
@click.argument("address", shell_complete=complete_addresses)
@click.argument("remote_id", metavar="ID")
def import_command(
    config_path: str,
    environment: str,
    emulator: bool,
    json_mode: bool,
    no_color: bool,
    address: str,
    remote_id: str,
    **_: object,
) -> None:
    """Adopt the existing object ID into state as ADDRESS."""
    out = Output(json_mode=json_mode, no_color=no_color)
    target = parse_address(address)
    with open_workspace(config_path, environment, emulator=emulator) as ws:
        out.add_secrets(ws.config.sensitive_values)
        if target not in ws.config.desired.resources:
            out.note(f"warning: {target} is not in the config; the next plan will destroy it")
        entry = import_object(ws, target, remote_id)
    if out.json_mode:
        out.json({"address": str(target), "remote_id": entry.remote_id, "kind": entry.kind})
    else:
        out.line(f"Import successful: {target} <- {entry.remote_id}", "bold green")
        out.line("Run `iac plan` to see how it differs from the config.")
