"""DSS flow zones: list, create, get, save, delete, and moving items between zones.

The ``default`` zone always exists and holds every item not placed in another zone; its
``items`` are computed. An item is ``{"objectId", "objectType"}`` in that key order,
because ``dataikuapi`` finds an object's zone by comparing ``json.dumps`` strings.
"""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.dataiku.common import (
    NOT_FOUND,
    DssContext,
    already_exists,
    bad_request,
    dss_error,
    route,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["forget_item", "routes"]

ZONES = r"/projects/(?P<key>[^/]+)/flow/zones"
ZONE = ZONES + r"/(?P<zone>[^/]+)"
DEFAULT_ZONE = "default"
ITEM_TABLES = {"DATASET": "datasets", "RECIPE": "recipes", "MANAGED_FOLDER": "folders"}
ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def item(object_type: str, object_id: str) -> dict[str, str]:
    return {"objectId": object_id, "objectType": object_type}


def forget_item(ctx: DssContext, project_key: str, object_type: str, object_id: str) -> None:
    """Remove an object from whichever zone holds it (it was deleted or moved)."""
    gone = item(object_type, object_id)
    for zone in ctx.table("zones").values():
        if zone["projectKey"] == project_key:
            zone["items"] = [i for i in zone["items"] if i != gone]


def default_zone(ctx: DssContext, project_key: str) -> dict[str, Any]:
    """The default zone, with every item that is in no other zone.

    Reads the rows in place (no copies) and looks placed items up in a set: this runs on
    every zone listing, once per object the engine creates.
    """
    prefix = f"{project_key}/"
    placed = {
        (i["objectType"], i["objectId"])
        for key, zone in ctx.table("zones").items()
        if key.startswith(prefix)
        for i in zone["items"]
    }
    items = []
    for object_type, table in ITEM_TABLES.items():
        rows = ctx.table(table)
        for key in sorted(k for k in rows if k.startswith(prefix)):
            doc = rows[key]
            object_id = str(
                doc["recipe"]["name"] if table == "recipes" else doc.get("id", doc.get("name"))
            )
            if (object_type, object_id) not in placed:
                items.append(item(object_type, object_id))
    return {"id": DEFAULT_ZONE, "name": "Default", "color": "#ffffff", "items": items, "shared": []}


def object_exists(ctx: DssContext, project_key: str, ref: dict[str, Any]) -> bool:
    table = ITEM_TABLES.get(str(ref.get("objectType")))
    return table is not None and f"{project_key}/{ref.get('objectId')}" in ctx.table(table)


def fetch_zone(ctx: DssContext, key: str, zone_id: str) -> dict[str, Any]:
    """The stored zone (mutable), or the computed default zone."""
    ctx.project(key)
    if zone_id == DEFAULT_ZONE:
        return default_zone(ctx, key)
    found: dict[str, Any] | None = ctx.table("zones").get(f"{key}/{zone_id}")
    if found is None:
        raise dss_error(404, NOT_FOUND, f"Zone not found: {key}.{zone_id}")
    return found


def check_unique_name(ctx: DssContext, key: str, name: str, own_id: str | None) -> None:
    for zone in [default_zone(ctx, key), *ctx.children("zones", key)]:
        if zone["name"] == name and zone["id"] != own_id:
            raise already_exists(f"Flow zone '{name}' already exists in {key}")


def move_items(ctx: DssContext, key: str, zone: dict[str, Any], body: Any) -> None:
    """Move objects into ``zone``, out of whichever zone held them."""
    refs = body if isinstance(body, list) else [body]
    for ref in refs:
        if not isinstance(ref, dict) or not object_exists(ctx, key, ref):
            raise dss_error(404, NOT_FOUND, f"Flow object does not exist: {key}.{ref}")
        moved = item(str(ref["objectType"]), str(ref["objectId"]))
        forget_item(ctx, key, moved["objectType"], moved["objectId"])
        if zone["id"] != DEFAULT_ZONE:
            zone["items"].append(moved)


def routes(ctx: DssContext) -> list[Route]:
    """Every flow zone route."""

    def fetch(request: Request) -> dict[str, Any]:
        return fetch_zone(ctx, request.params["key"], request.params["zone"])

    def list_zones(request: Request) -> Response:
        key = ctx.project_key(request)
        return Response(200, [default_zone(ctx, key), *ctx.children("zones", key)])

    def create(request: Request) -> Response:
        key = ctx.project_key(request)
        body = request.json()
        name = str(body.get("name") or "").strip()
        if not name:
            raise bad_request("A flow zone needs a name")
        check_unique_name(ctx, key, name, None)
        zone_id = ctx.store.random_token(7, ALPHABET)
        color = str(body.get("color") or "#2ab1ac")
        zone: dict[str, Any] = {"id": zone_id, "projectKey": key, "name": name, "color": color}
        zone.update({"items": [], "shared": []})
        ctx.table("zones")[f"{key}/{zone_id}"] = zone
        return Response(200, public(zone))

    def get(request: Request) -> Response:
        return Response(200, public(fetch(request)))

    def save(request: Request) -> Response:
        zone = fetch(request)
        if zone["id"] == DEFAULT_ZONE:
            raise bad_request("The default zone cannot be modified")
        body = request.json()
        name = str(body.get("name") or zone["name"])
        check_unique_name(ctx, request.params["key"], name, zone["id"])
        # items and shared cannot be changed through a save (dataikuapi says so).
        zone["name"], zone["color"] = name, str(body.get("color") or zone["color"])
        return Response(204)

    def delete(request: Request) -> Response:
        zone = fetch(request)
        if zone["id"] == DEFAULT_ZONE:
            raise bad_request("The default zone cannot be deleted")
        del ctx.table("zones")[f"{request.params['key']}/{zone['id']}"]
        return Response(204)

    def add_items(request: Request) -> Response:
        move_items(ctx, request.params["key"], fetch(request), request.json())
        # The client replaces its cached zone with this answer, so it must be the zone.
        return Response(200, public(fetch(request)))

    return [
        route("GET", ZONES + "/?", list_zones),
        route("POST", ZONES + "/?", create),
        route("POST", ZONE + "/items", add_items),
        route("POST", ZONE + "/add-items", add_items),
        route("GET", ZONE, get),
        route("PUT", ZONE, save),
        route("DELETE", ZONE, delete),
    ]


def public(zone: dict[str, Any]) -> dict[str, Any]:
    """The zone as DSS answers it (the stored project key is ours)."""
    return {k: copy.deepcopy(v) for k, v in zone.items() if k != "projectKey"}
