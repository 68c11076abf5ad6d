"""Unity Catalog volumes (``/api/2.1/unity-catalog/volumes``): names lower-cased, MANAGED
volumes get a location under the metastore root and refuse one, EXTERNAL ones need one and
lose its trailing slash (platform-apis.md 7.B.6); only comment, owner and name change."""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, route
from data_iac.emulator.databricks.uc_objects import (
    METASTORE_ROOT,
    VOLUME,
    apply_updates,
    check_name,
    created_stamp,
    delete_leaf,
    find,
    get_or_404,
    listing,
    new_in_schema,
    page_in_schema,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

UC = r"/api/2\.1/unity-catalog"
_VOLUME_UPDATES = ("comment", "owner")


def routes(ctx: DatabricksContext) -> list[Route]:
    ops = _Volumes(ctx)
    return [
        route("POST", rf"{UC}/volumes", ops.create),
        route("GET", rf"{UC}/volumes", ops.list),
        route("GET", rf"{UC}/volumes/(?P<name>[^/]+)", ops.get),
        route("PATCH", rf"{UC}/volumes/(?P<name>[^/]+)", ops.update),
        route("DELETE", rf"{UC}/volumes/(?P<name>[^/]+)", ops.delete),
    ]


class _Volumes:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def create(self, request: Request) -> Response:
        body = request.json()
        schema, name, full = new_in_schema(
            self.ctx, VOLUME, body, "CreateVolume", "VolumeInfo.name", "volume_type"
        )
        volume_id = self.ctx.store.new_uuid()
        doc = {
            **({"comment": body["comment"]} if body.get("comment") is not None else {}),
            **created_stamp(self.ctx),
            "name": name,
            "catalog_name": schema["catalog_name"],
            "schema_name": schema["name"],
            "full_name": full,
            "volume_type": body["volume_type"],
            "volume_id": volume_id,
            "storage_location": _volume_location(body, volume_id),
        }
        self.ctx.table(VOLUME.table)[full] = doc
        return Response(200, doc)

    def list(self, request: Request) -> Response:
        return listing("volumes", *page_in_schema(self.ctx, request, VOLUME))

    def get(self, request: Request) -> Response:
        return Response(200, get_or_404(self.ctx, VOLUME, request.params["name"]))

    def update(self, request: Request) -> Response:
        doc = get_or_404(self.ctx, VOLUME, request.params["name"])
        body = request.json()
        apply_updates(self.ctx, doc, body, _VOLUME_UPDATES)
        if body.get("new_name"):
            new = check_name(body["new_name"], "UpdateVolume", "new_name")
            new_full = f"{doc['catalog_name']}.{doc['schema_name']}.{new}"
            if find(self.ctx, VOLUME, new_full) is not None:
                raise VOLUME.duplicate(new_full)
            self.ctx.table(VOLUME.table)[new_full] = self.ctx.table(VOLUME.table).pop(
                doc["full_name"]
            )
            doc["name"], doc["full_name"] = new, new_full
        return Response(200, doc)

    def delete(self, request: Request) -> Response:
        return delete_leaf(self.ctx, VOLUME, request.params["name"])


def _volume_location(body: dict[str, Any], volume_id: str) -> str:
    """MANAGED volumes get a location under the metastore root and must not name one;
    EXTERNAL volumes must, and lose its trailing slash (7.B.6)."""
    given = body.get("storage_location")
    if body["volume_type"] == "MANAGED":
        if given:
            raise api_error(
                400, "INVALID_PARAMETER_VALUE", "CreateVolume storage_location can not be provided."
            )
        return f"{METASTORE_ROOT}/volumes/{volume_id}"
    if body["volume_type"] != "EXTERNAL":
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", f"Invalid volume_type {body['volume_type']}"
        )
    if not given:
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", "storage_location is required for EXTERNAL volumes."
        )
    return str(given).rstrip("/")
