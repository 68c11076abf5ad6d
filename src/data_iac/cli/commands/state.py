"""``iac state ...``: look at and repair the state without touching any platform.

Every command that changes the state takes the lock, writes a new serial and never deletes
or changes a platform object (``rm`` forgets, it does not destroy). Errors are raised as
DataIacError; ``cli/main.py`` turns them into exit codes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from data_iac.cli.commands.completion import complete_addresses
from data_iac.cli.options import config_options, parse_duration
from data_iac.cli.views.output import Output
from data_iac.model.sensitive import SENSITIVE_MASK
from data_iac.operations.loading import load_config
from data_iac.operations.state_ops import StateOps
from data_iac.state.factory import open_backend
from data_iac.state.operations import backend_from_url, migrate_state

__all__ = ["state_group"]

F = TypeVar("F", bound=Callable[..., Any])


def _lock_timeout_option(func: F) -> F:
    return click.option(
        "--lock-timeout",
        default="0s",
        show_default=True,
        help="How long to wait for a held state lock (e.g. 30s, 5m).",
    )(func)


@click.group("state")
def state_group() -> None:
    """Inspect and repair the state: list, show, mv, rm, pull, push, unlock, migrate."""


def _open(config_path: str, environment: str, emulator: bool) -> StateOps:
    config = load_config(config_path, environment)
    backend = open_backend(
        config.backend, config.name, config.environment, emulator=emulator, cwd=Path.cwd()
    )
    return StateOps(backend, config.environment)


@state_group.command("list")
@config_options
def list_command(
    config_path: str, environment: str, emulator: bool, json_mode: bool, no_color: bool, **_: Any
) -> None:
    """List the addresses in the state."""
    out = Output(json_mode=json_mode, no_color=no_color)
    resources = _open(config_path, environment, emulator).list()
    if json_mode:
        rows = [
            {"address": str(a), "kind": r.kind, "remote_id": r.remote_id}
            for a, r in resources.items()
        ]
        out.json({"resources": sorted(rows, key=lambda row: row["address"])})
        return
    for address in sorted(resources):
        out.line(str(address))


@state_group.command("show")
@click.argument("address", shell_complete=complete_addresses)
@config_options
def show_command(
    address: str,
    config_path: str,
    environment: str,
    emulator: bool,
    json_mode: bool,
    no_color: bool,
    **_: Any,
) -> None:
    """Show one resource as the state records it."""
    out = Output(json_mode=json_mode, no_color=no_color)
    resource = _open(config_path, environment, emulator).show(address)
    if json_mode:
        out.json({"address": address, **resource.to_json()})
        return
    out.line(f"# {address}", "bold")
    out.line(f"kind       = {resource.kind}")
    out.line(f"remote_id  = {resource.remote_id}")
    if resource.dependencies:
        out.line(f"depends on = {', '.join(map(str, resource.dependencies))}")
    for name in sorted(resource.sensitive_hashes):
        out.line(f"{name} = {SENSITIVE_MASK}")
    out.line(json.dumps(dict(resource.attributes), indent=2, sort_keys=True, default=str))


@state_group.command("mv")
@click.argument("old")
@click.argument("new")
@_lock_timeout_option
@config_options
def mv_command(old: str, new: str, lock_timeout: str, **options: Any) -> None:
    """Rename a resource's address in the state (the platform object is not touched)."""
    _state(options).move(old, new, lock_timeout=parse_duration(lock_timeout))
    _output(options).line(f"Moved {old} to {new}.", "green")


@state_group.command("rm")
@click.argument("address", shell_complete=complete_addresses)
@_lock_timeout_option
@config_options
def rm_command(address: str, lock_timeout: str, **options: Any) -> None:
    """Forget a resource: remove it from the state, leave the platform object alone."""
    _state(options).forget(address, lock_timeout=parse_duration(lock_timeout))
    _output(options).line(
        f"Removed {address} from the state; the object still exists on the platform.", "green"
    )


def _state(options: dict[str, Any]) -> StateOps:
    return _open(options["config_path"], options["environment"], options["emulator"])


def _output(options: dict[str, Any]) -> Output:
    return Output(json_mode=options["json_mode"], no_color=options["no_color"])


@state_group.command("pull")
@config_options
def pull_command(config_path: str, environment: str, emulator: bool, **_: Any) -> None:
    """Print the whole state as JSON (to save, inspect or push back later)."""
    sys.stdout.write(_open(config_path, environment, emulator).pull().decode("utf-8"))


@state_group.command("push")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace even another lineage or a newer serial.")
@_lock_timeout_option
@config_options
def push_command(file: Path, force: bool, lock_timeout: str, **options: Any) -> None:
    """Replace the state with FILE (refuses another lineage or an older serial)."""
    out = _output(options)
    data = file.read_bytes()
    state = _state(options)
    timeout = parse_duration(lock_timeout)
    final = state.push(data, source=str(file), force=force, lock_timeout=timeout)
    out.line(f"Pushed {file} to {state.describe()} as serial {final.serial}.", "green")


@state_group.command("unlock")
@click.argument("lock_id")
@config_options
def unlock_command(
    lock_id: str, config_path: str, environment: str, emulator: bool, **options: Any
) -> None:
    """Release the lock LOCK_ID left by a run that died (the id is in the lock error)."""
    out = _output(options)
    state = _open(config_path, environment, emulator)
    holder = state.unlock(lock_id)
    if holder is None:
        out.line(f"No lock is held on {state.describe()}.")
        return
    out.line(f"Released lock {lock_id} (held by {holder.who}, {holder.operation}).", "green")


@state_group.command("migrate")
@click.option("--to-backend", "destination_url", required=True, help="s3://BUCKET/KEY or a path.")
@click.option("--region", default=None, help="AWS region of the destination bucket.")
@click.option("--endpoint-url", default=None, help="S3-compatible endpoint of the destination.")
@click.option("--profile", default=None, help="AWS profile for the destination.")
@click.option("--force", is_flag=True, help="Replace a state already at the destination.")
@_lock_timeout_option
@config_options
def migrate_command(destination_url: str, lock_timeout: str, force: bool, **options: Any) -> None:
    """Copy the state to another backend under both locks, verify it, say how to switch."""
    out = _output(options)
    source = _state(options).backend
    destination = backend_from_url(
        destination_url,
        region=options["region"],
        endpoint_url=options["endpoint_url"],
        profile=options["profile"],
    )
    snapshot = migrate_state(
        source, destination, lock_timeout=parse_duration(lock_timeout), force=force
    )
    if out.json_mode:
        out.json(
            {"from": source.describe(), "to": destination.describe(), "serial": snapshot.serial}
        )
        return
    out.line(
        f"Copied serial {snapshot.serial} from {source.describe()} to {destination.describe()}."
    )
    out.lines((line, "") for line in _switch_instructions(destination_url, options))


def _switch_instructions(url: str, options: dict[str, Any]) -> list[str]:
    if not url.startswith("s3://"):
        return ["The destination is a local file; the config needs no change to read it back."]
    bucket, _, key = url.removeprefix("s3://").partition("/")
    lines = ["To use it, set in the config:", "  backend:", "    type: s3", f"    bucket: {bucket}"]
    lines.append(f"    key: {key}")
    lines += [
        f"    {name}: {options[name]}"
        for name in ("region", "endpoint_url", "profile")
        if options[name]
    ]
    lines.append("then run `iac plan`; once it shows no changes, delete the old state file.")
    return lines
