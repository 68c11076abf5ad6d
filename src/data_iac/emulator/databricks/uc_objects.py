"""What every Unity Catalog securable shares in the emulator: names, lookups, stamps, errors.

Tables: ``databricks.uc_catalogs`` (by name), ``uc_schemas``, ``uc_volumes``, ``uc_tables``
(by full name), ``uc_grants`` (by ``TYPE:full_name``). Names are stored lower case because
UC lowercases identifiers (platform-apis.md 7.B.6) and every lookup is case-insensitive.
"""

from __future__ import annotations

import re
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, page, require
from data_iac.emulator.http import EmulatedError, Request, Response

__all__ = [
    "METASTORE_ID",
    "METASTORE_ROOT",
    "UcKind",
    "apply_updates",
    "check_name",
    "created_stamp",
    "delete_leaf",
    "find",
    "get_or_404",
    "listing",
    "new_in_schema",
    "page_in_schema",
    "touch",
]

METASTORE_ID = "11111111-2222-4333-8444-555555555555"
METASTORE_ROOT = "s3://emulator-metastore/metastore"
_INVALID_NAME = re.compile(r"[\s./\x00-\x1f]")


class UcKind:
    """One securable kind: its table, its word in messages and its error codes."""

    def __init__(self, table: str, word: str, missing_code: str, exists_code: str) -> None:
        self.table = table
        self.word = word
        self.missing_code = missing_code
        self.exists_code = exists_code

    def missing(self, full_name: str) -> EmulatedError:
        """404 ``<TYPE>_DOES_NOT_EXIST`` "<Type> 'x' does not exist." (7.B.1)."""
        return api_error(404, self.missing_code, f"{self.word} '{full_name}' does not exist.")

    def duplicate(self, name: str) -> EmulatedError:
        """400 ``<TYPE>_ALREADY_EXISTS`` "<Type> 'x' already exists" (7.B.2)."""
        return api_error(400, self.exists_code, f"{self.word} '{name}' already exists")


CATALOG = UcKind("uc_catalogs", "Catalog", "CATALOG_DOES_NOT_EXIST", "CATALOG_ALREADY_EXISTS")
SCHEMA = UcKind("uc_schemas", "Schema", "SCHEMA_DOES_NOT_EXIST", "SCHEMA_ALREADY_EXISTS")
# No VOLUME_* codes exist in the platform's ErrorCode enum (7.A); the generic ones are used.
VOLUME = UcKind("uc_volumes", "Volume", "RESOURCE_DOES_NOT_EXIST", "RESOURCE_ALREADY_EXISTS")
TABLE = UcKind("uc_tables", "Table", "TABLE_DOES_NOT_EXIST", "TABLE_ALREADY_EXISTS")

KINDS_BY_SECURABLE = {"CATALOG": CATALOG, "SCHEMA": SCHEMA, "VOLUME": VOLUME, "TABLE": TABLE}


def check_name(name: Any, rpc: str, field: str) -> str:
    """The name lower-cased, or 400 for an empty one or one with spaces, dots, slashes."""
    text = name if isinstance(name, str) else ""
    if not text or _INVALID_NAME.search(text):
        raise api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            f'Invalid input: RPC {rpc} Field {field}: name "{text}" is not a valid name. '
            "Valid names cannot contain spaces, periods, forward slashes, or control characters.",
        )
    return text.lower()


def find(ctx: DatabricksContext, kind: UcKind, full_name: str) -> dict[str, Any] | None:
    """The stored object, looked up case-insensitively, or None."""
    found: dict[str, Any] | None = ctx.table(kind.table).get(full_name.lower())
    return found


def get_or_404(ctx: DatabricksContext, kind: UcKind, full_name: str) -> dict[str, Any]:
    found = find(ctx, kind, full_name)
    if found is None:
        raise kind.missing(full_name)
    return found


