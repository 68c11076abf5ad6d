"""Laktory's ``variables:`` in a pipeline: ``${vars.NAME}`` replaced before validation (pure).

A pipeline, a node, a source, a sink or a step may declare ``variables``; the innermost
declaration wins. A string that is exactly ``${vars.NAME}`` takes the variable's value with its
type (a list stays a list); inside a longer string the value is written as text. A name that
no scope declares is left as written (a stack's environment may still resolve it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["declared_packages", "inherit_dataframe_api", "substitute_variables"]

_REFERENCE = re.compile(r"\$\{vars\.([A-Za-z_][A-Za-z0-9_]*)\}")
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._\-]*)")


def _replace(text: str, scope: Mapping[str, Any]) -> Any:
    whole = _REFERENCE.fullmatch(text.strip())
    if whole and whole.group(1) in scope:
        return scope[whole.group(1)]

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(scope[name]) if name in scope else match.group(0)

    return _REFERENCE.sub(one, text)


def substitute_variables(value: Any, scope: Mapping[str, Any] | None = None) -> Any:
    """``value`` with every known ``${vars.X}`` replaced, scopes nested as in the YAML."""
    scope = dict(scope or {})
    if isinstance(value, Mapping):
        own = value.get("variables")
        if isinstance(own, Mapping):
            scope |= {str(k): substitute_variables(v, scope) for k, v in own.items()}
        return {k: substitute_variables(v, scope) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute_variables(item, scope) for item in value]
    if isinstance(value, str) and "${vars." in value:
        return _replace(value, scope)
    return value


def inherit_dataframe_api(value: Any, api: Any = None) -> Any:
    """``value`` with each ``func_name`` step given the nearest ``dataframe_api`` above it.

    Laktory lets the pipeline, a node or a transformer say ``dataframe_api: NATIVE`` for all
    the steps below it; a step's own setting wins.
    """
    if isinstance(value, Mapping):
        api = value.get("dataframe_api", api)
        if "func_name" in value and "dataframe_api" not in value and api is not None:
            return {**value, "dataframe_api": api}
        return {k: inherit_dataframe_api(v, api) for k, v in value.items()}
    if isinstance(value, list):
        return [inherit_dataframe_api(item, api) for item in value]
    return value


def declared_packages(dependencies: list[str], imports: list[str]) -> set[str]:
    """Import names the pipeline declares: requirement names, wheel names, ``imports``."""
    names = {name.split(".")[0] for name in imports}
    for requirement in dependencies:
        text = requirement.rsplit("/", 1)[-1]
        if text.endswith(".whl"):
            names.add(text.split("-")[0])
            continue
        match = _REQUIREMENT.match(text)
        if match:
            names.add(match.group(1).replace("-", "_").lower())
    return names
