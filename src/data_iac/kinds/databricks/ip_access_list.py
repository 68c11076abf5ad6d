"""``databricks_ip_access_list``: an allow or block list of IP addresses for the workspace.

Generic handler over ``w.ip_access_lists``; create and get nest the object under
``ip_access_list`` (``settings.CreateIpAccessListResponse``, ``FetchIpAccessListResponse``).
"""

from __future__ import annotations

from typing import Literal

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "IpAccessList"]


class IpAccessList(StackEntry):
    """An IP access list (REST field names)."""

    label: str | None = None
    list_type: Literal["ALLOW", "BLOCK"]
    ip_addresses: list[str]
    enabled: bool | None = None


SPEC = KindSpec(
    kind="databricks_ip_access_list",
    sections=("ip_access_lists",),
    config_model=IpAccessList,
    computed=frozenset(
        {"list_id", "address_count", "created_at", "created_by", "updated_at", "updated_by"}
    ),
    unordered=frozenset({"ip_addresses"}),
    defaults={"enabled": True},
    reasons={"enabled": "settings.IpAccessListInfo: a new list is enabled"},
    name_field="label",
    identity=("label",),
    import_id="the list id: `a1b2c3d4-...`",
    refresh=Strategy.LISTING,
    generate="ip_access_list",
    api=SdkApi(
        service="ip_access_lists",
        id_field="list_id",
        update_takes_id_in_body=False,
        unique_by="label",
        unwrap="ip_access_list",
    ),
)
