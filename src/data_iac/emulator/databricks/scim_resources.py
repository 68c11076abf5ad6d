"""What differs between the SCIM resource types: required and default attributes,
uniqueness, PATCH rules, and the derived ``groups`` / ``members`` views.

Membership is stored once, on the group (``members: [{"value": id}]``); a user's, service
principal's or group's ``groups`` attribute is derived from it when rendered.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.emulator.http import EmulatedError

__all__ = ["KINDS", "ScimKind", "groups_of", "scim_error", "with_groups"]

ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
# Attributes derived by the server; a client cannot set them.
READ_ONLY = ("id", "schemas", "meta", "groups")
# ``members[value eq "ID"]``, ``roles[value eq "account_admin"]``: remove the matching items
# (the Terraform provider removes a group member and a role this way:
# scim/resource_group_member.go and scim/resource_group_role.go at 0ff084b5).
_MEMBER_FILTER = re.compile(
    r'^(?P<attribute>members|roles|entitlements)\[value eq "?(?P<value>[^"\]]+)"?\]$',
    re.IGNORECASE,
)


def scim_error(status: int, detail: str, *, scim_type: str | None = None) -> EmulatedError:
    """A SCIM-shaped error; duplicates and missing objects carry no ``scimType`` (7.B.14)."""
    body: dict[str, Any] = {"schemas": [ERROR_SCHEMA], "detail": detail, "status": str(status)}
    if scim_type:
        body["scimType"] = scim_type
    return EmulatedError(status, body)


@dataclass(frozen=True, slots=True)
class ScimKind:
    """One resource type. ``unique`` is the attribute no two objects may share."""

    path: str
    label: str
    schema: str
    unique: str
    duplicate_message: str
    resource_type: str | None = None
    immutable_on_patch: tuple[str, ...] = ()

    def prepared(self, ctx: DatabricksContext, body: dict[str, Any]) -> dict[str, Any]:
        """The stored form of a create/replace body: read-only attributes dropped, required
        ones checked, defaults filled."""
        clean = {k: copy.deepcopy(v) for k, v in body.items() if k not in READ_ONLY}
        if self.path == "ServicePrincipals" and not clean.get("applicationId"):
            clean["applicationId"] = ctx.store.new_uuid()
        if not clean.get(self.unique):
            raise scim_error(
                400, f"Missing required attribute: {self.unique}", scim_type="invalidValue"
            )
        if self.path == "Users":
            clean.setdefault("displayName", clean["userName"])
            clean.setdefault(
                "emails", [{"value": clean["userName"], "type": "work", "primary": True}]
            )
        if self.path != "Groups":
            clean.setdefault("active", True)
        if "members" in clean:
            clean["members"] = _member_refs(clean["members"])
        return clean

    def check_unique(
        self, table: dict[str, Any], body: dict[str, Any], resource_id: str | None
    ) -> None:
        value = str(body.get(self.unique, "")).lower()
        for other in table.values():
            if str(other.get(self.unique, "")).lower() == value and other["id"] != resource_id:
                raise scim_error(409, self.duplicate_message.format(body[self.unique]))

    def apply_patch(self, resource: dict[str, Any], operation: dict[str, Any]) -> None:
        """Apply one PATCH operation (``add``, ``remove`` or ``replace``) in place."""
        op = str(operation.get("op", "")).lower()
        path = operation.get("path")
        value = copy.deepcopy(operation.get("value"))
        if op not in ("add", "remove", "replace"):
            raise scim_error(
                400, f"Unsupported patch op: {operation.get('op')}", scim_type="invalidSyntax"
            )
        if op != "remove" and "value" not in operation:
            raise scim_error(400, f"Patch op {op} needs a value", scim_type="invalidValue")
        if not path:
            for key, item in (value or {}).items():
                self.apply_patch(resource, {"op": op, "path": key, "value": item})
            return
        member = _MEMBER_FILTER.match(path)
        if member:
            attribute, gone = member.group("attribute").lower(), member.group("value")
            kept = [m for m in resource.get(attribute, []) if _identity(m) != gone]
            resource[attribute] = kept
            return
        if path in self.immutable_on_patch or path in READ_ONLY:
            return  # the real service ignores these on PATCH
        _patch_attribute(resource, op, path, value)


def _patch_attribute(resource: dict[str, Any], op: str, path: str, value: Any) -> None:
    current = resource.get(path)
    if path == "members" and value is not None:
        value = _member_refs(value)
    if op == "remove":
        if isinstance(current, list) and isinstance(value, list):
            gone = {_identity(v) for v in value}
            resource[path] = [v for v in current if _identity(v) not in gone]
        else:
            resource.pop(path, None)
    elif op == "add" and isinstance(current, list) and isinstance(value, list):
        seen = {_identity(v) for v in current}
        resource[path] = current + [v for v in value if _identity(v) not in seen]
    else:
        resource[path] = value


def _identity(item: Any) -> Any:
    return item.get("value") if isinstance(item, dict) else item


def _member_refs(members: list[Any]) -> list[dict[str, str]]:
    return [{"value": str(m["value"] if isinstance(m, dict) else m)} for m in members]


KINDS: tuple[ScimKind, ...] = (
    ScimKind(
        "Users",
        "User",
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "userName",
        "User with username {} already exists.",
        immutable_on_patch=("userName", "emails"),
    ),
    ScimKind(
        "Groups",
        "Group",
        "urn:ietf:params:scim:schemas:core:2.0:Group",
        "displayName",
        "Group with name {} already exists.",
        resource_type="WorkspaceGroup",
    ),
    ScimKind(
        "ServicePrincipals",
        "Service principal",
        "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal",
        "applicationId",
        "Service principal with application ID {} already exists.",
    ),
)


def groups_of(ctx: DatabricksContext, prefix: str = "scim_") -> list[dict[str, Any]]:
    """Every group of one directory (``scim_``: the workspace, ``account_scim_``: the account)."""
    return list(ctx.table(f"{prefix}groups").values())


def _directory(ctx: DatabricksContext, prefix: str) -> dict[str, tuple[str, str]]:
    """Every principal id -> (SCIM path, display value)."""
    found: dict[str, tuple[str, str]] = {}
    for path, table, label in (
        ("Users", "users", "displayName"),
        ("Groups", "groups", "displayName"),
        ("ServicePrincipals", "serviceprincipals", "displayName"),
    ):
        for resource in ctx.table(f"{prefix}{table}").values():
            found[resource["id"]] = (path, str(resource.get(label, "")))
    return found


def with_groups(
    ctx: DatabricksContext, resource: dict[str, Any], prefix: str = "scim_"
) -> dict[str, Any]:
    """``resource`` with its derived ``groups`` and its members' ``display`` and ``$ref``."""
    directory = _directory(ctx, prefix)
    if "members" in resource:
        resource["members"] = [_member_view(m["value"], directory) for m in resource["members"]]
    parents = [
        {
            "display": g.get("displayName", ""),
            "value": g["id"],
            "$ref": f"Groups/{g['id']}",
            "type": "direct",
        }
        for g in groups_of(ctx, prefix)
        if any(m["value"] == resource["id"] for m in g.get("members", []))
    ]
    if parents:
        resource["groups"] = parents
    return resource


def _member_view(member_id: str, directory: dict[str, tuple[str, str]]) -> dict[str, str]:
    path, display = directory.get(member_id, ("Users", ""))
    return {"value": member_id, "display": display, "$ref": f"{path}/{member_id}"}
