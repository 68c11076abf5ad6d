"""``databricks_workspace_binding`` (kinds/databricks/workspace_binding.py) over
``w.workspace_bindings``: create and update add the binding (with its type), read finds it
among the securable's bindings, delete removes it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds.databricks.workspace_binding import SPEC
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import list_plain
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["Handler"]

FAMILY = "unity-catalog"


def _parts(remote_id: str) -> tuple[str, str, str]:
    workspace_id, securable_type, name = remote_id.split("|", 2)
    return workspace_id, securable_type, name


class Handler:
    """CRUD of one workspace binding; thread safe."""

    schema = SPEC

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        workspace_id, securable_type, name = _parts(remote_id)
        listing = self.client.w.workspace_bindings.get_bindings
        try:
            rows = list(
                list_plain(
                    self.client, FAMILY, listing, securable_type=securable_type,
                    securable_name=name,
                )
            )  # fmt: skip
        except ResourceNotFound:
            return None
        for row in rows:
            if str(row.get("workspace_id")) == workspace_id:
                attributes = {
                    "workspace_id": row["workspace_id"],
                    "securable_type": securable_type,
                    "securable_name": name,
                    "binding_type": row.get("binding_type"),
                }
                return Observed(remote_id, attributes)
        return None

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        """Bindings are read per securable: nothing to list workspace-wide."""
        return iter(())

    def natural_id(self, address: Address, spec: Mapping[str, Any]) -> str | None:
        """``WORKSPACE_ID|SECURABLE_TYPE|NAME`` of the binding (recovery reads it)."""
        if not (spec.get("workspace_id") and spec.get("securable_name")):
            return None
        securable_type = str(spec.get("securable_type") or "catalog")
        return f"{spec['workspace_id']}|{securable_type}|{spec['securable_name']}"

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        from databricks.sdk.service.catalog import WorkspaceBinding, WorkspaceBindingBindingType

        securable_type = str(spec.get("securable_type") or "catalog")
        kind = WorkspaceBindingBindingType(spec.get("binding_type") or "BINDING_TYPE_READ_WRITE")
        binding = WorkspaceBinding(workspace_id=int(spec["workspace_id"]), binding_type=kind)
        self.client.call(
            FAMILY, self.client.w.workspace_bindings.update_bindings, securable_type,
            str(spec["securable_name"]), add=[binding], address=str(address),
        )  # fmt: skip
        remote_id = f"{spec['workspace_id']}|{securable_type}|{spec['securable_name']}"
        found = self.read(address, remote_id)
        if found is None:
            raise ResourceNotFound(f"{address}: the binding is missing right after it was added")
        return found

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self.create(address, spec)  # adding again sets the binding type

    def delete(self, address: Address, observed: Observed) -> None:
        from databricks.sdk.service.catalog import WorkspaceBinding

        workspace_id, securable_type, name = _parts(observed.remote_id)
        try:
            self.client.call(
                FAMILY, self.client.w.workspace_bindings.update_bindings, securable_type, name,
                remove=[WorkspaceBinding(workspace_id=int(workspace_id))], address=str(address),
            )  # fmt: skip
        except ResourceNotFound:
            return  # the securable is gone, and its bindings with it
