"""DSS project actions: renaming datasets, recipes and managed folders.

A dataset rename follows its references: recipes that read or write it and the zone that
holds it see the new name, as in DSS's flow.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.dataiku.common import (
    DssContext,
    already_exists,
    bad_request,
    not_found,
    route,
)
from data_iac.emulator.dataiku.datasets import NAME_PATTERN
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

ACTIONS = r"/projects/(?P<key>[^/]+)/actions"


def new_name_of(body: dict[str, Any], table: dict[str, Any], key: str) -> str:
    """The requested new name, checked for shape and for a clash."""
    new = str(body.get("newName") or "").strip()
    if not NAME_PATTERN.match(new):
        raise bad_request(f"Invalid new name '{new}'")
    if f"{key}/{new}" in table:
        raise already_exists(f"{key}.{new} already exists")
    return new


def rename_refs(ctx: DssContext, key: str, old: str, new: str, object_type: str) -> None:
    """Point recipe roles (datasets only) and zone items at the new name."""
    for zone in ctx.table("zones").values():
        if zone["projectKey"] == key:
            for item in zone["items"]:
                if item == {"objectId": old, "objectType": object_type}:
                    item["objectId"] = new
    if object_type != "DATASET":
        return
    for row_key, row in ctx.table("recipes").items():
        if row_key.startswith(f"{key}/"):
            for part in ("inputs", "outputs"):
                for role in row["recipe"][part].values():
                    for item in role["items"]:
                        if item["ref"] == old:
                            item["ref"] = new


def routes(ctx: DssContext) -> list[Route]:
    """The rename actions dataikuapi's ``rename()`` methods call."""

    def take(request: Request, table: dict[str, Any], what: str) -> tuple[str, str, str, Any]:
        """(project key, old name, new name, the row taken out from under its old name)."""
        body = request.json()
        key, old = ctx.project_key(request), str(body.get("oldName") or "")
        if f"{key}/{old}" not in table:
            raise not_found(what, key, old)
        new = new_name_of(body, table, key)
        return key, old, new, table.pop(f"{key}/{old}")

    def rename_dataset(request: Request) -> Response:
        table = ctx.table("datasets")
        key, old, new, doc = take(request, table, "dataset")
        doc["name"] = new
        table[f"{key}/{new}"] = ctx.stamp_saved(doc, doc)
        rename_refs(ctx, key, old, new, "DATASET")
        return Response(204)

    def rename_recipe(request: Request) -> Response:
        table = ctx.table("recipes")
        key, old, new, row = take(request, table, "recipe")
        row["recipe"]["name"] = new
        ctx.stamp_saved(row["recipe"], row["recipe"])
        table[f"{key}/{new}"] = row
        rename_refs(ctx, key, old, new, "RECIPE")
        return Response(204)

    def rename_folder(request: Request) -> Response:
        body = request.json()
        key = ctx.project_key(request)
        folder = ctx.table("folders").get(f"{key}/{body.get('id')}")
        if folder is None:
            raise not_found("managed folder", key, str(body.get("id")))
        new = str(body.get("newName") or "").strip()
        if not new:
            raise bad_request("The new name of a managed folder cannot be blank")
        if any(f["name"] == new for f in ctx.children("folders", key)):
            raise already_exists(f"Managed folder '{new}' already exists in {key}")
        folder["name"] = new
        ctx.stamp_saved(folder, folder)
        return Response(204)

    return [
        route("POST", ACTIONS + "/renameDataset", rename_dataset),
        route("POST", ACTIONS + "/renameRecipe", rename_recipe),
        route("POST", ACTIONS + "/renameManagedFolder", rename_folder),
    ]