def created_stamp(ctx: DatabricksContext) -> dict[str, Any]:
    """The server-set fields every securable gets on create."""
    now = ctx.now()
    return {
        "owner": ctx.user_name,
        "created_at": now,
        "created_by": ctx.user_name,
        "updated_at": now,
        "updated_by": ctx.user_name,
        "metastore_id": METASTORE_ID,
    }


def touch(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    doc["updated_at"] = ctx.now()
    doc["updated_by"] = ctx.user_name


def echo(body: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The accepted request fields present in ``body`` (create must echo every one back)."""
    return {name: body[name] for name in fields if body.get(name) is not None}


def children(ctx: DatabricksContext, kind: UcKind, prefix: str) -> list[str]:
    """Full names in ``kind``'s table directly or indirectly under ``prefix``."""
    start = prefix.lower() + "."
    return [name for name in ctx.table(kind.table) if name.startswith(start)]


def drop_grants(ctx: DatabricksContext, full_name: str) -> None:
    """Forget the grants on an object and on everything under it."""
    grants = ctx.table("uc_grants")
    lowered = full_name.lower()
    for key in list(grants):
        name = key.split(":", 1)[1]
        if name == lowered or name.startswith(lowered + "."):
            del grants[key]


def apply_updates(
    ctx: DatabricksContext,
    doc: dict[str, Any],
    body: Any,
    allowed: tuple[str, ...],
    rpc: str | None = None,
) -> None:
    """Set the ``allowed`` fields ``body`` holds. With ``rpc`` (``UpdateSchema``), a body
    holding none of them nor ``new_name`` is refused: UC answers "UpdateSchema Nothing to
    update" (databricks/cli ``bundle/direct/dresources/resources.yml`` at 7bbe2852, from a
    real workspace; the status is our best guess)."""
    if not isinstance(body, dict):
        raise api_error(400, "MALFORMED_REQUEST", "Request body must be a JSON object")
    if rpc and not any(body.get(name) is not None for name in (*allowed, "new_name")):
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"{rpc} Nothing to update")
    for name in allowed:
        if name in body:
            doc[name] = body[name]
    touch(ctx, doc)


def listing(key: str, chunk: list[Any], token: str | None) -> Response:
    body: dict[str, Any] = {key: chunk}
    if token:
        body["next_page_token"] = token
    return Response(200, body)


def new_in_schema(
    ctx: DatabricksContext, kind: UcKind, body: Any, rpc: str, field: str, *required: str
) -> tuple[dict[str, Any], str, str]:
    """(parent schema, name, full name) of an object a create ``body`` makes in a schema
    (a volume, a table), once the request is valid and the name free; ``rpc`` and ``field``
    name the name field in the error for a bad one.

    Raises:
        EmulatedError: a missing field (``catalog_name``, ``schema_name``, ``required``),
            a bad name, no such schema, or an object of that name already there.
    """
    require(body, "catalog_name", "schema_name", *required)
    name = check_name(body.get("name"), rpc, field)
    schema = get_or_404(ctx, SCHEMA, f"{body['catalog_name']}.{body['schema_name']}")
    full = f"{schema['full_name']}.{name}"
    if find(ctx, kind, full) is not None:
        raise kind.duplicate(full)
    return schema, name, full


def page_in_schema(
    ctx: DatabricksContext, request: Request, kind: UcKind
) -> tuple[list[Any], str | None]:
    """One page of the ``kind`` objects in the schema the ``catalog_name`` and
    ``schema_name`` query arguments name."""
    schema = f"{request.arg('catalog_name') or ''}.{request.arg('schema_name') or ''}"
    found = get_or_404(ctx, SCHEMA, schema)["full_name"]
    names = sorted(children(ctx, kind, found))
    return page(request, [ctx.table(kind.table)[n] for n in names], ctx)


def delete_leaf(ctx: DatabricksContext, kind: UcKind, full_name: str) -> Response:
    """Delete a ``kind`` object that holds no others (a volume, a table) and its grants."""
    doc = get_or_404(ctx, kind, full_name)
    del ctx.table(kind.table)[doc["full_name"]]
    drop_grants(ctx, doc["full_name"])
    return Response(200, {})
