"""``dataiku_zone``: a flow zone's name and color. Remote id ``KEY.NAME``; DSS's zone id
is kept as attribute ``id``. Objects join a zone through their own ``zone:`` field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.dataiku.client import DssConnection
from data_iac.providers.dataiku.common import DEFAULT_ZONE_ID, ignore_missing, split_remote_id

__all__ = ["DEFAULT_COLOR", "ZoneHandler", "to_observed"]

KIND = "dataiku_zone"
DEFAULT_COLOR = "#2ab1ac"


def to_observed(project_key: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The spec-contract attributes of a zone (pure); DSS's zone JSON has no project key."""
    return {
        "project_key": project_key,
        "name": raw["name"],
        "id": raw["id"],
        "color": raw.get("color"),
    }


class ZoneHandler:
    """CRUD for flow zones, found by name; the default zone is never managed."""

    schema: KindSchema = spec_of(KIND)

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def read(self, address: Address, remote_id: str) -> Observed | None:
        for found_address, observed in self.list({"project_key": split_remote_id(remote_id)[0]}):
            if found_address == Address(KIND, remote_id):
                return observed
        return None

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        key = str(scope["project_key"])
        try:
            zones = self._conn.client.get_project(key).get_flow().list_zones()
        except ResourceNotFound:
            return []
        out = []
        for zone in zones:
            if zone.id == DEFAULT_ZONE_ID:
                continue
            remote_id = f"{key}.{zone.name}"
            raw = zone.get_settings().get_raw()
            out.append((Address(KIND, remote_id), Observed(remote_id, to_observed(key, raw))))
        return out

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        key, name = str(spec["project_key"]), str(spec["name"])
        flow = self._conn.client.get_project(key).get_flow()
        zone = flow.create_zone(name, spec.get("color") or DEFAULT_COLOR)
        return Observed(f"{key}.{name}", to_observed(key, zone.get_settings().get_raw()))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        key, _ = split_remote_id(observed.remote_id)
        zone = self._conn.client.get_project(key).get_flow().get_zone(observed.attributes["id"])
        settings = zone.get_settings()
        if spec.get("color") is not None:
            settings.color = spec["color"]
        settings.save()
        found = self.read(address, observed.remote_id)
        if found is None:
            raise ResourceNotFound(f"zone {observed.remote_id} vanished", platform="dataiku")
        return found

    def delete(self, address: Address, observed: Observed) -> None:
        key, _ = split_remote_id(observed.remote_id)
        with ignore_missing():
            flow = self._conn.client.get_project(key).get_flow()
            flow.get_zone(observed.attributes["id"]).delete()
