"""Global init scripts (``/api/2.0/global-init-scripts``), a generic REST collection.

From ``compute.GlobalInitScriptsAPI`` (databricks-sdk): create needs ``name`` and
``script`` (base64) and answers ``{script_id}``; a script is disabled unless ``enabled``;
``position`` 0 is first and by default a script goes last; update is a PATCH that answers
``{}``; the listing carries no ``script`` content and is one page.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    try:
        base64.b64decode(str(doc.get("script")), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise api_error(400, "INVALID_PARAMETER_VALUE", "script must be base64") from exc
    if int(doc.get("position") or 0) < 0:
        raise api_error(400, "INVALID_PARAMETER_VALUE", "position must be >= 0")


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    position = doc.get("position")
    if position is None:
        position = len(ctx.table("global_init_scripts"))
    return {
        "position": position,
        "created_at": now,
        "created_by": ctx.user_name,
        "updated_at": now,
        "updated_by": ctx.user_name,
    }


def _updated(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {"updated_at": ctx.now(), "updated_by": ctx.user_name}


COLLECTION = Collection(
    noun="global init script",
    table="global_init_scripts",
    base=r"/api/2\.0/global-init-scripts",
    id_field="script_id",
    list_key="scripts",
    fields=("name", "script", "enabled", "position"),
    required=("name", "script"),
    defaults={"enabled": False},
    new_id=lambda ctx, doc: ctx.store.random_token(16, "0123456789ABCDEF"),
    stamps=_stamps,
    update_stamps=_updated,
    missing=ErrorShape(
        404, "RESOURCE_DOES_NOT_EXIST", "The global init script with id {} does not exist."
    ),
    create_echo=False,
    update_echo=False,
    paginated=False,
    check=_check,
    list_view=lambda doc: {k: v for k, v in doc.items() if k != "script"},
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
