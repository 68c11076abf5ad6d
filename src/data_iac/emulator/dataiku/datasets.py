"""DSS datasets: list, create (plain and managed), settings GET/PUT, metadata, delete.

Deleting a dataset also deletes the recipes that read it, without warning, as DSS does
(§7.C.6); that is the kind of surprise the engine has to survive.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from data_iac.emulator.dataiku.common import (
    DssContext,
    already_exists,
    bad_request,
    route,
)
from data_iac.emulator.dataiku.zones import forget_item
from data_iac.emulator.http import Request, Response, Route

__all__ = ["dataset_exists", "routes"]

DATASETS = r"/projects/(?P<key>[^/]+)/datasets"
DATASET = DATASETS + r"/(?P<name>[^/]+)"
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_]+$")
FIELDS = (
    "type",
    "managed",
    "params",
    "formatType",
    "formatParams",
    "schema",
    "partitioning",
    "flowOptions",
    "readWriteOptions",
    "metrics",
    "metricsChecks",
    "tags",
    "description",
    "shortDesc",
    "customFields",
    "customMeta",
    "checklists",
    "featureGroup",
    "dataSteward",
)
CSV_PARAMS = {
    "style": "excel",
    "charset": "utf8",
    "separator": "\t",
    "quoteChar": '"',
    "escapeChar": "\\",
    "dateSerializationFormat": "ISO",
    "arrayMapFormat": "json",
    "parseHeaderRow": True,
    "skipRowsBeforeHeader": 0,
    "compress": "",
}
FORMAT_PRESETS = {"PARQUET_HIVE": "parquet", "AVRO": "avro", "ORC": "orc"}


def dataset_exists(ctx: DssContext, project_key: str, name: str) -> bool:
    return f"{project_key}/{name}" in ctx.table("datasets")


def default_format_params(format_type: str | None) -> dict[str, Any]:
    """What DSS fills in for a format the caller gave no parameters for."""
    if format_type == "csv":
        return dict(CSV_PARAMS)
    if format_type == "parquet":
        return {"parquetLowerCaseIdentifiers": False, "representsNullFields": False}
    return {}


def new_dataset(ctx: DssContext, project_key: str, body: dict[str, Any]) -> dict[str, Any]:
    """A stored dataset from a create body, with every field DSS sets by default."""
    name = str(body.get("name") or "")
    if not NAME_PATTERN.match(name):
        raise bad_request(f"Invalid dataset name '{name}': use letters, digits and _")
    if dataset_exists(ctx, project_key, name):
        raise already_exists(f"Dataset {project_key}.{name} already exists")
    format_type = body.get("formatType")
    doc: dict[str, Any] = {
        "projectKey": project_key,
        "name": name,
        "type": str(body.get("type") or "Filesystem"),
        "managed": bool(body.get("managed", False)),
        "params": copy.deepcopy(body.get("params") or {}),
        "formatType": format_type,
        "formatParams": copy.deepcopy(body.get("formatParams") or {})
        or default_format_params(format_type),
        "schema": {"columns": [], "userModified": False},
        "partitioning": {
            "ignoreNonMatchingFile": False,
            "considerMissingRequestedPartitionsAsEmpty": False,
            "dimensions": [],
        },
        "flowOptions": {
            "virtualizable": False,
            "rebuildBehavior": "NORMAL",
            "crossProjectBuildBehavior": "DEFAULT",
        },
        "tags": [],
        "description": "",
        "shortDesc": "",
        "customFields": {},
        "customMeta": {"kv": {}},
        "checklists": {"checklists": []},
    }
    ctx.table("datasets")[f"{project_key}/{name}"] = ctx.stamp_new(doc)
    return doc


def managed_dataset_body(project_key: str, body: dict[str, Any]) -> dict[str, Any]:
    """Turn a POST /datasets/managed body into a plain create body (Filesystem, managed)."""
    settings = body.get("creationSettings") or {}
    connection = settings.get("connectionId") or "filesystem_managed"
    preset = (settings.get("specificSettings") or {}).get("formatOptionId")
    format_type = FORMAT_PRESETS.get(str(preset), "csv")
    name = str(body.get("name") or "")
    return {
        "name": name,
        "type": "Filesystem",
        "managed": True,
        "params": {
            "connection": connection,
            "path": "${projectKey}/" + name,
            "notReadyIfEmpty": False,
            "filesSelectionRules": {"mode": "ALL", "includeRules": [], "excludeRules": []},
        },
        "formatType": format_type,
    }


def routes(ctx: DssContext) -> list[Route]:
    """Every dataset route."""

    def fetch(request: Request) -> dict[str, Any]:
        return ctx.row(request, "datasets", "dataset", "name")

    def list_datasets(request: Request) -> Response:
        return Response(200, ctx.children("datasets", ctx.project_key(request)))

    def create(request: Request) -> Response:
        key = ctx.project_key(request)
        return Response(200, copy.deepcopy(new_dataset(ctx, key, request.json())))

    def create_managed(request: Request) -> Response:
        key = ctx.project_key(request)
        doc = new_dataset(ctx, key, managed_dataset_body(key, request.json()))
        return Response(200, copy.deepcopy(doc))

    def get(request: Request) -> Response:
        return Response(200, copy.deepcopy(fetch(request)))

    def metadata(request: Request) -> Response:
        doc = fetch(request)
        return Response(
            200,
            {
                "label": doc["name"],
                "description": doc.get("description", ""),
                "shortDesc": doc.get("shortDesc", ""),
                "tags": list(doc.get("tags", [])),
                "custom": copy.deepcopy(doc.get("customMeta") or {"kv": {}}),
                "checklists": doc.get("checklists", {"checklists": []}),
            },
        )

    def save(request: Request) -> Response:
        old = fetch(request)
        new = ctx.stamp_saved(ctx.merged(old, request.json(), FIELDS), old)
        ctx.table("datasets")[f"{old['projectKey']}/{old['name']}"] = new
        return Response(200, copy.deepcopy(new))

    def delete(request: Request) -> Response:
        doc = fetch(request)
        delete_dataset(ctx, doc["projectKey"], doc["name"])
        return Response(204)

    return [
        route("GET", DATASETS + "/?", list_datasets),
        route("POST", DATASETS + "/?", create),
        route("POST", DATASETS + "/managed", create_managed),
        route("GET", DATASET + "/metadata", metadata),
        route("GET", DATASET, get),
        route("PUT", DATASET, save),
        route("DELETE", DATASET, delete),
    ]


def delete_dataset(ctx: DssContext, project_key: str, name: str) -> None:
    """Delete a dataset and every recipe that reads it (DSS cascades silently)."""
    del ctx.table("datasets")[f"{project_key}/{name}"]
    forget_item(ctx, project_key, "DATASET", name)
    recipes = ctx.table("recipes")
    for key in [k for k in recipes if k.startswith(f"{project_key}/")]:
        if name in input_refs(recipes[key]["recipe"]):
            del recipes[key]
            forget_item(ctx, project_key, "RECIPE", key.split("/", 1)[1])


def input_refs(recipe: dict[str, Any]) -> list[str]:
    """Every input ref of a recipe document, across roles."""
    refs: list[str] = []
    for role in (recipe.get("inputs") or {}).values():
        refs.extend(str(item.get("ref")) for item in role.get("items", []))
    return refs
