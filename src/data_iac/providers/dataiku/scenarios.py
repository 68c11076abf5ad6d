"""``dataiku_scenario``: active flag, triggers, steps (step_based) or script
(custom_python). Remote id ``KEY.NAME``; DSS's own scenario id is kept as attribute ``id``,
because DSS derives it from the name and the address key is the name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.dataiku.client import DssConnection
from data_iac.providers.dataiku.common import ignore_missing, split_remote_id, version_of

__all__ = ["ScenarioHandler", "apply_spec", "to_observed"]

KIND = "dataiku_scenario"


def to_observed(raw: Mapping[str, Any], script: str | None = None) -> dict[str, Any]:
    """The spec-contract attributes of a scenario document (and its script) (pure)."""
    params = raw.get("params") or {}
    observed = {
        "project_key": raw["projectKey"],
        "name": raw["name"],
        "id": raw["id"],
        "type": raw.get("type"),
        "active": bool(raw.get("active", False)),
        "triggers": list(raw.get("triggers") or []),
        "steps": list(params.get("steps") or []),
    }
    if raw.get("type") == "custom_python":
        observed["script"] = script or ""
    return observed


def apply_spec(data: dict[str, Any], spec: Mapping[str, Any]) -> None:
    """Write the spec's active flag, triggers and steps into a scenario document, in place."""
    if "active" in spec:
        data["active"] = bool(spec["active"])
    if "triggers" in spec:
        data["triggers"] = [dict(t) for t in spec["triggers"] or []]
    if "steps" in spec:
        data.setdefault("params", {})["steps"] = [dict(s) for s in spec["steps"] or []]


class ScenarioHandler:
    """CRUD for DSS scenarios, found by name; thread safe (no shared mutable state)."""

    schema: KindSchema = spec_of(KIND)

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def read(self, address: Address, remote_id: str) -> Observed | None:
        key, name = split_remote_id(remote_id)
        try:
            scenario_id = self._id_of(key, name)
            if scenario_id is None:
                return None
            return self._read_id(key, scenario_id)
        except ResourceNotFound:
            return None

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        key = str(scope["project_key"])
        try:
            items = [dict(i) for i in self._conn.client.get_project(key).list_scenarios()]
        except ResourceNotFound:
            return
        for item in items:
            observed = self._read_id(key, str(item["id"]))
            if observed is not None:
                yield Address(KIND, observed.remote_id), observed

    def list_markers(self, scope: Mapping[str, Any]) -> Iterable[tuple[str, str | None]]:
        """(``KEY.NAME``, versionTag) of every scenario of ``scope["project_key"]``."""
        key = str(scope["project_key"])
        items = self._conn.client.get_project(key).list_scenarios()
        return [(f"{key}.{item['name']}", version_of(item)) for item in items]

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        key, name = str(spec["project_key"]), str(spec["name"])
        definition: dict[str, Any] = {"params": {}}
        if spec["type"] == "step_based":
            definition["params"]["steps"] = [dict(s) for s in spec.get("steps") or []]
        project = self._conn.client.get_project(key)
        scenario = project.create_scenario(name, spec["type"], definition=definition)
        return self._write(key, scenario.id, spec)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        key, _ = split_remote_id(observed.remote_id)
        return self._write(key, str(observed.attributes["id"]), spec)

    def delete(self, address: Address, observed: Observed) -> None:
        key, _ = split_remote_id(observed.remote_id)
        with ignore_missing():
            project = self._conn.client.get_project(key)
            project.get_scenario(str(observed.attributes["id"])).delete()

    def _id_of(self, key: str, name: str) -> str | None:
        for item in self._conn.client.get_project(key).list_scenarios():
            if item["name"] == name:
                return str(item["id"])
        return None

    def _read_id(self, key: str, scenario_id: str) -> Observed | None:
        try:
            settings = self._conn.client.get_project(key).get_scenario(scenario_id).get_settings()
        except ResourceNotFound:
            return None
        data = settings.data
        attributes = to_observed(data, getattr(settings, "script", None))
        return Observed(f"{key}.{data['name']}", attributes, version_of(data))

    def _write(self, key: str, scenario_id: str, spec: Mapping[str, Any]) -> Observed:
        scenario = self._conn.client.get_project(key).get_scenario(scenario_id)
        settings = scenario.get_settings()
        apply_spec(settings.data, spec)
        if "script" in spec and settings.data.get("type") == "custom_python":
            settings.script = str(spec["script"] or "")
        settings.save()
        observed = self._read_id(key, scenario_id)
        if observed is None:
            raise ResourceNotFound(f"scenario {key}.{scenario_id} vanished", platform="dataiku")
        return observed
