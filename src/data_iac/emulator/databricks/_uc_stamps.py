"""Server-set fields of Unity Catalog objects served by a generic ``Collection``."""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.emulator.databricks.uc_objects import created_stamp

__all__ = ["uc_created", "uc_updated"]


def uc_created(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    """owner (the caller unless the request named one), created/updated stamps, metastore."""
    stamp = created_stamp(ctx)
    if doc.get("owner"):
        stamp["owner"] = doc["owner"]
    return stamp


def uc_updated(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {"updated_at": ctx.now(), "updated_by": ctx.user_name}
