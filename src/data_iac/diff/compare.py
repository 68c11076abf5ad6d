"""Compare a desired spec with current attributes, to the attribute. Pure functions; no I/O.

A field the user did not set is never a difference at the top of a spec: only keys present
in the desired spec are compared, recursively through nested mappings. A list whose
elements the kind's record names (``list_keys``: ``tasks`` by ``task_key``) is compared
element by element on that key, order left aside: an element only one side has is added or
removed (``tasks[etl]``), and two elements of the same key are compared field by field,
both ways (``tasks[etl].timeout_seconds``). There a field only the platform holds is a
difference unless the record calls it a backend default (``defaults``), computed, ignored
remotely (``ignore_remote``) or input-only (``write_only``); a field only the user holds is
a difference unless the platform never returns it (``write_only``) or the user wrote the
very default the platform leaves out. Other lists are compared whole (as sets for the
kind's ``unordered`` fields). docs/diff.md describes the rules with examples.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from data_iac.diff.facts import (
    element_name,
    forces_replace,
    is_backend_default,
    pattern_of,
    remote_ignored,
    under,
)
from data_iac.model.kind import KindSpec

__all__ = [
    "MISSING",
    "AttributeDiff",
    "diff_attributes",
    "forces_replace",
    "removed_fields",
    "values_equal",
]


class _Missing:
    """Marks an attribute absent on one side (distinct from an explicit null)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class AttributeDiff:
    """One differing attribute: ``path`` is dotted from the spec root (``params.table``),
    list elements named by their key (``tasks[etl].notebook_task.notebook_path``)."""

    path: str
    before: Any
    after: Any

    @property
    def top(self) -> str:
        """The top-level field this difference belongs to."""
        return pattern_of(self.path).split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class _Rules:
    schema: KindSpec
    closed: frozenset[str]
    skipped: frozenset[str]

    def skips(self, path: str, pattern: str) -> bool:
        return path in self.skipped or under(pattern, self.skipped)


def diff_attributes(
    desired: Mapping[str, Any],
    current: Mapping[str, Any],
    schema: KindSpec,
    *,
    ignore: Iterable[str] = (),
    closed: frozenset[str] = frozenset(),
) -> list[AttributeDiff]:
    """Every managed attribute where ``current`` differs from ``desired``.

    ``ignore`` holds dotted paths (``ignore_changes``) left alone, with everything below them
    (``tasks.new_cluster.num_workers`` in every task). ``closed`` holds mapping paths
    compared both ways (keys only ``current`` has differ too). Computed fields of the schema
    are never compared.
    """
    rules = _Rules(schema, closed, frozenset(ignore) | schema.computed)
    diffs: list[AttributeDiff] = []
    for key in sorted(desired):
        _diff_value(key, desired[key], current.get(key, MISSING), rules, diffs, inside=False)
    return diffs


def removed_fields(
    desired: Mapping[str, Any],
    configured: Iterable[str],
    current: Mapping[str, Any],
    schema: KindSpec,
    *,
    ignore: Iterable[str] = (),
) -> list[AttributeDiff]:
    """The top-level fields the config set when it was last applied (``configured``) and
    no longer sets, that the object still holds: each is removed by the next update, for
    kinds whose update sends the whole spec (``update_replaces``). A value the service would
    have chosen anyway (a backend default), and computed, ignored, input-only or sensitive
    fields, are no removal."""
    if not schema.update_replaces:
        return []
    left_alone = {*ignore, *schema.computed, *schema.write_only, *schema.sensitive}
    found: list[AttributeDiff] = []
    for key in sorted(set(configured) - desired.keys() - left_alone):
        have = current.get(key, MISSING)
        if have is MISSING or have is None or is_backend_default(schema, key, have):
            continue
        found.append(AttributeDiff(key, have, MISSING))
    return found


