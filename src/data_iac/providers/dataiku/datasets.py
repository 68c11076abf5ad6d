"""``dataiku_dataset``: a DSS dataset's settings and its flow zone. Remote id ``KEY.NAME``.

Managed Filesystem datasets are created through DSS's managed-dataset endpoint (DSS picks
the path); every other one with the plain create. Either way the settings are then saved
so the object matches the whole spec.
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
from data_iac.providers.dataiku.common import (
    deep_merge,
    ignore_missing,
    move_to_zone,
    sorted_tags,
    split_remote_id,
    version_of,
    zone_index,
)

__all__ = ["DatasetHandler", "apply_spec", "normalise_columns", "observed_schema", "to_observed"]

KIND = "dataiku_dataset"
OBJECT_TYPE = "DATASET"
DEFAULT_MANAGED_CONNECTION = "filesystem_managed"


def normalise_columns(columns: Any) -> list[dict[str, Any]]:
    """Schema columns without the empty fields DSS adds (maxLength -1, blank comments)."""
    if not isinstance(columns, list):
        return []
    return [
        {
            k: v
            for k, v in column.items()
            if v not in (None, "") and not (k == "maxLength" and v == -1)
        }
        for column in columns
        if isinstance(column, Mapping)
    ]


def observed_schema(schema: Any) -> dict[str, Any]:
    """A dataset's schema: its columns, and ``userModified`` when DSS answers it."""
    schema = schema if isinstance(schema, Mapping) else {}
    out: dict[str, Any] = {"columns": normalise_columns(schema.get("columns"))}
    if "userModified" in schema:
        out["userModified"] = bool(schema["userModified"])
    return out


def to_observed(raw: Mapping[str, Any], zone: str | None = None) -> dict[str, Any]:
    """The spec-contract attributes of a dataset settings document (pure)."""
    params = dict(raw.get("params") or {})
    return {
        "project_key": raw["projectKey"],
        "name": raw["name"],
        "type": raw.get("type"),
        "managed": bool(raw.get("managed", False)),
        "connection": params.get("connection"),
        "params": params,
        "format_type": raw.get("formatType"),
        "format_params": dict(raw.get("formatParams") or {}),
        "schema": observed_schema(raw.get("schema")),
        "description": raw.get("description", ""),
        "tags": sorted_tags(raw.get("tags")),
        "zone": zone,
    }


def apply_spec(document: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """The settings document with the spec's fields written in; the rest survives (pure)."""
    doc = dict(document)
    params = dict(doc.get("params") or {})
    if "params" in spec:
        params = deep_merge(params, spec["params"])
    if spec.get("connection") is not None:
        params["connection"] = spec["connection"]
    doc["params"] = params
    if "format_type" in spec and spec["format_type"] != doc.get("formatType"):
        # Another format's parameters mean nothing to the new one.
        doc["formatType"] = spec["format_type"]
        doc["formatParams"] = dict(spec.get("format_params") or {})
    elif "format_params" in spec:
        doc["formatParams"] = deep_merge(doc.get("formatParams") or {}, spec["format_params"])
    if "schema" in spec:
        schema = dict(doc.get("schema") or {})
        wanted = spec["schema"] or {}
        schema["columns"] = [dict(c) for c in wanted.get("columns", [])]
        if "userModified" in wanted:
            schema["userModified"] = bool(wanted["userModified"])
        doc["schema"] = schema
    for field in ("description", "tags"):
        if field in spec:
            doc[field] = spec[field]
    return doc


class DatasetHandler:
    """CRUD for DSS datasets; thread safe (no shared mutable state)."""

    schema: KindSchema = spec_of(KIND)

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def read(self, address: Address, remote_id: str) -> Observed | None:
        key, name = split_remote_id(remote_id)
        project = self._conn.client.get_project(key)
        try:
            raw = project.get_dataset(name).get_settings().get_raw()
            zone = zone_index(project).get((OBJECT_TYPE, name))
        except ResourceNotFound:
            return None
        return Observed(remote_id, to_observed(raw, zone), version_of(raw))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every dataset of ``scope["project_key"]``, from one listing plus the zones."""
        key = str(scope["project_key"])
        project = self._conn.client.get_project(key)
        try:
            items = [dict(item) for item in project.list_datasets(as_type="listitems")]
            zones = zone_index(project)
        except ResourceNotFound:
            return
        for raw in items:
            remote_id = f"{key}.{raw['name']}"
            zone = zones.get((OBJECT_TYPE, raw["name"]))
            yield (
                Address(KIND, remote_id),
                Observed(remote_id, to_observed(raw, zone), version_of(raw)),
            )

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        key, name = str(spec["project_key"]), str(spec["name"])
        project = self._conn.client.get_project(key)
        if spec.get("managed") and spec.get("type", "Filesystem") == "Filesystem":
            creator = project.new_managed_dataset(name)
            creator.with_store_into(spec.get("connection") or DEFAULT_MANAGED_CONNECTION)
            creator.create()
        else:
            params = dict(spec.get("params") or {})
            if spec.get("connection") is not None:
                params["connection"] = spec["connection"]
            project.create_dataset(
                name,
                spec["type"],
                params=params,
                formatType=spec.get("format_type"),
                formatParams=dict(spec.get("format_params") or {}),
            )
        return self._write(address, f"{key}.{name}", spec, creating=True)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._write(address, observed.remote_id, spec, creating=False)

    def delete(self, address: Address, observed: Observed) -> None:
        key, name = split_remote_id(observed.remote_id)
        with ignore_missing():
            self._conn.client.get_project(key).get_dataset(name).delete(drop_data=False)

    def _write(
        self, address: Address, remote_id: str, spec: Mapping[str, Any], *, creating: bool
    ) -> Observed:
        key, name = split_remote_id(remote_id)
        project = self._conn.client.get_project(key)
        dataset = project.get_dataset(name)
        settings = dataset.get_settings()
        wanted = apply_spec(settings.get_raw(), spec)
        if creating and "managed" in spec:
            wanted["managed"] = bool(spec["managed"])
        settings.get_raw().clear()
        settings.get_raw().update(wanted)
        settings.save()
        if "zone" in spec:
            move_to_zone(project, spec["zone"], dataset)
        observed = self.read(address, remote_id)
        if observed is None:
            raise ResourceNotFound(
                f"dataset {remote_id} vanished while being written", platform="dataiku"
            )
        return observed
