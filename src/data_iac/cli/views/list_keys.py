"""Which field identifies an element of a list of objects, so that a plan can match the
elements of two versions of the list (``tasks`` by ``task_key``, grants by ``principal``)
and show added, removed and changed elements instead of two whole lists.

The candidates come first from the kind's record (``KindSpec.list_keys`` of the kind
registry), then from the fields that identify elements across the platforms' APIs. A field
identifies a list only when every element on both sides has it, with distinct values on
each side.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from data_iac.kinds import spec_of

__all__ = ["COMMON_KEYS", "element_key", "element_keys", "name_of"]

# Fields the Databricks and Dataiku APIs use to identify the elements of their lists.
COMMON_KEYS = (
    "task_key",
    "job_cluster_key",
    "environment_key",
    "principal",
    "group_name",
    "user_name",
    "service_principal_name",
    "key",
    "name",
    "ref",
    "id",
)


def element_keys(kind: str, path: str) -> tuple[str, ...]:
    """The candidate identifying fields of the list at ``path`` (dotted, list indexes
    left out) of a resource of ``kind``, the kind's own first."""
    declared = _declared(kind, path)
    return declared + tuple(k for k in COMMON_KEYS if k not in declared)


@functools.lru_cache(maxsize=1024)
def _declared(kind: str, path: str) -> tuple[str, ...]:
    """``list_keys[path]`` of the kind's record (``data_iac.kinds``), if it declares one."""
    key = spec_of(kind).list_keys.get(path)
    if isinstance(key, str):
        return (key,)
    return tuple(key) if key else ()


def element_key(
    kind: str, path: str, before: Sequence[Any], after: Sequence[Any]
) -> tuple[str, ...] | None:
    """The field (or, for access lists, the fields) naming each element of both lists, or
    None when the elements are not objects that some field identifies."""
    items = [*before, *after]
    if not items or not all(isinstance(item, Mapping) for item in items):
        return None
    declared = _declared(kind, path)
    if declared and _identifies(declared, before, after):
        return declared
    for field in element_keys(kind, path):
        if _identifies((field,), before, after):
            return (field,)
    return None


def _identifies(fields: Sequence[str], before: Sequence[Any], after: Sequence[Any]) -> bool:
    for side in (before, after):
        names = [_name(item, fields) for item in side]
        if None in names or len(set(names)) != len(names):
            return False
    return True


def _name(item: Mapping[str, Any], fields: Sequence[str]) -> str | None:
    for field in fields:
        value = item.get(field)
        if isinstance(value, str | int) and not isinstance(value, bool):
            return f"{field}={value}"
    return None


def name_of(item: Mapping[str, Any], fields: Sequence[str]) -> str:
    """The identity of one element under ``fields`` (call only once they identify it)."""
    return _name(item, fields) or ""
