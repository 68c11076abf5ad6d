"""The lifecycle facts of a kind's record, asked about one diff path. Pure.

A diff path names list elements by their key (``tasks[etl].new_cluster.node_type_id``);
the record's facts name fields without them (``tasks.new_cluster.node_type_id``: that
field in every task). ``pattern_of`` turns the first into the second. A fact about a
field covers everything below it: ``aws_attributes`` in ``ignore_remote`` covers
``aws_attributes.zone_id``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from data_iac.model.kind import SERVER_SET, KindSpec

__all__ = [
    "Facts",
    "element_name",
    "facts_of",
    "forces_replace",
    "is_backend_default",
    "pattern_of",
    "remote_ignored",
    "split_path",
    "under",
]

_ELEMENT = re.compile(r"\[[^\]]*\]")
_PARTS = re.compile(r"(?:[^.\[]|\[[^\]]*\])+")


def pattern_of(path: str) -> str:
    """``path`` with its element keys left out: ``tasks[etl].run_if`` -> ``tasks.run_if``."""
    return _ELEMENT.sub("", path) if "[" in path else path


def split_path(path: str) -> list[str]:
    """The parts of a diff path; a dot inside an element key does not split it
    (``grants[ana.lopez@example.com].privileges``)."""
    return _PARTS.findall(path)


def under(pattern: str, facts: Iterable[str]) -> bool:
    """Whether ``pattern`` is one of ``facts`` or lies below one of them."""
    return any(pattern == fact or pattern.startswith(fact + ".") for fact in facts)


def _levels(pattern: str) -> list[str]:
    """``a.b.c`` -> ``["a", "a.b", "a.b.c"]``: the pattern and every field above it."""
    parts = pattern.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


class Facts:
    """A kind's lifecycle facts, indexed for the diff: what it asks per path is answered
    once per pattern (a plan of many jobs asks the same few patterns again and again)."""

    def __init__(self, schema: KindSpec) -> None:
        self.schema = schema
        self.defaults = dict(schema.defaults)
        self._sets = {
            "server_set": frozenset(k for k, v in self.defaults.items() if v is SERVER_SET),
            "ignored": frozenset(f for f in schema.ignore_remote if "." in f),
            "unreturned": frozenset(f for f in schema.write_only if "." in f),
            "write_only": schema.write_only,
            "computed": schema.computed,
            "immutable": schema.immutable,
        }
        self._memo: dict[tuple[str, str], bool] = {}

    def below(self, name: str, pattern: str) -> bool:
        """Whether ``pattern`` is, or lies below, a field of the fact set ``name``."""
        key = (name, pattern)
        found = self._memo.get(key)
        if found is None:
            facts = self._sets[name]
            found = bool(facts) and any(level in facts for level in _levels(pattern))
            self._memo[key] = found
        return found

    def is_default(self, pattern: str, value: Any) -> bool:
        """Whether the backend fills ``value`` at ``pattern`` when the user leaves it out:
        ``defaults`` names that value there, or ``SERVER_SET`` there or above it."""
        if self.below("server_set", pattern):
            return True
        if pattern not in self.defaults:
            return False
        from data_iac.diff.compare import values_equal

        return values_equal(self.defaults[pattern], value)


@functools.lru_cache(maxsize=512)
def facts_of(schema: KindSpec) -> Facts:
    return Facts(schema)


def is_backend_default(schema: KindSpec, pattern: str, value: Any) -> bool:
    """Whether the backend fills ``value`` at ``pattern`` when the user leaves it out:
    the record's ``defaults`` name that value, or ``SERVER_SET`` there or above it."""
    return facts_of(schema).is_default(pattern, value)


def remote_ignored(schema: KindSpec, pattern: str) -> bool:
    """A field below a nested ``ignore_remote`` fact: its remote changes are never compared
    (top-level facts are compared with what state recorded when they were applied: see
    ``planning.current``)."""
    return facts_of(schema).below("ignored", pattern)


def forces_replace(schema: KindSpec, path: str) -> bool:
    """Whether a difference at ``path`` can only be applied by replacing the object: the
    field, or one above it, is ``immutable``."""
    return facts_of(schema).below("immutable", pattern_of(path))


def element_name(item: Mapping[str, Any], fields: Sequence[str]) -> str | None:
    """The key naming one list element: the value of the first of ``fields`` it has (with
    the field's name when there are several: ``group_name=admins``), else None. A library
    is named by its coordinates (``pypi=polars==1.0``)."""
    for field in fields:
        value = item.get(field)
        text = _text(value)
        if text is not None:
            return text if len(fields) == 1 else f"{field}={text}"
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int):
        return str(value).replace("]", ")")
    if isinstance(value, Mapping):
        parts = [_text(v) for k, v in sorted(value.items()) if k != "repo"]
        named = [p for p in parts if p]
        return ":".join(named) if named else None
    return None
