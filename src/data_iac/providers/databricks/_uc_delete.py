"""Destroying a catalog or a schema without destroying what this config does not own.

Unity Catalog refuses to delete a catalog or schema that still holds children unless the
request says ``force=true``, and ``force`` drops them all, data included. A destroy runs in
reverse dependency order, so when a catalog's turn comes every schema the config manages is
already gone; what is left belongs to UC itself (``information_schema``, and the ``default``
schema a standard catalog is created with) or to nobody here (tables a pipeline wrote, a
schema made in the UI). So the delete lists what is left first:

- only UC's own (an empty ``default``): delete with ``force`` (the Asset Bundles engine
  always does, databricks/cli ``bundle/direct/dresources/catalog.go`` at 7bbe2852);
- anything else: refuse, naming it, unless the resource says ``force_destroy: true``
  (Laktory's and the Terraform provider's field).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from data_iac.errors import RemoteConflictError, ResourceNotFound
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["catalog_leftovers", "refuse_unless_forced", "schema_leftovers"]

FAMILY = "unity-catalog"
_UC_OWN_SCHEMAS = ("information_schema",)
_DEFAULT = "default"


def _names(client: DatabricksClient, list_call: Callable[[], Any], address: str) -> list[str]:
    items = client.call(FAMILY, lambda: list(list_call()), address=address)
    return sorted(str(getattr(item, "full_name", None) or item.name) for item in items)


def schema_leftovers(client: DatabricksClient, full_name: str, address: str) -> list[str] | None:
    """The tables and volumes left in a schema (full names); None when it is gone."""
    catalog, _, schema = full_name.partition(".")
    w = client.w
    try:
        tables = _names(client, lambda: w.tables.list(catalog, schema), address)
        volumes = _names(client, lambda: w.volumes.list(catalog, schema), address)
    except ResourceNotFound:
        return None
    return tables + volumes


def catalog_leftovers(client: DatabricksClient, name: str, address: str) -> list[str] | None:
    """The schemas left in a catalog that UC did not make (an empty ``default`` is UC's);
    None when the catalog is gone."""
    try:
        schemas = _names(client, lambda: client.w.schemas.list(name), address)
    except ResourceNotFound:
        return None
    left = []
    for full_name in schemas:
        short = full_name.partition(".")[2]
        if short in _UC_OWN_SCHEMAS:
            continue
        if short == _DEFAULT and not schema_leftovers(client, full_name, address):
            continue
        left.append(full_name)
    return left


def refuse_unless_forced(what: str, leftovers: list[str], forced: bool, address: str) -> None:
    """Raise when ``leftovers`` is not empty and ``force_destroy`` is not set."""
    if not leftovers or forced:
        return
    shown = ", ".join(leftovers[:5]) + (
        f" and {len(leftovers) - 5} more" if len(leftovers) > 5 else ""
    )
    raise RemoteConflictError(
        f"{what} still holds objects this config does not manage: {shown}",
        platform="databricks",
        address=address,
        hint="delete or move them first, or set force_destroy: true on it to drop them "
        "(and their data) with it",
    )
