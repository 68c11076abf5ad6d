"""``dataiku_recipe``: a recipe's inputs, outputs, params, payload and flow zone.
Remote id ``KEY.NAME``.

Specs name inputs and outputs by name; DSS refers to managed folders by their id, so refs
are translated both ways with the project's folder listing. Inputs and outputs all live
in the ``main`` role when we write them; on read every role is flattened in order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.config.dataiku.payloads import PAYLOAD_KEYS, without_metadata
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

__all__ = ["RecipeHandler", "flat_refs", "payload_text", "to_observed"]

KIND = "dataiku_recipe"
OBJECT_TYPE = "RECIPE"
VIRTUAL_INPUT_TYPES = frozenset({"join", "vstack", "fuzzyjoin", "geojoin"})
CODE_TYPES = frozenset({"python", "r", "sql_script", "sql_query", "pyspark", "sparkr",
                        "spark_scala", "shell", "spark_sql_query"})  # fmt: skip


def flat_refs(roles: Any) -> list[str]:
    """Every ref of a recipe's ``inputs`` or ``outputs``, across roles, in order."""
    if not isinstance(roles, Mapping):
        return []
    return [str(item["ref"]) for role in roles.values() for item in (role or {}).get("items", [])]


def payload_text(code: Any) -> str:
    """The payload string DSS stores: code as is, a mapping (visual recipe) as JSON."""
    return code if isinstance(code, str) else json.dumps(code)


def to_observed(
    recipe: Mapping[str, Any],
    payload: str | None,
    folder_names: Mapping[str, str] | None = None,
    zone: str | None = None,
) -> dict[str, Any]:
    """The spec-contract attributes of a recipe definition and payload (pure).

    ``folder_names`` maps managed folder ids to names, so refs read as the spec wrote them.
    """
    names = folder_names or {}
    return {
        "project_key": recipe["projectKey"],
        "name": recipe["name"],
        "type": recipe.get("type"),
        "inputs": [names.get(ref, ref) for ref in flat_refs(recipe.get("inputs"))],
        "outputs": [names.get(ref, ref) for ref in flat_refs(recipe.get("outputs"))],
        "description": recipe.get("description") or "",
        "params": dict(recipe.get("params") or {}),
        "code": payload if payload is not None else "",
        "settings": settings_of(str(recipe.get("type")), payload),
        "code_env": code_env_of(recipe.get("params")),
        "zone": zone,
    }


def settings_of(recipe_type: str, payload: str | None) -> dict[str, Any]:
    """A visual recipe's payload as a mapping, without DSS's ``$`` UI metadata; {} for a
    recipe whose payload is not a JSON object (code recipes)."""
    if recipe_type not in PAYLOAD_KEYS or not payload:
        return {}
    try:
        parsed = json.loads(payload)
    except ValueError:
        return {}
    cleaned = without_metadata(parsed)
    return cleaned if isinstance(cleaned, dict) else {}


def code_env_of(params: Any) -> str | None:
    """The code env a code recipe's params select explicitly; None when it inherits the
    project's or uses the built-in one (``CodeRecipeSettings.get_code_env_settings``,
    dataikuapi/dss/recipe.py: ``envSelection`` = {envMode, envName})."""
    selection = params.get("envSelection") if isinstance(params, Mapping) else None
    if isinstance(selection, Mapping) and selection.get("envMode") == "EXPLICIT_ENV":
        return str(selection.get("envName"))
    return None


def input_roles(refs: list[str]) -> dict[str, Any]:
    return {"main": {"items": [{"ref": ref, "deps": []} for ref in refs]}}


def output_roles(refs: list[str], previous: Any) -> dict[str, Any]:
    """Outputs in the main role, keeping the append mode of refs that were already there."""
    append = {}
    for role in (previous or {}).values():
        for item in (role or {}).get("items", []):
            append[str(item["ref"])] = bool(item.get("appendMode", False))
    return {"main": {"items": [{"ref": r, "appendMode": append.get(r, False)} for r in refs]}}


