"""``dataiku_connection``: a DSS connection (admin), by name, through ``DSSConnection``.

``params`` are compared key by key (only the keys the config writes); ``credentials`` are
the secret params (password, secretKey ...): written into ``params`` on every create and
update, never read back (DSS answers them encrypted, ``DSSConnection.get_definition``),
so they are write-only and sensitive: state and plans keep a salted digest only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.dataiku.client import DssConnection
from data_iac.providers.dataiku.common import ignore_missing

__all__ = ["ConnectionHandler", "apply_spec", "to_observed"]

KIND = "dataiku_connection"
# spec field -> the definition's field
FIELDS = {
    "description": "description",
    "usable_by": "usableBy",
    "allowed_groups": "allowedGroups",
    "allow_write": "allowWrite",
    "allow_managed_datasets": "allowManagedDatasets",
    "allow_managed_folders": "allowManagedFolders",
}


ENCRYPTED = "e:AES:"  # DSS's encrypted form of a secret param


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The spec-contract attributes of a connection definition (pure); params DSS holds
    encrypted are left out: they are never compared, and never kept in state."""
    params = {
        key: value
        for key, value in (raw.get("params") or {}).items()
        if not (isinstance(value, str) and value.startswith(ENCRYPTED))
    }
    out = {"name": raw["name"], "type": raw.get("type"), "params": params}
    out.update({field: raw.get(key) for field, key in FIELDS.items()})
    readability = raw.get("detailsReadability") or {}
    out["details_readable_by"] = readability.get("readableBy")
    return out


def apply_spec(raw: dict[str, Any], spec: Mapping[str, Any]) -> None:
    """Write the spec into a fetched definition, in place; other fields survive."""
    params = raw.setdefault("params", {})
    params.update(spec.get("params") or {})
    params.update(spec.get("credentials") or {})
    for field, key in FIELDS.items():
        if field in spec:
            raw[key] = list(spec[field]) if isinstance(spec[field], list) else spec[field]
    if "details_readable_by" in spec:
        raw.setdefault("detailsReadability", {})["readableBy"] = spec["details_readable_by"]


class ConnectionHandler:
    """CRUD for DSS connections (needs an admin API key)."""

    schema: KindSchema = spec_of(KIND)

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def read(self, address: Address, remote_id: str) -> Observed | None:
        if remote_id not in self._conn.client.list_connections(as_type="dictitems"):
            return None
        raw = self._conn.client.get_connection(remote_id).get_settings().get_raw()
        return Observed(remote_id, to_observed(raw))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        for name in self._conn.client.list_connections(as_type="dictitems"):
            raw = self._conn.client.get_connection(name).get_settings().get_raw()
            yield Address(KIND, name), Observed(name, to_observed(raw))

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        """Create with type, params (and credentials) and usability, then save the rest."""
        name = str(spec["name"])
        params = {**(spec.get("params") or {}), **(spec.get("credentials") or {})}
        self._conn.client.create_connection(
            name,
            str(spec["type"]),
            params,
            usable_by=str(spec.get("usable_by") or "ALL"),
            allowed_groups=list(spec.get("allowed_groups") or []),
            description=spec.get("description"),
        )
        return self._write(name, spec)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._write(observed.remote_id, spec)

    def delete(self, address: Address, observed: Observed) -> None:
        with ignore_missing():
            self._conn.client.get_connection(observed.remote_id).delete()

    def _write(self, name: str, spec: Mapping[str, Any]) -> Observed:
        settings = self._conn.client.get_connection(name).get_settings()
        apply_spec(settings.get_raw(), spec)
        settings.save()
        observed = self.read(Address(KIND, name), name)
        if observed is None:
            raise ResourceNotFound(f"connection {name} vanished", platform="dataiku")
        return observed
