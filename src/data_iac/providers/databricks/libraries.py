"""``databricks_library`` (kinds/databricks/library.py) over ``w.libraries``: create
installs the one library, read finds it in the cluster's statuses (one being uninstalled
counts as gone), delete uninstalls it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ConfigError, ResourceNotFound
from data_iac.kinds.databricks.library import LIBRARY_TYPES, SPEC, library_id
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import list_plain
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["Handler"]

FAMILY = "libraries"
_GONE = frozenset({"UNINSTALL_ON_RESTART"})


def _library(spec: Mapping[str, Any]) -> dict[str, Any]:
    return {t: spec[t] for t in LIBRARY_TYPES if spec.get(t) is not None}


class Handler:
    """Installs and uninstalls one library on one cluster; thread safe."""

    schema = SPEC

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        cluster_id = remote_id.split("/", 1)[0]
        statuses = self.client.w.libraries.cluster_status
        try:
            rows = list(list_plain(self.client, FAMILY, statuses, cluster_id=cluster_id))
        except ResourceNotFound:
            return None
        for row in rows:
            library = dict(row.get("library") or {})
            attributes = {"cluster_id": cluster_id, **library}
            if library_id(attributes) == remote_id and row.get("status") not in _GONE:
                return Observed(remote_id, {**attributes, "status": row.get("status")})
        return None

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        """Libraries are read per cluster: nothing to list workspace-wide."""
        return iter(())

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        from databricks.sdk.service.compute import Library

        remote_id = library_id(spec)
        if remote_id is None:
            raise ConfigError(f"{address}: name the cluster and exactly one library")
        library = Library.from_dict(_library(spec))
        self.client.call(
            FAMILY, self.client.w.libraries.install, str(spec["cluster_id"]), [library],
            address=str(address),
        )  # fmt: skip
        found = self.read(address, remote_id)
        if found is None:
            raise ResourceNotFound(f"{address}: {remote_id} is missing right after install")
        return found

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self.create(address, spec)  # every field is immutable: only a re-install

    def delete(self, address: Address, observed: Observed) -> None:
        from databricks.sdk.service.compute import Library

        library = Library.from_dict(_library(observed.attributes))
        try:
            self.client.call(
                FAMILY, self.client.w.libraries.uninstall,
                str(observed.attributes["cluster_id"]), [library], address=str(address),
            )  # fmt: skip
        except ResourceNotFound:
            return  # the cluster is gone, and its libraries with it
