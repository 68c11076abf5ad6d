"""References between resources inside specs, resolved at apply time from state.

Config writes ``${resources.KEY.ATTR}``; ``config/dataiku/desired.py`` rewrites each one to the
canonical ``${ref:ADDRESS#ATTR}`` (ADDRESS is a full address, which may contain dots; ATTR
is a dotted path into the target's state attributes, or ``id`` for its remote id) and adds
the dependency edge. Only the canonical form is understood here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from data_iac.addresses import Address

__all__ = ["UNKNOWN", "canonical_reference", "find_references", "resolve_references"]

REFERENCE = re.compile(r"\$\{ref:(?P<address>[^#}]+)#(?P<attr>[^}]+)\}")

# What a reference to a not-yet-created object shows in a plan.
UNKNOWN = "(known after apply)"


def canonical_reference(address: Address, attr: str) -> str:
    return f"${{ref:{address}#{attr}}}"


def find_references(value: Any) -> Iterator[tuple[Address, str]]:
    """Every (address, attr) referenced anywhere inside ``value``."""
    if isinstance(value, str):
        for found in REFERENCE.finditer(value):
            yield Address.parse(found["address"]), found["attr"]
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from find_references(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from find_references(item)


Lookup = Callable[[Address, str], Any]


def resolve_references(value: Any, lookup: Lookup) -> Any:
    """A copy of ``value`` with each reference replaced by ``lookup(address, attr)``.

    A string that is exactly one reference takes the looked-up value with its type; a
    reference inside a longer string is interpolated as text.
    """
    if isinstance(value, str):
        whole = REFERENCE.fullmatch(value)
        if whole:
            return lookup(Address.parse(whole["address"]), whole["attr"])
        if "${ref:" not in value:
            return value
        return REFERENCE.sub(lambda m: str(lookup(Address.parse(m["address"]), m["attr"])), value)
    if isinstance(value, Mapping):
        return {k: resolve_references(v, lookup) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [resolve_references(v, lookup) for v in value]
    return value
