"""``databricks_permissions``: the access control list of one workspace object.

Remote id ``<object_type>/<object_id>`` (``jobs/123``). Only direct grants are managed; the
owner (``IS_OWNER``) is its own attribute ``owner``, managed only when the spec names one.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.kinds import build_permissions
from data_iac.config.stack.schema import Permissions
from data_iac.model.kind import KindSpec

__all__ = [
    "KEPT_OWNER",
    "OWNED_TYPES",
    "OWNER",
    "PRINCIPALS",
    "SPEC",
    "keep_owner",
    "normalize_spec",
]

PRINCIPALS = ("user_name", "group_name", "service_principal_name")
OWNER = "IS_OWNER"
# Object types that always have exactly one owner (databricks/cli
# libs/testserver/permissions.go at 7bbe2852: jobs and pipelines; warehouses have one once
# created by a user, terraform-provider-databricks permissions/permission_definitions.go).
OWNED_TYPES = frozenset({"jobs", "pipelines", "sql/warehouses", "warehouses"})
# What the plan shows as the owner of such an object when the config names none: the
# provider sends the current owner with the ACL, and the field is never compared.
KEPT_OWNER = "(kept: the current owner)"


def keep_owner(spec: dict[str, Any]) -> bool:
    """Mark ``spec`` (an ACL of an owned object type naming no ``IS_OWNER``) as keeping
    the current owner; True when it did, so the builder ignores changes of ``owner``."""
    entries = spec.get("access_control_list") or []
    named = any(isinstance(e, dict) and e.get("permission_level") == OWNER for e in entries)
    if spec.get("object_type") not in OWNED_TYPES or named or "owner" in spec:
        return False
    spec["owner"] = KEPT_OWNER
    return True


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``spec`` with an ``IS_OWNER`` entry moved out of the list into ``owner``
    (``{principal_field: name}``), each entry reduced to principal + level, and
    ``object_id`` as text (a reference to a notebook's numeric ``object_id`` resolves to an
    int, the remote id holds a string)."""
    clean = copy.deepcopy(dict(spec))
    if isinstance(clean.get("object_id"), int):
        clean["object_id"] = str(clean["object_id"])
    entries = [_entry(e) for e in clean.get("access_control_list") or []]
    owners = [e for e in entries if e["permission_level"] == OWNER]
    clean["access_control_list"] = [e for e in entries if e["permission_level"] != OWNER]
    if clean.get("owner") == KEPT_OWNER:
        del clean["owner"]  # kept as it is: nothing to compare
    if owners:
        clean["owner"] = {k: v for k, v in owners[0].items() if k in PRINCIPALS}
    return clean


def _entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    principal = next(k for k in PRINCIPALS if entry.get(k))
    return {principal: entry[principal], "permission_level": entry["permission_level"]}


SPEC = KindSpec(
    kind="databricks_permissions",
    sections=("permissions",),
    config_model=Permissions,
    build=build_permissions,
    immutable=frozenset({"object_type", "object_id"}),
    unordered=frozenset({"access_control_list"}),
    list_keys={"access_control_list": PRINCIPALS},
    normalize=normalize_spec,
    identity=("object_type", "object_id"),  # a crashed PUT is read back by what it governs
    import_id="`<object type>/<object id>`: `jobs/123`, `notebooks/4567`",
    handler="data_iac.providers.databricks.permissions:Handler",
)
