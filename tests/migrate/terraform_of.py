"""A Terraform state for objects data-iac applied: what Terraform would hold had it created
them. Each kind's attributes and id follow the provider's documented forms (import ids in
``docs/resources/*.md`` of terraform-provider-databricks: ``scope|||key`` for secrets and
secret ACLs, ``/jobs/<id>`` for permissions, ``catalog/<name>`` for grants), and resource
names are Terraform's own (``tf_<n>``), never our keys, so matching cannot lean on them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.migrate.export_shapes import PERMISSION_ATTRIBUTES
from data_iac.model.provider_ids import ROUTING_FIELD, platform_id
from tests.migrate.tfstates import instance, resource, state

TYPES = {
    "databricks_sql_warehouse": "databricks_sql_endpoint",
    "databricks_experiment": "databricks_mlflow_experiment",
}
# Laktory-only kinds have no provider resource: Terraform never holds them.
NOT_TERRAFORM = {"databricks_python_package", "databricks_workspace_tree"}


def _attributes(kind: str, remote_id: str, attributes: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = dict(attributes)
    if kind in ("databricks_secret", "databricks_secret_acl"):
        found["id"] = remote_id.replace("/", "|||", 1)
    elif kind == "databricks_permissions":
        object_type, object_id = remote_id.rsplit("/", 1)
        target = PERMISSION_ATTRIBUTES.get(object_type, "object_id")
        found = {"id": f"/{remote_id}", target: object_id}
    elif kind == "databricks_grants":
        securable, name = remote_id.split("/", 1)
        found = {"id": remote_id, securable: name}
    else:
        found["id"] = remote_id
    return found


def terraform_state_of(
    ours: Mapping[str, Any], secrets: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """``ours``: the ``resources`` of our state file; ``secrets``: address -> the sensitive
    attributes Terraform keeps in clear in its state (and marks sensitive)."""
    resources = []
    for number, (address, entry) in enumerate(sorted(ours.items())):
        kind = entry["kind"]
        if kind in NOT_TERRAFORM:
            continue
        own = {k: v for k, v in entry["attributes"].items() if k != ROUTING_FIELD}
        attributes = _attributes(kind, platform_id(entry["remote_id"]), own)
        sensitive: tuple[str, ...] = ()
        if address in secrets:
            attributes.update(secrets[address])
            sensitive = tuple(secrets[address])
        if kind == "databricks_group":
            attributes.pop("members", None)
        resources.append(
            resource(
                TYPES.get(kind, kind), f"tf_{number}", instance(attributes, sensitive=sensitive)
            )
        )
    return state(*resources)
