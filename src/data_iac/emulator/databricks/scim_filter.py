"""A small SCIM filter parser: ``attr op value`` terms joined by ``and`` / ``or``.

Supports the operators the SDK and the engine use (``eq``, ``ne``, ``co``, ``sw``, ``ew``,
``pr``), dotted sub-attributes (``emails.value``: true when any element matches) and
case-insensitive attribute names and string values, as SCIM specifies.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from data_iac.emulator.databricks.scim_resources import scim_error

__all__ = ["parse_filter"]

Predicate = Callable[[dict[str, Any]], bool]

_TERM = re.compile(
    r"\s*(?P<attr>[A-Za-z$][\w.$]*)\s+(?:(?P<op>eq|ne|co|sw|ew)\s+"
    r'(?P<value>"(?:[^"\\]|\\.)*"|true|false|null|-?\d+)|(?P<present>pr))\s*',
    re.IGNORECASE,
)
_JOIN = re.compile(r"(and|or)\b", re.IGNORECASE)
_COMPARE: dict[str, Callable[[str, str], bool]] = {
    "eq": lambda have, want: have == want,
    "ne": lambda have, want: have != want,
    "co": lambda have, want: want in have,
    "sw": lambda have, want: have.startswith(want),
    "ew": lambda have, want: have.endswith(want),
}


def parse_filter(expression: str | None) -> Predicate:
    """A predicate over SCIM resources; an empty filter matches everything.

    ``and`` binds tighter than ``or``. Raises a SCIM 400 for a filter it cannot read.
    """
    if not expression or not expression.strip():
        return lambda resource: True
    alternatives: list[list[Predicate]] = [[]]
    position = 0
    while True:
        found = _TERM.match(expression, position)
        if found is None:
            raise scim_error(400, f"Invalid filter: {expression}", scim_type="invalidFilter")
        alternatives[-1].append(_term(found))
        position = found.end()
        if position == len(expression):
            break
        joiner = _JOIN.match(expression, position)
        if joiner is None:
            raise scim_error(400, f"Invalid filter: {expression}", scim_type="invalidFilter")
        if joiner.group(1).lower() == "or":
            alternatives.append([])
        position = joiner.end()
    return lambda resource: any(all(t(resource) for t in terms) for terms in alternatives)


def _term(found: re.Match[str]) -> Predicate:
    path = found.group("attr").split(".")
    if found.group("present"):
        return lambda resource: bool(_values(resource, path))
    compare = _COMPARE[found.group("op").lower()]
    want = _normal(json.loads(found.group("value")))
    return lambda resource: any(compare(_normal(v), want) for v in _values(resource, path))


def _values(node: Any, path: list[str]) -> list[Any]:
    """Every value at ``path`` below ``node``; lists fan out, names match case-insensitively."""
    if not path:
        return [] if node is None else [node]
    if isinstance(node, list):
        return [v for item in node for v in _values(item, path)]
    if not isinstance(node, dict):
        return []
    head = path[0].lower()
    for key, value in node.items():
        if key.lower() == head:
            return _values(value, path[1:])
    return []


def _normal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).lower()
