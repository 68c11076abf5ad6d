"""The desired state as Terraform JSON for the Databricks provider, with ``import`` blocks:
a pure function of the desired state and our state.

Resource names are our keys made into Terraform identifiers; references become Terraform
expressions (``${databricks_notebook.nb.path}``); secret values become sensitive input
variables, never written in clear; a group's members become ``databricks_group_member``
resources. Dataiku resources have no Terraform provider: they are listed as skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.addresses import Address
from data_iac.migrate.export_shapes import SECRET, terraform_body
from data_iac.migrate.terraform_kinds import by_kind
from data_iac.model.provider_ids import ROUTING_FIELD, platform_id
from data_iac.model.references import REFERENCE, find_references
from data_iac.model.resource import Resource
from data_iac.model.state import StateSnapshot

__all__ = ["TerraformExport", "export_terraform", "terraform_name"]

_NOT_IDENTIFIER = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class TerraformExport:
    """``document`` is one ``*.tf.json`` file; ``imports`` counts its import blocks."""

    document: dict[str, Any]
    exported: tuple[Address, ...]
    skipped: tuple[Address, ...]
    imports: int


def terraform_name(address: Address) -> str:
    """Our key as a Terraform resource name: ``cat.raw`` -> ``cat__raw``."""
    name = _NOT_IDENTIFIER.sub("_", address.key.replace(".", "__"))
    return name if name[:1].isalpha() or name[:1] == "_" else f"r_{name}"


def export_terraform(
    resources: Mapping[Address, Resource], state: StateSnapshot | None, *, out_dir: str
) -> TerraformExport:
    """Every Databricks resource of the config as provider resources, plus an import block
    for each one our state manages (its remote id, in the provider's import id form)."""
    blocks: dict[str, dict[str, Any]] = {}
    variables: dict[str, Any] = {}
    imports: list[dict[str, str]] = []
    aliases: set[str] = set()
    exported, skipped = [], []
    context = _Context(resources, out_dir)
    for address in sorted(resources, key=str):
        facts = by_kind(address.kind)
        if facts is None:
            skipped.append(address)
            continue
        spec = dict(resources[address].spec)
        provider = spec.pop(ROUTING_FIELD, None)
        body = terraform_body(facts, spec, context.path_of)
        if provider:
            body["provider"] = str(provider)
            aliases.add(str(provider).partition(".")[2])
        body = _expressions(body, variables, address)
        depends = _depends_on(resources[address], resources)
        if depends:
            body["depends_on"] = depends
        blocks.setdefault(facts.type, {})[terraform_name(address)] = body
        for member_type, member_name, member in context.members_of(address):
            blocks.setdefault(member_type, {})[member_name] = member
        exported.append(address)
        entry = state.resources.get(address) if state is not None else None
        if entry is not None and facts.importable:
            imports.append(
                {
                    "to": f"{facts.type}.{terraform_name(address)}",
                    "id": facts.import_id(platform_id(entry.remote_id)),
                }
            )
    document: dict[str, Any] = {
        "terraform": {"required_providers": {"databricks": {"source": "databricks/databricks"}}},
        "provider": {"databricks": [{}, *({"alias": a} for a in sorted(aliases) if a)]},
        "resource": blocks,
    }
    if context.data:
        document["data"] = context.data
    if variables:
        document["variable"] = variables
    if imports:
        document["import"] = imports
    return TerraformExport(document, tuple(exported), tuple(skipped), len(imports))


class _Context:
    """Lookups across resources: file paths relative to the output, group members."""

    def __init__(self, resources: Mapping[Address, Resource], out_dir: str) -> None:
        self.resources = resources
        self.out_dir = out_dir
        self.data: dict[str, dict[str, Any]] = {}
        self.principals: dict[str, Address] = {}
        for address, resource in resources.items():
            name_field = _PRINCIPAL_NAME.get(address.kind)
            if name_field and resource.spec.get(name_field):
                self.principals[str(resource.spec[name_field])] = address

    def path_of(self, local: str) -> str:
        return os.path.relpath(local, self.out_dir) if os.path.isabs(local) else local

    def members_of(self, group: Address) -> list[tuple[str, str, dict[str, Any]]]:
        if group.kind != "databricks_group":
            return []
        found = []
        for member in self.resources[group].spec.get("members") or []:
            name = f"{terraform_name(group)}__{_NOT_IDENTIFIER.sub('_', str(member))}"
            body = {
                "group_id": f"${{databricks_group.{terraform_name(group)}.id}}",
                "member_id": self._member_id(str(member)),
            }
            found.append(("databricks_group_member", name, body))
        return found

    def _member_id(self, member: str) -> str:
        address = self.principals.get(member)
        if address is not None:
            facts = by_kind(address.kind)
            assert facts is not None
            return f"${{{facts.type}.{terraform_name(address)}.id}}"
        label = _NOT_IDENTIFIER.sub("_", member)
        self.data.setdefault("databricks_user", {})[label] = {"user_name": member}
        return f"${{data.databricks_user.{label}.id}}"


_PRINCIPAL_NAME = {
    "databricks_user": "user_name",
    "databricks_group": "display_name",
    "databricks_service_principal": "application_id",
}


def _expressions(value: Any, variables: dict[str, Any], owner: Address) -> Any:
    """References -> Terraform expressions; secret placeholders -> variables."""
    if isinstance(value, str):
        return REFERENCE.sub(_expression, value)
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if item is SECRET:
                variable = f"{terraform_name(owner)}_{key}"
                variables[variable] = {"type": "string", "sensitive": True}
                out[key] = f"${{var.{variable}}}"
            else:
                out[key] = _expressions(item, variables, owner)
        return out
    if isinstance(value, list):
        return [_expressions(item, variables, owner) for item in value]
    return value


def _depends_on(resource: Resource, resources: Mapping[Address, Resource]) -> list[str]:
    """Structural dependencies (a schema on its catalog) that no reference carries."""
    referenced = {target for target, _ in find_references(resource.spec)}
    found = []
    for target in sorted(resource.depends_on - referenced, key=str):
        facts = by_kind(target.kind)
        if facts is not None and target in resources:
            found.append(f"{facts.type}.{terraform_name(target)}")
    return found


def _expression(found: re.Match[str]) -> str:
    target = Address.parse(found["address"])
    facts = by_kind(target.kind)
    type_name = facts.type if facts is not None else target.kind
    return f"${{{type_name}.{terraform_name(target)}.{found['attr']}}}"
