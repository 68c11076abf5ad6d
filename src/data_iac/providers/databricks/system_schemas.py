"""``databricks_system_schema`` (kinds/databricks/system_schema.py) over
``w.system_schemas``: create enables (an "already exists" answer counts as enabled, as the
Terraform provider treats it), read finds the schema enabled in the metastore's listing,
delete disables."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ProviderError, ResourceNotFound
from data_iac.kinds.databricks.system_schema import SPEC
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import list_plain
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["ENABLED", "Handler"]

FAMILY = "unity-catalog"
# SystemSchemaInfo.state values meaning the schema is (being) enabled.
ENABLED = frozenset({"ENABLE_COMPLETED", "ENABLE_INITIALIZED"})
_Rows = list[dict[str, Any]]


class Handler:
    """Enables and disables system schemas; thread safe."""

    schema = SPEC

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def _metastore_id(self, address: Address) -> str:
        summary = self.client.call(FAMILY, self.client.w.metastores.summary, address=str(address))
        return str(summary.metastore_id)

    def read(self, address: Address, remote_id: str) -> Observed | None:
        metastore_id, _, name = remote_id.partition("|")
        for found in self._listing(address, metastore_id):
            if found.get("schema") == name and found.get("state") in ENABLED:
                return _observed(metastore_id, found)
        return None

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        at = Address(SPEC.kind, "?")
        metastore_id = self._metastore_id(at)
        for found in self._listing(at, metastore_id):
            if found.get("state") in ENABLED:
                yield Address(SPEC.kind, str(found["schema"])), _observed(metastore_id, found)

    def natural_id(self, address: Address, spec: Mapping[str, Any]) -> str | None:
        """``METASTORE_ID|SCHEMA`` (recovery reads it; the metastore is the workspace's)."""
        if not spec.get("schema"):
            return None
        return f"{self._metastore_id(address)}|{spec['schema']}"

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        metastore_id, name = self._metastore_id(address), str(spec["schema"])
        try:
            self.client.call(
                FAMILY, self.client.w.system_schemas.enable, metastore_id, name,
                address=str(address),
            )  # fmt: skip
        except ProviderError as exc:
            if "already exists" not in str(exc):
                raise
        found = self.read(address, f"{metastore_id}|{name}")
        if found is None:
            raise ResourceNotFound(f"{address}: system schema {name} is not enabled")
        return found

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self.read(address, observed.remote_id) or self.create(address, spec)

    def delete(self, address: Address, observed: Observed) -> None:
        metastore_id, _, name = observed.remote_id.partition("|")
        if self.read(address, observed.remote_id) is None:
            return  # already disabled
        self.client.call(
            FAMILY, self.client.w.system_schemas.disable, metastore_id, name,
            address=str(address),
        )  # fmt: skip

    def _listing(self, address: Address, metastore_id: str) -> _Rows:
        listing = self.client.w.system_schemas.list
        return list(list_plain(self.client, FAMILY, listing, metastore_id=metastore_id))


def _observed(metastore_id: str, found: Mapping[str, Any]) -> Observed:
    attributes = {
        "schema": found["schema"],
        "state": found.get("state"),
        "metastore_id": metastore_id,
    }
    return Observed(f"{metastore_id}|{found['schema']}", attributes)