class RecipeHandler:
    """CRUD for DSS recipes; thread safe (no shared mutable state)."""

    schema: KindSchema = spec_of(KIND)

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def read(self, address: Address, remote_id: str) -> Observed | None:
        key, name = split_remote_id(remote_id)
        project = self._conn.client.get_project(key)
        try:
            data = project.get_recipe(name).get_settings().data
            folders = folder_names(project)
            zone = zone_index(project).get((OBJECT_TYPE, name))
        except ResourceNotFound:
            return None
        recipe = data["recipe"]
        attributes = to_observed(recipe, data.get("payload"), folders, zone)
        return Observed(remote_id, attributes, version_of(recipe))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every recipe of ``scope["project_key"]`` (the listing has no payloads, so each
        recipe is fetched once more)."""
        key = str(scope["project_key"])
        project = self._conn.client.get_project(key)
        try:
            names = [str(item["name"]) for item in project.list_recipes(as_type="listitems")]
        except ResourceNotFound:
            return
        for name in names:
            observed = self.read(Address(KIND, f"{key}.{name}"), f"{key}.{name}")
            if observed is not None:
                yield Address(KIND, observed.remote_id), observed

    def list_markers(self, scope: Mapping[str, Any]) -> Iterable[tuple[str, str | None]]:
        """(``KEY.NAME``, versionTag) of every recipe of ``scope["project_key"]`` from one
        listing; DSS bumps the versionTag when the payload is saved too."""
        key = str(scope["project_key"])
        items = self._conn.client.get_project(key).list_recipes(as_type="listitems")
        return [(f"{key}.{item['name']}", version_of(item)) for item in items]

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        """Create with inputs and outputs, then save params and payload."""
        key, name = str(spec["project_key"]), str(spec["name"])
        project = self._conn.client.get_project(key)
        ids = folder_ids(project)
        inputs = [ids.get(ref, ref) for ref in spec.get("inputs") or []]
        outputs = [ids.get(ref, ref) for ref in spec.get("outputs") or []]
        prototype = {
            "type": spec["type"],
            "name": name,
            "inputs": input_roles(inputs),
            "outputs": output_roles(outputs, None),
        }
        creation: dict[str, Any] = {}
        if spec.get("code") is not None and spec["type"] in CODE_TYPES:
            creation["script"] = payload_text(spec["code"])
        if spec["type"] in VIRTUAL_INPUT_TYPES:
            # what dataikuapi's VirtualInputsSingleOutputRecipeCreator sends
            creation["virtualInputs"] = list(inputs)
        project.create_recipe(prototype, creation)
        return self._write(address, f"{key}.{name}", spec)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._write(address, observed.remote_id, spec)

    def delete(self, address: Address, observed: Observed) -> None:
        key, name = split_remote_id(observed.remote_id)
        with ignore_missing():
            self._conn.client.get_project(key).get_recipe(name).delete()

    def _write(self, address: Address, remote_id: str, spec: Mapping[str, Any]) -> Observed:
        key, name = split_remote_id(remote_id)
        project = self._conn.client.get_project(key)
        recipe = project.get_recipe(name)
        settings = recipe.get_settings()
        apply_spec(settings.data["recipe"], spec, folder_ids(project))
        if "code" in spec:
            settings.set_payload(payload_text(spec["code"]))
        if spec.get("settings"):
            current = settings.get_json_payload() if settings.get_payload() else {}
            settings.set_json_payload(deep_merge(current or {}, spec["settings"]))
        settings.save()
        if "zone" in spec:
            move_to_zone(project, spec["zone"], recipe)
        observed = self.read(address, remote_id)
        if observed is None:
            raise ResourceNotFound(
                f"recipe {remote_id} vanished while being written", platform="dataiku"
            )
        return observed


def apply_spec(recipe: dict[str, Any], spec: Mapping[str, Any], ids: Mapping[str, str]) -> None:
    """Write the spec's inputs, outputs and params into a recipe definition, in place;
    roles are rewritten only when the refs differ, so other roles' layout survives."""
    if "inputs" in spec:
        wanted = [ids.get(ref, ref) for ref in spec["inputs"]]
        if wanted != flat_refs(recipe.get("inputs")):
            recipe["inputs"] = input_roles(wanted)
    if "outputs" in spec:
        wanted = [ids.get(ref, ref) for ref in spec["outputs"]]
        if wanted != flat_refs(recipe.get("outputs")):
            recipe["outputs"] = output_roles(wanted, recipe.get("outputs"))
    if "params" in spec:
        recipe["params"] = deep_merge(recipe.get("params") or {}, spec["params"])
    if spec.get("code_env"):
        # what CodeRecipeSettings.set_code_env(code_env=NAME) writes (dataikuapi/dss/recipe.py)
        selection = {"envMode": "EXPLICIT_ENV", "envName": spec["code_env"]}
        recipe.setdefault("params", {})["envSelection"] = selection
    if "description" in spec:
        recipe["description"] = spec["description"]


def folder_ids(project: Any) -> dict[str, str]:
    """Managed folder name -> id in a project."""
    return {str(f["name"]): str(f["id"]) for f in project.list_managed_folders()}


def folder_names(project: Any) -> dict[str, str]:
    """Managed folder id -> name in a project."""
    return {folder_id: name for name, folder_id in folder_ids(project).items()}
