"""What the principal role kinds share (``databricks_user_role``, ``databricks_group_role``,
``databricks_service_principal_role``; Laktory's ``roles:`` of a principal): one role in
the principal's SCIM ``roles``, as the Terraform provider manages it
(``scim/resource_group_role.go`` of databricks/terraform-provider-databricks at 0ff084b5):
create PATCHes ``add`` ``roles`` ``[{value: ROLE}]``, read looks the role up in the
principal's ``roles``, delete PATCHes ``remove`` ``roles[value eq "ROLE"]``. Remote id:
``PRINCIPAL_ID|ROLE``. Works on a workspace (an instance profile ARN) and on the account
(``account_admin``, through an account provider), whose SCIM services have the same
methods. A group's ``members`` are the same shape (``databricks_group_member``, remote id
``GROUP_ID|MEMBER_ID``): ``RoleKind`` names the SCIM attribute and the spec field of its value."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks._scim import FAMILY, patch
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["RoleHandler", "RoleKind", "role_schema"]


@dataclass(frozen=True)
class RoleKind:
    """One principal role kind: its name, the spec field naming the principal, its service."""

    kind: str
    principal_field: str  # "user_id", "group_id", "service_principal_id"
    service: Callable[[Any], Any]  # WorkspaceClient or AccountClient -> ``.users``...
    attribute: str = "roles"  # the principal's multi-valued SCIM attribute
    value_field: str = "role"  # the spec field holding one value of it


def role_schema(kind: RoleKind) -> KindSchema:
    """Both fields identify the object: a change replaces it."""
    return KindSchema(kind=kind.kind, immutable=frozenset({kind.principal_field, kind.value_field}))


class RoleHandler:
    """CRUD of one role of one principal through ``client``; thread safe."""

    role_kind: RoleKind

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        principal_id, _, role = remote_id.partition("|")
        service = self.role_kind.service(self.client.w)
        try:
            found = self.client.call(FAMILY, service.get, principal_id, address=str(address))
        except ResourceNotFound:
            return None
        kind = self.role_kind
        held = {v.value for v in getattr(found, kind.attribute) or []}
        if role not in held:
            return None
        attributes = {kind.principal_field: principal_id, kind.value_field: role}
        return Observed(remote_id, attributes)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        """Roles are read per principal: nothing to list workspace-wide."""
        return iter(())

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        kind = self.role_kind
        principal_id, role = str(spec[kind.principal_field]), str(spec[kind.value_field])
        operation = {"op": "add", "path": kind.attribute, "value": [{"value": role}]}
        self._patch(address, principal_id, operation)
        found = self.read(address, f"{principal_id}|{role}")
        if found is None:
            raise ResourceNotFound(
                f"{address}: {role} is missing from {kind.attribute} right after it was added"
            )
        return found

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self.create(address, spec)  # both fields are immutable: only a re-add

    def delete(self, address: Address, observed: Observed) -> None:
        principal_id, _, role = observed.remote_id.partition("|")
        operation = {"op": "remove", "path": f'{self.role_kind.attribute}[value eq "{role}"]'}
        try:
            self._patch(address, principal_id, operation)
        except ResourceNotFound:
            return  # the principal is gone, and its values with it

    def _patch(self, address: Address, principal_id: str, operation: dict[str, Any]) -> None:
        service = self.role_kind.service(self.client.w)
        patch(self.client, service.patch, principal_id, [operation], address=str(address))
