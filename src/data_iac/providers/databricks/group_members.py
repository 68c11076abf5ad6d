"""``databricks_group_member`` (kinds/databricks/group_member.py): one member in a group's
SCIM ``members``, added and removed by SCIM PATCH through ``w.groups``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds.databricks.group_member import SPEC
from data_iac.model.resource import Observed
from data_iac.providers.databricks._scim import FAMILY, patch
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["Handler"]


class Handler:
    """CRUD of one group membership; thread safe."""

    schema = SPEC

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        group_id, _, member_id = remote_id.partition("|")
        groups = self.client.w.groups
        try:
            group = self.client.call(FAMILY, groups.get, group_id, address=str(address))
        except ResourceNotFound:
            return None
        if member_id not in {m.value for m in group.members or []}:
            return None
        return Observed(remote_id, {"group_id": group_id, "member_id": member_id})

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        """Memberships are read per group: nothing to list workspace-wide."""
        return iter(())

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        group_id, member_id = str(spec["group_id"]), str(spec["member_id"])
        operation = {"op": "add", "path": "members", "value": [{"value": member_id}]}
        self._patch(address, group_id, operation)
        found = self.read(address, f"{group_id}|{member_id}")
        if found is None:
            raise ResourceNotFound(f"{address}: member {member_id} is missing after it was added")
        return found

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self.create(address, spec)  # both fields are immutable: only a re-add

    def delete(self, address: Address, observed: Observed) -> None:
        group_id, _, member_id = observed.remote_id.partition("|")
        operation = {"op": "remove", "path": f'members[value eq "{member_id}"]'}
        try:
            self._patch(address, group_id, operation)
        except ResourceNotFound:
            return  # the group is gone, and its members with it

    def _patch(self, address: Address, group_id: str, operation: dict[str, Any]) -> None:
        patch(self.client, self.client.w.groups.patch, group_id, [operation], address=str(address))
