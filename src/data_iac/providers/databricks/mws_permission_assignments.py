"""``databricks_mws_permission_assignment``: an account principal's access to a workspace,
``{workspace_id, principal_id, permissions: [USER|ADMIN]}`` (Laktory's
``workspace_permission_assignments``, the Terraform provider's
``databricks_mws_permission_assignment``). Account-level only: served by an account provider
through ``AccountClient.workspace_assignment``. Remote id: ``WORKSPACE_ID|PRINCIPAL_ID`` (the
Terraform provider's id). Both ids are immutable (a change replaces)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ProviderError, ResourceNotFound
from data_iac.kinds.databricks.mws_permission_assignment import SPEC as SCHEMA
from data_iac.kinds.databricks.mws_permission_assignment import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["KIND", "SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_mws_permission_assignment"
FAMILY = "account-iam"


def to_observed(workspace_id: str, raw: Mapping[str, Any]) -> Observed:
    """One ``PermissionAssignment`` JSON of a workspace as attributes."""
    principal_id = str((raw.get("principal") or {}).get("principal_id"))
    attributes = {
        "workspace_id": workspace_id,
        "principal_id": principal_id,
        "permissions": sorted(str(p) for p in raw.get("permissions") or []),
    }
    return Observed(f"{workspace_id}|{principal_id}", attributes)


class Handler:
    """CRUD through ``client.a.workspace_assignment``; thread safe (no state of its own)."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def _account(self) -> Any:
        account = getattr(self.client, "a", None)
        if account is None:
            raise ProviderError(
                f"{KIND} needs an account provider (account_id set)", platform="databricks"
            )
        return account

    def _assignments(self, workspace_id: str, address: str) -> list[dict[str, Any]]:
        api = self._account().workspace_assignment
        found = self.client.call(FAMILY, api.list, int(workspace_id), address=address)
        return [a.as_dict() for a in found]

    def read(self, address: Address, remote_id: str) -> Observed | None:
        workspace_id, _, principal_id = remote_id.partition("|")
        for raw in self._assignments(workspace_id, str(address)):
            observed = to_observed(workspace_id, raw)
            if observed.attributes["principal_id"] == principal_id:
                return observed
        return None

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        workspace_id = scope.get("workspace_id")
        if not workspace_id:
            return iter(())
        found = [
            to_observed(str(workspace_id), r) for r in self._assignments(str(workspace_id), "")
        ]
        return iter([(Address(KIND, o.remote_id), o) for o in found])

    def natural_id(self, address: Address, spec: Mapping[str, Any]) -> str | None:
        """``WORKSPACE_ID|PRINCIPAL_ID``: what the assignment is about (for recovery)."""
        if not (spec.get("workspace_id") and spec.get("principal_id")):
            return None
        return f"{spec['workspace_id']}|{spec['principal_id']}"

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return self._put(address, normalize_spec(spec))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._put(address, normalize_spec(spec))

    def _put(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        from databricks.sdk.service.iam import WorkspacePermission

        api = self._account().workspace_assignment
        self.client.call(
            FAMILY,
            api.update,
            workspace_id=int(spec["workspace_id"]),
            principal_id=int(spec["principal_id"]),
            permissions=[WorkspacePermission(p) for p in spec["permissions"]],
            address=str(address),
        )
        remote_id = f"{spec['workspace_id']}|{spec['principal_id']}"
        found = self.read(address, remote_id)
        if found is None:
            raise ResourceNotFound(f"{address}: the assignment vanished after it was made")
        return found

    def delete(self, address: Address, observed: Observed) -> None:
        workspace_id, _, principal_id = observed.remote_id.partition("|")
        api = self._account().workspace_assignment
        try:
            self.client.call(
                FAMILY, api.delete, int(workspace_id), int(principal_id), address=str(address)
            )
        except ResourceNotFound:
            return
