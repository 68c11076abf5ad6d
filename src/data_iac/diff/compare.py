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
from typing import Any, NamedTuple

from data_iac.diff.facts import (
    Facts,
    element_name,
    facts_of,
    forces_replace,
    is_backend_default,
    pattern_of,
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


class _Rules:
    """The facts one comparison reads: the kind's (indexed), the mappings compared both ways,
    and the paths left alone (``ignore_changes`` and computed fields)."""

    __slots__ = ("_skips", "closed", "facts", "schema", "skipped")

    def __init__(self, schema: KindSpec, closed: frozenset[str], skipped: frozenset[str]):
        self.schema = schema
        self.facts = facts_of(schema)
        self.closed = closed
        self.skipped = skipped
        self._skips: dict[str, bool] = {}

    def skips(self, path: str, pattern: str) -> bool:
        if path in self.skipped:
            return True
        found = self._skips.get(pattern)
        if found is None:
            found = under(pattern, self.skipped)
            self._skips[pattern] = found
        return found


class _At(NamedTuple):
    """Where a comparison is: the diff path (``tasks[etl].run_if``) and its pattern, the
    path the record's facts are written in (``tasks.run_if``)."""

    path: str
    pattern: str


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
        at = _At(key, key)
        _diff_value(at, desired[key], current.get(key, MISSING), rules, diffs, inside=False)
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
    at: _At, want: Any, have: Any, rules: _Rules, out: list[AttributeDiff], *, inside: bool
) -> None:
    path, pattern = at
    schema, facts = rules.schema, rules.facts
    if rules.skips(path, pattern) or facts.below("ignored", pattern):
        return
    if want is MISSING:
        if have is not MISSING and not _remote_only_allowed(facts, pattern, have):
            out.append(AttributeDiff(path, have, MISSING))
        return
    if have is MISSING:
        # a top-level input-only field is compared with what state kept (planning.current)
        if not (facts.below("unreturned", pattern) or facts.is_default(pattern, want)):
            out.append(AttributeDiff(path, MISSING, want))
        return
    if isinstance(want, Mapping) and isinstance(have, Mapping):
        _diff_mapping(at, want, have, rules, out, inside=inside)
        return
    key = schema.list_keys.get(pattern)
    if key and isinstance(want, list) and isinstance(have, list):
        fields = (key,) if isinstance(key, str) else tuple(key)
        unnamed = schema.defaults.get(f"{pattern}.{fields[0]}")  # ``label: default``
        named = _Naming(fields, unnamed if isinstance(unnamed, str) else None)
        if _diff_elements(at, want, have, named, rules, out):
            return
    if not values_equal(want, have, unordered=pattern in schema.unordered):
        out.append(AttributeDiff(path, have, want))


def _remote_only_allowed(facts: Facts, pattern: str, have: Any) -> bool:
    """A field only the platform holds that is no difference: a backend default, a
    computed or input-only field."""
    return (
        facts.is_default(pattern, have)
        or facts.below("computed", pattern)
        or facts.below("write_only", pattern)
    )


def _diff_mapping(
    at: _At,
    want: Mapping[str, Any],
    have: Mapping[str, Any],
    rules: _Rules,
    out: list[AttributeDiff],
    *,
    inside: bool,
) -> None:
    path, pattern = at
    both_ways = inside or path in rules.closed
    keys = sorted(want.keys() | have.keys()) if both_ways else sorted(want)
    for key in keys:
        child = _At(f"{path}.{key}", f"{pattern}.{key}")
        if key not in want and not inside:  # a closed mapping: no defaults there
            if not rules.skips(*child):
                out.append(AttributeDiff(child.path, have[key], MISSING))
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
    at: _At,
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
        child = _At(f"{at.path}[{name}]", at.pattern)
        if name not in held:
            out.append(AttributeDiff(child.path, MISSING, wanted[name]))
        elif name not in wanted:
            out.append(AttributeDiff(child.path, held[name], MISSING))
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
