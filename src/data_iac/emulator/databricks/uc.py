"""Unity Catalog catalogs and schemas (``/api/2.1/unity-catalog/``).

Real behaviour copied (platform-apis.md 1.4, 7.B.1-B.6): names lower-cased, 404
``<TYPE>_DOES_NOT_EXIST``, 400 ``<TYPE>_ALREADY_EXISTS``, non-empty delete refused without
``force``, server-set owner / created_* / updated_* / metastore_id / full_name / ids, and
create echoes every field it accepts. Volumes, tables and grants live in ``uc_volumes``,
``uc_tables`` and ``uc_grants``; their routes are served from here.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks import uc_grants, uc_tables, uc_volumes
from data_iac.emulator.databricks.common import (
    DatabricksContext,
    api_error,
    bool_arg,
    page,
    require,
    route,
)
from data_iac.emulator.databricks.uc_objects import (
    CATALOG,
    SCHEMA,
    TABLE,
    VOLUME,
    UcKind,
    apply_updates,
    check_name,
    children,
    created_stamp,
    drop_grants,
    echo,
    find,
    get_or_404,
    listing,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

UC = r"/api/2\.1/unity-catalog"
_CATALOG_FIELDS = (
    "comment",
    "properties",
    "storage_root",
    "connection_name",
    "options",
    "provider_name",
    "share_name",
    "custom_max_retention_hours",
    "managed_encryption_settings",
)
_SCHEMA_FIELDS = ("comment", "properties", "storage_root", "custom_max_retention_hours")
_CATALOG_UPDATES = (
    "comment",
    "owner",
    "properties",
    "isolation_mode",
    "enable_predictive_optimization",
    "options",
    "custom_max_retention_hours",
    "managed_encryption_settings",
)
_SCHEMA_UPDATES = (
    "comment",
    "owner",
    "properties",
    "enable_predictive_optimization",
    "custom_max_retention_hours",
)


def routes(ctx: DatabricksContext) -> list[Route]:
    ops = _Securables(ctx)
    return [
        route("POST", rf"{UC}/catalogs", ops.create_catalog),
        route("GET", rf"{UC}/catalogs", ops.list_catalogs),
        route("GET", rf"{UC}/catalogs/(?P<name>[^/]+)", ops.get_catalog),
        route("PATCH", rf"{UC}/catalogs/(?P<name>[^/]+)", ops.update_catalog),
        route("DELETE", rf"{UC}/catalogs/(?P<name>[^/]+)", ops.delete_catalog),
        route("POST", rf"{UC}/schemas", ops.create_schema),
        route("GET", rf"{UC}/schemas", ops.list_schemas),
        route("GET", rf"{UC}/schemas/(?P<name>[^/]+)", ops.get_schema),
        route("PATCH", rf"{UC}/schemas/(?P<name>[^/]+)", ops.update_schema),
        route("DELETE", rf"{UC}/schemas/(?P<name>[^/]+)", ops.delete_schema),
        *uc_volumes.routes(ctx),
        *uc_tables.routes(ctx),
        *uc_grants.routes(ctx),
    ]


class _Securables:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    # -- catalogs ----------------------------------------------------------------------------
    def create_catalog(self, request: Request) -> Response:
        body = request.json()
        name = check_name(body.get("name"), "CreateCatalog", "managedcatalog.CatalogInfo.name")
        if find(self.ctx, CATALOG, name) is not None:
            raise CATALOG.duplicate(name)
        doc = {
            **echo(body, _CATALOG_FIELDS),
            **created_stamp(self.ctx),
            "name": name,
            "full_name": name,
            "catalog_type": _catalog_type(body),
            "isolation_mode": "OPEN",
            "securable_type": "CATALOG",
            "browse_only": False,
            "enable_predictive_optimization": "INHERIT",
        }
        if body.get("storage_root"):
            doc["storage_root"] = str(body["storage_root"]).rstrip("/")
            doc["storage_location"] = f"{doc['storage_root']}/__unitystorage/catalogs/{name}"
        self.ctx.table(CATALOG.table)[name] = doc
        self._add_builtin_schemas(name, standard=doc["catalog_type"] == "MANAGED_CATALOG")
        return Response(200, doc)

    def _add_builtin_schemas(self, catalog: str, *, standard: bool) -> None:
        """Every catalog has ``information_schema`` (system-owned, never blocks a delete); a
        standard one also gets a ``default`` schema owned by its creator, which the
        Terraform provider deletes right after the create "only for standard catalog"
        (terraform-provider-databricks ``catalog/resource_catalog.go`` at 684f4424)."""
        made = [("information_schema", "System user", "Information schema (auto-created)")]
        if standard:
            made.append(("default", self.ctx.user_name, "Default schema (auto-created)"))
        for name, owner, comment in made:
            self.ctx.table(SCHEMA.table)[f"{catalog}.{name}"] = {
                **created_stamp(self.ctx),
                "owner": owner,
                "name": name,
                "catalog_name": catalog,
                "full_name": f"{catalog}.{name}",
                "catalog_type": "MANAGED_CATALOG",
                "schema_id": self.ctx.store.new_uuid(),
                "comment": comment,
            }

    def list_catalogs(self, request: Request) -> Response:
        items = [v for _, v in sorted(self.ctx.table(CATALOG.table).items())]
        chunk, token = page(request, items, self.ctx)
        return listing("catalogs", chunk, token)

    def get_catalog(self, request: Request) -> Response:
        return Response(200, get_or_404(self.ctx, CATALOG, request.params["name"]))

    def update_catalog(self, request: Request) -> Response:
        doc = get_or_404(self.ctx, CATALOG, request.params["name"])
        body = request.json()
        apply_updates(self.ctx, doc, body, _CATALOG_UPDATES, "UpdateCatalog")
        if body.get("new_name"):
            self._rename(doc, check_name(body["new_name"], "UpdateCatalog", "new_name"))
        return Response(200, doc)

    def delete_catalog(self, request: Request) -> Response:
        doc = get_or_404(self.ctx, CATALOG, request.params["name"])
        name = doc["name"]
        schemas = [s for s in children(self.ctx, SCHEMA, name) if not _is_system_schema(s)]
        if schemas and not bool_arg(request, "force"):
            tables = children(self.ctx, TABLE, name)
            raise api_error(
                400,
                "CATALOG_NOT_EMPTY",
                f"Catalog '{name}' is not empty. The catalog has {len(schemas)} schemas(s), "
                f"{len(tables)} tables(s).",
            )
        for kind in (TABLE, VOLUME, SCHEMA):
            for full in children(self.ctx, kind, name):
                del self.ctx.table(kind.table)[full]
        del self.ctx.table(CATALOG.table)[name]
        drop_grants(self.ctx, name)
        return Response(200, {})

    def _rename(self, doc: dict[str, Any], new: str) -> None:
        old = doc["name"]
        if find(self.ctx, CATALOG, new) is not None:
            raise CATALOG.duplicate(new)
        catalogs = self.ctx.table(CATALOG.table)
        catalogs[new] = catalogs.pop(old)
        doc["name"] = doc["full_name"] = new
        self._move_children((SCHEMA, VOLUME, TABLE), old, new, catalog_name=new)

    # -- schemas -----------------------------------------------------------------------------
    def create_schema(self, request: Request) -> Response:
        body = request.json()
        require(body, "catalog_name")
        name = check_name(body.get("name"), "CreateSchema", "SchemaInfo.name")
        catalog = get_or_404(self.ctx, CATALOG, str(body["catalog_name"]))["name"]
        full = f"{catalog}.{name}"
        if find(self.ctx, SCHEMA, full) is not None:
            raise SCHEMA.duplicate(name)
        doc = {
            **echo(body, _SCHEMA_FIELDS),
            **created_stamp(self.ctx),
            "name": name,
            "catalog_name": catalog,
            "full_name": full,
            "catalog_type": "MANAGED_CATALOG",
            "schema_id": self.ctx.store.new_uuid(),
            "browse_only": False,
            "enable_predictive_optimization": "INHERIT",
        }
        if body.get("storage_root"):
            doc["storage_root"] = str(body["storage_root"]).rstrip("/")
            doc["storage_location"] = f"{doc['storage_root']}/__unitystorage/schemas/{name}"
        self.ctx.table(SCHEMA.table)[full] = doc
        return Response(200, doc)

    def list_schemas(self, request: Request) -> Response:
        catalog = get_or_404(self.ctx, CATALOG, request.arg("catalog_name") or "")["name"]
        names = sorted(children(self.ctx, SCHEMA, catalog))
        chunk, token = page(request, [self.ctx.table(SCHEMA.table)[n] for n in names], self.ctx)
        return listing("schemas", chunk, token)

    def get_schema(self, request: Request) -> Response:
        return Response(200, get_or_404(self.ctx, SCHEMA, request.params["name"]))

    def update_schema(self, request: Request) -> Response:
        doc = get_or_404(self.ctx, SCHEMA, request.params["name"])
        body = request.json()
        apply_updates(self.ctx, doc, body, _SCHEMA_UPDATES, "UpdateSchema")
        if body.get("new_name"):
            new = check_name(body["new_name"], "UpdateSchema", "new_name")
            self._rename_schema(doc, f"{doc['catalog_name']}.{new}")
        return Response(200, doc)

    def _rename_schema(self, doc: dict[str, Any], new_full: str) -> None:
        if find(self.ctx, SCHEMA, new_full) is not None:
            raise SCHEMA.duplicate(new_full.split(".", 1)[1])
        old_full = doc["full_name"]
        self.ctx.table(SCHEMA.table)[new_full] = self.ctx.table(SCHEMA.table).pop(old_full)
        doc["full_name"], doc["name"] = new_full, new_full.split(".", 1)[1]
        self._move_children((VOLUME, TABLE), old_full, new_full, schema_name=doc["name"])

    def _move_children(self, kinds: tuple[UcKind, ...], old: str, new: str, **parent: str) -> None:
        """Re-key every object of ``kinds`` under ``old`` to sit under ``new``, setting the
        ``parent`` field (``catalog_name=`` or ``schema_name=``) to the renamed parent's name."""
        for kind in kinds:
            for full in children(self.ctx, kind, old):
                child = self.ctx.table(kind.table).pop(full)
                child.update(parent)
                child["full_name"] = new + full[len(old) :]
                self.ctx.table(kind.table)[child["full_name"]] = child

    def delete_schema(self, request: Request) -> Response:
        doc = get_or_404(self.ctx, SCHEMA, request.params["name"])
        full = doc["full_name"]
        tables, volumes = children(self.ctx, TABLE, full), children(self.ctx, VOLUME, full)
        if (tables or volumes) and not bool_arg(request, "force"):
            raise api_error(
                400,
                "SCHEMA_NOT_EMPTY",
                f"Schema '{full}' is not empty. The schema has {len(tables)} tables(s), "
                f"0 functions(s), {len(volumes)} volumes(s)",
            )
        for kind, names in ((TABLE, tables), (VOLUME, volumes)):
            for name in names:
                del self.ctx.table(kind.table)[name]
        del self.ctx.table(SCHEMA.table)[full]
        drop_grants(self.ctx, full)
        return Response(200, {})


def _catalog_type(body: dict[str, Any]) -> str:
    if body.get("share_name"):
        return "DELTASHARING_CATALOG"
    if body.get("connection_name"):
        return "FOREIGN_CATALOG"
    return "MANAGED_CATALOG"


def _is_system_schema(full_name: str) -> bool:
    return full_name.endswith(".information_schema")
