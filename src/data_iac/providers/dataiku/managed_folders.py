"""``dataiku_managed_folder``: connection, type, params and flow zone. Remote id
``KEY.NAME``; DSS addresses folders by a generated 8-character id, kept as attribute ``id``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.dataiku.client import DssConnection
from data_iac.providers.dataiku.common import (
    deep_merge,
    ignore_missing,
    move_to_zone,
    split_remote_id,
    version_of,
    zone_index,
)

__all__ = ["ManagedFolderHandler", "to_observed"]

KIND = "dataiku_managed_folder"
OBJECT_TYPE = "MANAGED_FOLDER"
DEFAULT_CONNECTION = "filesystem_folders"


def to_observed(raw: Mapping[str, Any], zone: str | None = None) -> dict[str, Any]:
    """The spec-contract attributes of a managed folder document (pure)."""
    params = dict(raw.get("params") or {})
    return {
        "project_key": raw["projectKey"],
        "name": raw["name"],
        "id": raw["id"],
        "type": raw.get("type"),
        "connection": params.get("connection"),
        "params": params,
        "zone": zone,
    }


class ManagedFolderHandler:
    """CRUD for DSS managed folders, found by name; thread safe."""

    schema: KindSchema = spec_of(KIND)

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def read(self, address: Address, remote_id: str) -> Observed | None:
        key, _ = split_remote_id(remote_id)
        for found_address, observed in self.list({"project_key": key}):
            if found_address == Address(KIND, remote_id):
                return observed
        return None

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every folder of ``scope["project_key"]``, from one listing plus the zones."""
        key = str(scope["project_key"])
        project = self._conn.client.get_project(key)
        try:
            folders = project.list_managed_folders()
            zones = zone_index(project)
        except ResourceNotFound:
            return []
        out = []
        for raw in folders:
            remote_id = f"{key}.{raw['name']}"
            attributes = to_observed(raw, zones.get((OBJECT_TYPE, str(raw["id"]))))
            out.append((Address(KIND, remote_id), Observed(remote_id, attributes, version_of(raw))))
        return out

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        key, name = str(spec["project_key"]), str(spec["name"])
        folder = self._conn.client.get_project(key).create_managed_folder(
            name,
            folder_type=spec.get("type"),
            connection_name=spec.get("connection") or DEFAULT_CONNECTION,
        )
        return self._write(address, key, folder.id, spec)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        key, _ = split_remote_id(observed.remote_id)
        return self._write(address, key, str(observed.attributes["id"]), spec)

    def delete(self, address: Address, observed: Observed) -> None:
        key, _ = split_remote_id(observed.remote_id)
        with ignore_missing():
            folder_id = str(observed.attributes["id"])
            self._conn.client.get_project(key).get_managed_folder(folder_id).delete()

    def _write(
        self, address: Address, key: str, folder_id: str, spec: Mapping[str, Any]
    ) -> Observed:
        project = self._conn.client.get_project(key)
        folder = project.get_managed_folder(folder_id)
        settings = folder.get_settings()
        raw = settings.get_raw()
        if "params" in spec:
            raw["params"] = deep_merge(raw.get("params") or {}, spec["params"])
        if spec.get("connection") is not None:
            raw.setdefault("params", {})["connection"] = spec["connection"]
        if spec.get("type") is not None:
            raw["type"] = spec["type"]
        settings.save()
        if "zone" in spec:
            move_to_zone(project, spec["zone"], folder)
        observed = self.read(address, f"{key}.{spec['name']}")
        if observed is None:
            raise ResourceNotFound(f"managed folder {key}.{folder_id} vanished", platform="dataiku")
        return observed
