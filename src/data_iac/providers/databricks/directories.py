"""``databricks_directory``: a workspace folder, identified by its path.

Spec: ``path``. Create is ``mkdirs`` (parents included); delete refuses a folder that still
has content (the platform answers DIRECTORY_NOT_EMPTY), because its content is either
managed by other resources, deleted first, or not ours to remove.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.directory import SPEC as SCHEMA
from data_iac.kinds.databricks.directory import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import pick
from data_iac.providers.databricks._workspace_io import (
    FAMILY,
    delete_path,
    listed,
    status_of,
    written,
)
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_directory"


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """ObjectInfo JSON -> attributes. Pure."""
    return pick(raw, ("path", *sorted(SCHEMA.computed)))


class Handler:
    """CRUD for folders; the remote id is the workspace path."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        info = status_of(self.client, remote_id, str(address), "DIRECTORY")
        return None if info is None else Observed(remote_id, to_observed(info))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """The folders directly under ``scope["path"]``."""
        for raw in listed(self.client, str(scope.get("path", "/")), "DIRECTORY"):
            yield Address(KIND, raw["path"]), Observed(raw["path"], to_observed(raw))

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        path = normalize_spec(spec)["path"]
        self.client.call(FAMILY, self.client.w.workspace.mkdirs, path, address=str(address))
        message = f"{path} exists but is not a folder"
        return written(self.read(address, path), message, str(address))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        """A folder has nothing to change in place; returns it as it is."""
        return self.read(address, observed.remote_id) or self.create(address, spec)

    def delete(self, address: Address, observed: Observed) -> None:
        delete_path(self.client, observed.remote_id, str(address))
