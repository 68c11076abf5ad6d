"""Checking a decoded state document before anything trusts it.

A state file is input like a config: edited by hand, truncated by a full disk, merged by
Git, or written by another tool. Before a snapshot is built from it, every field the engine
relies on is checked for its type, and each problem is named by its field path
(``resources["databricks_job.nightly"].remote_id``), so a corrupted state is a clear error
and never a traceback, nor a state silently rewritten from wrong data.

Checked (format version 1): ``lineage`` a non-empty string; ``serial`` a non-negative
integer; ``environment`` a non-empty string; ``resources`` an object keyed by addresses
(``kind.key``), each with ``kind`` (equal to the address's kind), ``remote_id`` (a
non-empty string), ``attributes`` (an object), ``dependencies`` (a list of addresses),
``sensitive_hashes`` (an object of strings) and ``version`` (a string or null).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["MAX_REPORTED", "state_problems"]

MAX_REPORTED = 20
"""Problems listed in one error; the rest are counted."""


def state_problems(document: Mapping[str, Any]) -> list[str]:
    """Every problem of an upgraded state document, each as ``field: what is wrong``."""
    problems: list[str] = []
    _string(document.get("lineage"), "lineage", problems)
    serial = document.get("serial")
    if type(serial) is not int or serial < 0:
        problems.append(f"serial: expected a non-negative integer, found {_shown(serial)}")
    _string(document.get("environment", "default"), "environment", problems)
    resources = document.get("resources")
    if not isinstance(resources, dict):
        problems.append(f"resources: expected an object, found {_shown(resources)}")
        return problems
    for address, entry in resources.items():
        _check_resource(address, entry, problems)
    return problems


def _check_resource(address: str, entry: Any, problems: list[str]) -> None:
    where = f"resources[{json.dumps(address)}]"
    kind = _address_kind(address)
    if kind is None:
        problems.append(f"{where}: not an address (expected <kind>.<key>)")
    if not isinstance(entry, dict):
        problems.append(f"{where}: expected an object, found {_shown(entry)}")
        return
    has_kind = _string(entry.get("kind"), f"{where}.kind", problems)
    if has_kind and kind is not None and entry["kind"] != kind:
        problems.append(f"{where}.kind: {entry['kind']!r} is not the address's kind {kind!r}")
    _string(entry.get("remote_id"), f"{where}.remote_id", problems)
    _object(entry.get("attributes", {}), f"{where}.attributes", problems)
    hashes = entry.get("sensitive_hashes", {})
    if _object(hashes, f"{where}.sensitive_hashes", problems):
        for name, digest in hashes.items():
            _string(digest, f"{where}.sensitive_hashes.{name}", problems)
    version = entry.get("version")
    if version is not None and not isinstance(version, str):
        problems.append(f"{where}.version: expected a string or null, found {_shown(version)}")
    dependencies = entry.get("dependencies", [])
    if not isinstance(dependencies, list):
        problems.append(f"{where}.dependencies: expected a list, found {_shown(dependencies)}")
        return
    for index, dependency in enumerate(dependencies):
        if not isinstance(dependency, str) or _address_kind(dependency) is None:
            problems.append(
                f"{where}.dependencies[{index}]: expected an address, found {_shown(dependency)}"
            )


def _address_kind(text: str) -> str | None:
    kind, sep, key = text.partition(".")
    return kind if sep and kind and key else None


def _string(value: Any, where: str, problems: list[str]) -> bool:
    if isinstance(value, str) and value:
        return True
    problems.append(f"{where}: expected a non-empty string, found {_shown(value)}")
    return False


def _object(value: Any, where: str, problems: list[str]) -> bool:
    if isinstance(value, dict):
        return True
    problems.append(f"{where}: expected an object, found {_shown(value)}")
    return False


def _shown(value: Any) -> str:
    """A short rendering of a wrong value (never its whole content: it may be large)."""
    if value is None:
        return "nothing"
    text = json.dumps(value, default=str)
    kind = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )
    return f"{kind} {text if len(text) <= 40 else text[:37] + '...'}"
