"""``databricks_metastore_assignment`` (kinds/databricks/metastore_assignment.py) through
the workspace API: ``assign``, ``current`` (read), ``update_assignment``, ``unassign``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds.databricks.metastore_assignment import SPEC
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import as_plain
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["Handler"]

FAMILY = "unity-catalog"


class Handler:
    """The metastore assignment of the connected workspace; thread safe."""

    schema = SPEC

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        workspace_id, _, metastore_id = remote_id.partition("|")
        metastores = self.client.w.metastores
        try:
            current = as_plain(self.client.call(FAMILY, metastores.current, address=str(address)))
        except ResourceNotFound:
            return None
        if str(current.get("workspace_id")) != workspace_id:
            return None  # another workspace: the workspace API reads only its own
        if current.get("metastore_id") != metastore_id:
            return None
        return Observed(remote_id, current)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        """One assignment, read by ``read``: nothing to list."""
        return iter(())

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        workspace_id, metastore_id = int(spec["workspace_id"]), str(spec["metastore_id"])
        catalog = str(spec.get("default_catalog_name") or "hive_metastore")
        self.client.call(
            FAMILY, self.client.w.metastores.assign, workspace_id, metastore_id, catalog,
            address=str(address),
        )  # fmt: skip
        return self._read_back(address, f"{workspace_id}|{metastore_id}")

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        workspace_id, metastore_id = int(spec["workspace_id"]), str(spec["metastore_id"])
        self.client.call(
            FAMILY, self.client.w.metastores.update_assignment, workspace_id,
            metastore_id=metastore_id,
            default_catalog_name=spec.get("default_catalog_name") or "hive_metastore",
            address=str(address),
        )  # fmt: skip
        return self._read_back(address, f"{workspace_id}|{metastore_id}")

    def delete(self, address: Address, observed: Observed) -> None:
        workspace_id, _, metastore_id = observed.remote_id.partition("|")
        try:
            self.client.call(
                FAMILY, self.client.w.metastores.unassign, int(workspace_id), metastore_id,
                address=str(address),
            )  # fmt: skip
        except ResourceNotFound:
            return

    def _read_back(self, address: Address, remote_id: str) -> Observed:
        found = self.read(address, remote_id)
        if found is None:
            raise ResourceNotFound(
                f"{address}: the assignment {remote_id} cannot be read back: the workspace "
                "API reads only the connected workspace's assignment"
            )
        return found
