"""``databricks_table`` (kinds/databricks/table.py) over ``w.tables``: adopts an existing
table, sets its owner, forgets it on delete (a table is never dropped here)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.kinds.databricks.table import SPEC
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import get_plain, list_plain
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["Handler"]

FAMILY = "unity-catalog"


class Handler:
    """Owner of existing tables; thread safe."""

    schema = SPEC

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        tables = self.client.w.tables
        raw = get_plain(self.client, FAMILY, tables.get, remote_id, address=str(address))
        return None if raw is None else Observed(str(raw["full_name"]), raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        if not scope.get("catalog_name") or not scope.get("schema_name"):
            return
        for raw in list_plain(self.client, FAMILY, self.client.w.tables.list, **dict(scope)):
            yield Address(SPEC.kind, str(raw["full_name"])), Observed(str(raw["full_name"]), raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        full_name = SPEC.natural_key(spec)
        found = None if full_name is None else self.read(address, full_name)
        if found is None:
            raise ProviderError(
                f"{address}: table {full_name} does not exist; databricks_table manages the "
                "owner and grants of an existing table",
                hint="create the table with SQL or a pipeline first",
                platform="databricks",
                address=str(address),
            )
        return self.update(address, found, spec)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        owner = spec.get("owner")
        if owner and owner != observed.attributes.get("owner"):
            self.client.call(
                FAMILY, self.client.w.tables.update, observed.remote_id, owner=owner,
                address=str(address),
            )  # fmt: skip
        return self.read(address, observed.remote_id) or observed

    def delete(self, address: Address, observed: Observed) -> None:
        """Forget the table: it is never dropped (nor its data)."""
        return None
