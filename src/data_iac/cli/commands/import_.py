"""``iac import ADDRESS ID``: adopt one existing object into state, Terraform-style.

ID is the platform's natural id (docs/drift-and-import.md lists it per kind). After an
import, ``iac plan`` shows only the real differences between the object and the config.
"""

from __future__ import annotations

import click

from data_iac.addresses import Address
from data_iac.cli.options import config_options
from data_iac.cli.runtime import Workspace, open_workspace
from data_iac.cli.views.output import Output
from data_iac.errors import ConfigError, ResourceNotFound, StateError
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.refresh.adopt import imported_entry
from data_iac.state.session import locked_state

__all__ = ["adopt", "import_command", "parse_address"]


def parse_address(text: str) -> Address:
    try:
        return Address.parse(text)
    except ValueError as exc:
        raise ConfigError(str(exc), hint="an address looks like dataiku_dataset.KEY.NAME") from exc


@click.command("import")
@config_options
@click.argument("address")
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
        with locked_state(ws.backend, "import", environment=ws.config.environment) as (
            state,
            _lock,
        ):
            entry = adopt(ws, state, target, remote_id)
            ws.backend.write(state.with_resource(str(target), entry).next_serial())
    if out.json_mode:
        out.json({"address": str(target), "remote_id": entry.remote_id, "kind": entry.kind})
    else:
        out.line(f"Import successful: {target} <- {entry.remote_id}", "bold green")
        out.line("Run `iac plan` to see how it differs from the config.")


def adopt(ws: Workspace, state: StateSnapshot, target: Address, remote_id: str) -> ResourceState:
    """Read ``remote_id`` and make the state entry adopting it as ``target``.

    Raises:
        StateError: the address or the object is already managed.
        ResourceNotFound: the platform has no object with that id.
    """
    if str(target) in state.resources:
        raise StateError(
            f"{target} is already managed (id {state.resources[str(target)].remote_id})",
            hint=f"run `iac state rm {target}` first to adopt another object",
        )
    handler = ws.handlers({target.kind})[target.kind]
    live = handler.read(target, remote_id)
    if live is None:
        raise ResourceNotFound(
            f"no {target.kind} with id {remote_id!r}",
            hint="docs/drift-and-import.md lists the id of each kind",
        )
    for other, entry in state.resources.items():
        if entry.kind == target.kind and entry.remote_id == live.remote_id:
            raise StateError(
                f"{live.remote_id} is already managed as {other}",
                hint=f"use `iac state mv {other} {target}` to rename it",
            )
    return imported_entry(target, live, handler.schema, ws.config.desired.resources.get(target))
