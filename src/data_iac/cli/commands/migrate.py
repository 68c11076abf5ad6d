"""``iac migrate terraform|laktory`` (move in from Terraform) and ``iac export terraform``
(hand the workspace back), without creating, changing or deleting a single object."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from data_iac.cli.options import common_options, config_options
from data_iac.cli.views.migration import mapping_json, mapping_lines, result_lines
from data_iac.cli.views.output import Output
from data_iac.migrate.adopt import adopt_terraform_objects, refuse_ambiguous
from data_iac.migrate.export import export_terraform
from data_iac.migrate.laktory_project import find_laktory_project
from data_iac.migrate.mapping import map_terraform_state
from data_iac.migrate.tfstate import read_terraform_state
from data_iac.operations.workspace import open_workspace

__all__ = ["export_group", "migrate_group"]


@click.group("migrate")
def migrate_group() -> None:
    """Move a workspace that Terraform manages into data-iac's state."""


@migrate_group.command("terraform")
@config_options
@click.option(
    "--from",
    "source",
    required=True,
    help="The Terraform state: a terraform.tfstate path or s3://BUCKET/KEY.",
)
@click.option("--dry-run", is_flag=True, help="Show the mapping; read and write nothing.")
def migrate_terraform_command(
    config_path: str,
    environment: str,
    emulator: bool,
    json_mode: bool,
    no_color: bool,
    source: str,
    dry_run: bool,
    **_: object,
) -> None:
    """Adopt every object of a Terraform state that the config declares.

    \b
    Example:
      iac migrate terraform -c stack.yaml -e prod --from terraform.tfstate --dry-run
    """
    _migrate(
        config_path,
        environment,
        emulator,
        Output(json_mode=json_mode, no_color=no_color),
        source,
        dry_run,
    )


@migrate_group.command("laktory")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option(
    "-e",
    "--env",
    "environment",
    default="default",
    show_default=True,
    help="Environment of the Laktory stack to migrate.",
)
@click.option("--emulator", is_flag=True, help="Read objects from the embedded emulator.")
@click.option("--dry-run", is_flag=True, help="Show the mapping; read and write nothing.")
@common_options
def migrate_laktory_command(
    directory: str,
    environment: str,
    emulator: bool,
    dry_run: bool,
    json_mode: bool,
    no_color: bool,
    **_: object,
) -> None:
    """Migrate a Laktory project: its stack, its environment and its Terraform state.

    \b
    Example:
      iac migrate laktory my-stack/ -e dev --dry-run
    """
    out = Output(json_mode=json_mode, no_color=no_color)
    project = find_laktory_project(Path(directory), environment)
    out.note(f"Laktory stack {project.stack}, Terraform state {project.state}")
    _migrate(str(project.stack), environment, emulator, out, project.state, dry_run)


def _migrate(
    config_path: str, environment: str, emulator: bool, out: Output, source: str, dry_run: bool
) -> None:
    instances = read_terraform_state(source)
    with open_workspace(config_path, environment, emulator=emulator) as ws:
        out.add_secrets(ws.config.sensitive_values)
        mapping = map_terraform_state(ws.config.desired.resources, instances)
        if dry_run:
            refuse_ambiguous(mapping)
            _show(out, mapping_json(mapping, None), mapping_lines(mapping, source, dry_run=True))
            return
        result = adopt_terraform_objects(mapping, ws.config.desired, ws.backend, ws)
    lines = [*mapping_lines(mapping, source, dry_run=False), *result_lines(result)]
    _show(out, mapping_json(mapping, result), lines)


def _show(out: Output, document: dict[str, Any], lines: list[tuple[str, str]]) -> None:
    if out.json_mode:
        out.json(document)
    else:
        out.lines(lines)


@click.group("export")
def export_group() -> None:
    """Write the config in another tool's format."""


@export_group.command("terraform")
@config_options
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Directory to write main.tf.json into.",
)
def export_terraform_command(
    config_path: str,
    environment: str,
    emulator: bool,
    json_mode: bool,
    no_color: bool,
    out_dir: str,
    **_: object,
) -> None:
    """Write the config as Terraform JSON, with import blocks for every managed object.

    \b
    Example:
      iac export terraform -c stack.yaml -e prod -o terraform/
    """
    out = Output(json_mode=json_mode, no_color=no_color)
    target = Path(out_dir).resolve()
    with open_workspace(config_path, environment, emulator=emulator) as ws:
        state = ws.backend.read()
        exported = export_terraform(ws.config.desired.resources, state, out_dir=str(target))
    target.mkdir(parents=True, exist_ok=True)
    path = target / "main.tf.json"
    path.write_text(json.dumps(exported.document, indent=2, sort_keys=True) + "\n")
    summary = {
        "file": str(path),
        "exported": [str(a) for a in exported.exported],
        "skipped": [str(a) for a in exported.skipped],
        "imports": exported.imports,
    }
    if out.json_mode:
        out.json(summary)
        return
    for address in exported.skipped:
        out.note(f"skipped {address}: the Databricks provider has no such resource")
    out.line(
        f"Wrote {path}: {len(exported.exported)} resources, {exported.imports} import blocks.",
        "bold green",
    )
    out.line(f"Next: `terraform -chdir={target} init && terraform -chdir={target} plan`")
