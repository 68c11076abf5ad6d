"""IP access lists (``/api/2.0/ip-access-lists``), a generic REST collection.

From ``settings.IpAccessListsAPI`` (databricks-sdk): create needs ``label`` and
``list_type`` (ALLOW | BLOCK) and answers ``{ip_access_list: {...}}``, as get does; a list
is enabled on create; update is a PATCH answering ``{}``; the listing is one page under
``ip_access_lists``; ``address_count`` is computed.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    if doc.get("list_type") not in ("ALLOW", "BLOCK"):
        raise api_error(400, "INVALID_PARAMETER_VALUE", "list_type must be ALLOW or BLOCK")
    for address in doc.get("ip_addresses") or []:
        try:
            ipaddress.ip_network(str(address), strict=False)
        except ValueError as exc:
            raise api_error(
                400, "INVALID_PARAMETER_VALUE", f"Invalid IP address or CIDR: {address}"
            ) from exc
    doc["address_count"] = len(doc.get("ip_addresses") or [])


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    return {"created_at": now, "created_by": 1, "updated_at": now, "updated_by": 1}


COLLECTION = Collection(
    noun="IP access list",
    table="ip_access_lists",
    base=r"/api/2\.0/ip-access-lists",
    id_field="list_id",
    list_key="ip_access_lists",
    fields=("label", "list_type", "ip_addresses", "enabled"),
    required=("label", "list_type"),
    defaults={"enabled": True, "ip_addresses": []},
    stamps=_stamps,
    update_stamps=lambda ctx, doc: {"updated_at": ctx.now()},
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "IP access list {} does not exist"),
    response_key="ip_access_list",
    update_echo=False,
    paginated=False,
    check=_check,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