def _diff_value(
    path: str, want: Any, have: Any, rules: _Rules, out: list[AttributeDiff], *, inside: bool
) -> None:
    pattern = pattern_of(path)
    schema = rules.schema
    if rules.skips(path, pattern) or remote_ignored(schema, pattern):
        return
    if want is MISSING:
        if have is not MISSING and not _remote_only_allowed(schema, pattern, have):
            out.append(AttributeDiff(path, have, MISSING))
        return
    if have is MISSING:
        # a top-level input-only field is compared with what state kept (planning.current)
        unreturned = under(pattern, (fact for fact in schema.write_only if "." in fact))
        if not (unreturned or is_backend_default(schema, pattern, want)):
            out.append(AttributeDiff(path, MISSING, want))
        return
    if isinstance(want, Mapping) and isinstance(have, Mapping):
        _diff_mapping(path, want, have, rules, out, inside=inside)
        return
    key = schema.list_keys.get(pattern)
    if key and isinstance(want, list) and isinstance(have, list):
        fields = (key,) if isinstance(key, str) else tuple(key)
        unnamed = schema.defaults.get(f"{pattern}.{fields[0]}")  # ``label: default``
        named = _Naming(fields, unnamed if isinstance(unnamed, str) else None)
        if _diff_elements(path, want, have, named, rules, out):
            return
    if not values_equal(want, have, unordered=pattern in schema.unordered):
        out.append(AttributeDiff(path, have, want))


def _remote_only_allowed(schema: KindSpec, pattern: str, have: Any) -> bool:
    """A field only the platform holds that is no difference: a backend default, a
    computed or input-only field."""
    return (
        is_backend_default(schema, pattern, have)
        or under(pattern, schema.computed)
        or under(pattern, schema.write_only)
    )


def _diff_mapping(
    path: str,
    want: Mapping[str, Any],
    have: Mapping[str, Any],
    rules: _Rules,
    out: list[AttributeDiff],
    *,
    inside: bool,
) -> None:
    both_ways = inside or path in rules.closed
    keys = sorted(want.keys() | have.keys()) if both_ways else sorted(want)
    for key in keys:
        child = f"{path}.{key}"
        if key not in want and not inside:  # a closed mapping: no defaults there
            if not rules.skips(child, pattern_of(child)):
                out.append(AttributeDiff(child, have[key], MISSING))
            continue
        _diff_value(
            child, want.get(key, MISSING), have.get(key, MISSING), rules, out, inside=inside
        )


@dataclass(frozen=True, slots=True)
class _Naming:
    """How a list names its elements: ``fields`` (the first one set), else ``unnamed``,
    the name the backend gives an element left without one (a pipeline cluster's
    ``label: default``)."""

    fields: Sequence[str]
    unnamed: str | None

    def name(self, item: Any) -> str | None:
        if not isinstance(item, Mapping):
            return None
        found = element_name(item, self.fields)
        return self.unnamed if found is None else found


def _diff_elements(
    path: str,
    want: list[Any],
    have: list[Any],
    naming: _Naming,
    rules: _Rules,
    out: list[AttributeDiff],
) -> bool:
    """Compare two lists element by element on their key; False when some element has no
    key or two share one (the lists are then compared whole)."""
    wanted, held = _by_key(want, naming), _by_key(have, naming)
    if wanted is None or held is None:
        return False
    for name in [*wanted, *(n for n in held if n not in wanted)]:
        child = f"{path}[{name}]"
        if name not in held:
            out.append(AttributeDiff(child, MISSING, wanted[name]))
        elif name not in wanted:
            out.append(AttributeDiff(child, held[name], MISSING))
        else:
            _diff_value(child, wanted[name], held[name], rules, out, inside=True)
    return True


def _by_key(items: list[Any], naming: _Naming) -> dict[str, Any] | None:
    keyed: dict[str, Any] = {}
    for item in items:
        name = naming.name(item)
        if name is None or name in keyed:
            return None
        keyed[name] = item
    return keyed


def values_equal(want: Any, have: Any, *, unordered: bool = False) -> bool:
    """Equality as the platforms mean it: 1 == 1.0, and lists as sets when ``unordered``."""
    if want is MISSING or have is MISSING:
        return want is have
    if unordered and isinstance(want, list) and isinstance(have, list):
        return sorted(map(_sort_key, want)) == sorted(map(_sort_key, have))
    if isinstance(want, bool) or isinstance(have, bool):
        return type(want) is type(have) and want == have
    return bool(want == have)


def _sort_key(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True, default=str)
