"""DSS recipes: list, create from a prototype, settings (definition + payload), delete.

A recipe is stored as ``{"recipe": <definition>, "payload": <str>}``, the shape GET and PUT
of ``/recipes/{name}`` use. Inputs and outputs must exist (datasets by name, managed folders
by id) unless the creation settings ask DSS to create the output dataset.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from data_iac.emulator.dataiku.common import (
    DssContext,
    already_exists,
    bad_request,
    not_found,
    route,
)
from data_iac.emulator.dataiku.datasets import managed_dataset_body, new_dataset
from data_iac.emulator.dataiku.payloads import default_payload, saved_payload
from data_iac.emulator.dataiku.zones import forget_item
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

RECIPES = r"/projects/(?P<key>[^/]+)/recipes"
RECIPE = RECIPES + r"/(?P<name>[^/]+)"
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_]+$")
# Code recipes whose params select a code env; a new one inherits the project's
# (``CodeRecipeSettings.set_code_env`` in dataikuapi/dss/recipe.py requires
# ``params.envSelection`` to exist, modes USE_BUILTIN_MODE | INHERIT | EXPLICIT_ENV).
ENV_RECIPE_TYPES = frozenset({"python", "r", "pyspark", "sparkr", "cpython"})
FIELDS = (
    "type",
    "inputs",
    "outputs",
    "params",
    "neverRecomputeExistingPartitions",
    "optionalDependencies",
    "redispatchPartitioning",
    "maxRunningActivities",
    "customMeta",
    "tags",
    "description",
    "shortDesc",
    "customFields",
    "checklists",
)


def new_params(recipe_type: str, params: Any) -> dict[str, Any]:
    """The params of a new recipe: the prototype's, plus the inherited code env selection
    of a code recipe."""
    out = copy.deepcopy(params) if isinstance(params, dict) else {}
    if recipe_type in ENV_RECIPE_TYPES:
        out.setdefault("envSelection", {"envMode": "INHERIT"})
    return out


def normalise_roles(roles: Any, *, outputs: bool) -> dict[str, Any]:
    """Roles as DSS stores them: every input item has ``deps``, every output ``appendMode``."""
    if not isinstance(roles, dict):
        return {}
    out: dict[str, Any] = {}
    for role, value in roles.items():
        items = []
        for entry in (value or {}).get("items", []):
            normalised: dict[str, Any] = {"ref": str(entry["ref"])}
            if outputs:
                normalised["appendMode"] = bool(entry.get("appendMode", False))
            else:
                normalised["deps"] = list(entry.get("deps") or [])
            items.append(normalised)
        out[str(role)] = {"items": items}
    return out


def refs_of(roles: dict[str, Any]) -> list[str]:
    return [item["ref"] for role in roles.values() for item in role["items"]]


def routes(ctx: DssContext) -> list[Route]:
    """Every recipe route."""

    def fetch(request: Request) -> dict[str, Any]:
        return ctx.row(request, "recipes", "recipe", "name")

    def require_refs(key: str, refs: list[str]) -> None:
        for ref in refs:
            if "." in ref:  # a foreign object, PROJECT.NAME: not checked
                continue
            if f"{key}/{ref}" not in ctx.table("datasets") and f"{key}/{ref}" not in ctx.table(
                "folders"
            ):
                raise not_found("dataset", key, ref)

    def list_recipes(request: Request) -> Response:
        rows = ctx.children("recipes", ctx.project_key(request))
        return Response(200, [row["recipe"] for row in rows])

    def create(request: Request) -> Response:
        key = ctx.project_key(request)
        body = request.json()
        proto = body.get("recipePrototype") or {}
        settings = body.get("creationSettings") or {}
        name, recipe_type = str(proto.get("name") or ""), str(proto.get("type") or "")
        if not NAME_PATTERN.match(name) or not recipe_type:
            raise bad_request(f"Invalid recipe name '{name}' or missing type")
        if f"{key}/{name}" in ctx.table("recipes"):
            raise already_exists(f"Recipe {key}.{name} already exists")
        inputs = normalise_roles(proto.get("inputs"), outputs=False)
        outputs = normalise_roles(proto.get("outputs"), outputs=True)
        require_refs(key, refs_of(inputs))
        create_missing_outputs(ctx, key, refs_of(outputs), settings)
        require_refs(key, refs_of(outputs))
        recipe: dict[str, Any] = {
            "projectKey": key,
            "name": name,
            "type": recipe_type,
            "inputs": inputs,
            "outputs": outputs,
            "params": new_params(recipe_type, proto.get("params")),
            "neverRecomputeExistingPartitions": False,
            "optionalDependencies": False,
            "tags": [],
            "description": "",
            "shortDesc": "",
            "customFields": {},
            "customMeta": {"kv": {}},
            "checklists": {"checklists": []},
        }
        ctx.stamp_new(recipe)
        ctx.table("recipes")[f"{key}/{name}"] = {
            "recipe": recipe,
            "payload": default_payload(recipe_type, settings),
        }
        return Response(200, {"name": name})

    def get(request: Request) -> Response:
        return Response(200, copy.deepcopy(fetch(request)))

    def save(request: Request) -> Response:
        row, key = fetch(request), request.params["key"]
        body = request.json()
        old = row["recipe"]
        new = ctx.merged(old, body.get("recipe") or {}, FIELDS)
        new["type"] = old["type"]  # the type of a recipe cannot change
        new["inputs"] = normalise_roles(new.get("inputs"), outputs=False)
        new["outputs"] = normalise_roles(new.get("outputs"), outputs=True)
        require_refs(key, refs_of(new["inputs"]) + refs_of(new["outputs"]))
        ctx.stamp_saved(new, old)
        payload = body.get("payload", row["payload"])
        row["recipe"] = new
        row["payload"] = "" if payload is None else saved_payload(new["type"], str(payload))
        return Response(200, copy.deepcopy(row))

    def delete(request: Request) -> Response:
        row, key = fetch(request), request.params["key"]
        name = row["recipe"]["name"]
        del ctx.table("recipes")[f"{key}/{name}"]
        forget_item(ctx, key, "RECIPE", name)
        return Response(204)

    return [
        route("GET", RECIPES + "/?", list_recipes),
        route("POST", RECIPES + "/?", create),
        route("GET", RECIPE, get),
        route("PUT", RECIPE, save),
        route("DELETE", RECIPE, delete),
    ]


def create_missing_outputs(
    ctx: DssContext, key: str, refs: list[str], settings: dict[str, Any]
) -> None:
    """Create managed output datasets when the creator asked for it (``with_new_output``)."""
    if not settings.get("createOutputDataset"):
        return
    output = settings.get("outputDatasetSettings") or {}
    for ref in refs:
        if f"{key}/{ref}" in ctx.table("datasets"):
            continue
        body = {
            "name": ref,
            "creationSettings": {
                "connectionId": output.get("connectionId"),
                "specificSettings": output.get("specificSettings") or {},
            },
        }
        new_dataset(ctx, key, managed_dataset_body(key, body))
