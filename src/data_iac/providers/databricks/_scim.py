"""What the SCIM kinds (users, groups, service principals) share: exact-match lookups
through SCIM filters, listing, PATCH updates, and translating member names to SCIM ids
and back."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import OnceHandler, read_back
from data_iac.providers.databricks._kind_io import list_plain
from data_iac.providers.databricks.client import DatabricksClient

__all__ = [
    "FAMILY",
    "MemberDirectory",
    "find_one",
    "list_scim",
    "member_ids",
    "member_names",
    "patch",
    "replace_fields",
    "scim_attributes",
    "scim_filter",
    "update_scim",
]

FAMILY = "scim"
# The fields a principal's update replaces in place (the key field cannot change).
_REPLACED = ("display_name", "active", "external_id")


def scim_attributes(raw: Mapping[str, Any], fields: Mapping[str, str]) -> dict[str, Any]:
    """A SCIM principal JSON as attributes: ``fields`` (spec name -> SCIM attribute) that
    are present, ``id`` and the sorted display names of its ``groups``. Pure."""
    attributes = {field: raw[scim] for field, scim in fields.items() if scim in raw}
    attributes["id"] = str(raw["id"])
    attributes["groups"] = sorted(str(g.get("display")) for g in raw.get("groups") or [])
    return attributes


def replace_fields(fields: Mapping[str, str], spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The PATCH operations setting a principal's in-place fields: one replace with a value
    object (the SDK's Patch drops a falsy ``value`` such as False), or none. Pure."""
    changes = {fields[f]: spec[f] for f in _REPLACED if f in spec}
    return [{"op": "replace", "value": changes}] if changes else []


def list_scim(
    client: DatabricksClient,
    list_fn: Callable[..., Iterable[Any]],
    kind: str,
    attribute: str,
    observe: Callable[[dict[str, Any]], Observed],
) -> Iterator[tuple[Address, Observed]]:
    """Every object ``list_fn`` lists, addressed by its ``attribute`` (a unique name)."""
    for raw in list_plain(client, FAMILY, list_fn):
        yield Address(kind, str(raw.get(attribute))), observe(raw)


def update_scim(
    handler: OnceHandler,
    patch_fn: Callable[..., Any],
    remote_id: str,
    operations: list[dict[str, Any]],
    *,
    address: Address,
    what: str,
) -> Observed:
    """Send ``operations`` (if any) in one PATCH, then read the object back."""
    if operations:
        patch(handler.client, patch_fn, remote_id, operations, address=str(address))
    return read_back(handler, address, remote_id, what)


def scim_filter(attribute: str, value: str) -> str:
    """``attribute eq "value"`` with the value's quotes and backslashes escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{attribute} eq "{escaped}"'


def find_one(
    client: DatabricksClient, list_fn: Callable[..., Iterable[Any]], attribute: str, value: str
) -> dict[str, Any] | None:
    """The one SCIM object whose ``attribute`` equals ``value`` (as the SDK's dict), or None."""
    with client.mapped_errors():
        found = client.call(FAMILY, list_fn, filter=scim_filter(attribute, value))
        for item in found:
            as_dict: dict[str, Any] = item.as_dict()
            return as_dict
    return None


def patch(
    client: DatabricksClient,
    patch_fn: Callable[..., Any],
    resource_id: str,
    operations: list[dict[str, Any]],
    *,
    address: str,
) -> None:
    """Send SCIM PATCH ``operations`` (``{"op", "path", "value"}`` dicts) in one request."""
    from databricks.sdk.service import iam

    typed = [iam.Patch.from_dict(op) for op in operations]
    schema = [iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP]
    client.call(FAMILY, patch_fn, resource_id, operations=typed, schemas=schema, address=address)


def member_ids(client: DatabricksClient, names: Iterable[str], *, address: str) -> list[str]:
    """SCIM ids for member names: a user's userName, a service principal's applicationId or
    a group's displayName, tried in that order."""
    ids: list[str] = []
    w = client.w
    for name in names:
        for list_fn, attribute in (
            (w.users.list, "userName"),
            (w.service_principals.list, "applicationId"),
            (w.groups.list, "displayName"),
        ):
            found = find_one(client, list_fn, attribute, name)
            if found is not None:
                ids.append(str(found["id"]))
                break
        else:
            raise ResourceNotFound(
                f"group member {name!r} is not a user, service principal or group",
                platform="databricks",
                address=address,
                hint="members are user names, service principal application ids or group "
                "display names",
            )
    return ids


class MemberDirectory:
    """Member SCIM id -> member name, for users and service principals, read with one
    listing each (and only when a group has such a member) instead of one lookup per
    member. Share one across a listing of groups; thread safe."""

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client
        self._names: dict[str, str] | None = None
        self._lock = threading.Lock()

    def name_of(self, member_id: str) -> str | None:
        with self._lock:
            if self._names is None:
                self._names = self._load()
            return self._names.get(member_id)

    def _load(self) -> dict[str, str]:
        w = self.client.w
        names: dict[str, str] = {}
        for list_fn, attribute in (
            (w.users.list, "userName"),
            (w.service_principals.list, "applicationId"),
        ):
            for raw in list_plain(self.client, FAMILY, list_fn, attributes=f"id,{attribute}"):
                names[str(raw["id"])] = str(raw.get(attribute))
        return names


def member_names(directory: MemberDirectory, members: Iterable[dict[str, Any]]) -> list[str]:
    """The names (as ``member_ids`` takes them) of a group's ``members`` entries. A member
    whose id no longer resolves (deleted meanwhile) is left out: it never makes the group
    itself look gone."""
    names: list[str] = []
    for member in members:
        ref, member_id = str(member.get("$ref", "")), str(member.get("value"))
        if ref.startswith("Groups/"):
            names.append(str(member.get("display", "")))
            continue
        name = directory.name_of(member_id)
        if name is not None:
            names.append(name)
    return sorted(names)
