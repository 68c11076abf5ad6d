"""A plan in one line per attribute (``iac plan --compact``): long values shortened, lists
whole, for plans too large to read in full. The default form is ``plan_text``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, assert_never

from data_iac.cli.views.plan_text import render_drift, summary_line
from data_iac.diff.facts import split_path
from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.model.references import REFERENCE
from data_iac.model.sensitive import SENSITIVE_MASK

__all__ = ["render_compact"]

_SYMBOL = {
    Action.CREATE: "+",
    Action.UPDATE: "~",
    Action.REPLACE: "-/+",
    Action.DELETE: "-",
    Action.NOOP: " ",
}
_STYLE = {
    Action.CREATE: "green",
    Action.UPDATE: "yellow",
    Action.REPLACE: "magenta",
    Action.DELETE: "red",
    Action.NOOP: "dim",
}
_VERB = {
    Action.CREATE: "will be created",
    Action.UPDATE: "will be updated in-place",
    Action.REPLACE: "must be replaced",
    Action.DELETE: "will be destroyed",
    Action.NOOP: "is unchanged",
}


def render_compact(plan: Plan) -> Iterator[tuple[str, str]]:
    """(text, style) lines of the whole plan, drift first."""
    if plan.drift:
        yield from render_drift(plan)
    if plan.is_empty:
        yield "No changes. Your infrastructure matches the configuration.", "bold green"
        return
    yield "data-iac will perform the following actions:", "bold"
    yield "", ""
    for change in plan.actionable:
        yield from _render_change(change)
        yield "", ""
    yield summary_line(plan), "bold"


def _render_change(change: ResourceChange) -> Iterator[tuple[str, str]]:
    style = _STYLE[change.action]
    header = f"  # {change.address} {_VERB[change.action]}"
    if change.reasons and change.action is Action.REPLACE:
        header += f" (forces replacement: {', '.join(change.reasons)})"
    elif change.reasons and change.action is Action.CREATE:
        header += f" ({', '.join(change.reasons)})"
    yield header, "bold"
    yield f"  {_SYMBOL[change.action]} {change.address}", style
    match change.action:
        case Action.CREATE:
            yield from _attributes("+", change.after or {}, change.sensitive, style)
        case Action.DELETE:
            yield from _attributes("-", change.before or {}, (), style)
        case Action.UPDATE | Action.REPLACE:
            yield from _changed(change, style)
        case Action.NOOP:
            return
        case _:
            assert_never(change.action)


def _attributes(
    symbol: str, values: Mapping[str, Any], sensitive: tuple[str, ...], style: str, indent: int = 6
) -> Iterator[tuple[str, str]]:
    width = max((len(k) for k in values), default=0)
    pad = " " * indent
    for key in sorted(values):
        value = SENSITIVE_MASK if key in sensitive else values[key]
        if isinstance(value, Mapping) and value:
            yield f"{pad}{symbol} {key} {{", style
            yield from _attributes(symbol, value, (), style, indent + 4)
            yield f"{pad}  }}", style
        else:
            yield f"{pad}{symbol} {key.ljust(width)} = {_show(value)}", style


def _changed(change: ResourceChange, style: str) -> Iterator[tuple[str, str]]:
    if change.diffs:
        rows = list(change.diffs)
    else:  # a plan saved before diffs were recorded
        rows = [(p, _lookup(change.before or {}, p), _lookup(change.after or {}, p))
                for p in change.reasons]  # fmt: skip
    for path, old, new in rows:
        if split_path(path)[0] in change.sensitive:
            yield f"      ~ {path} = {SENSITIVE_MASK}", style
        else:
            yield f"      ~ {path} = {_show(old)} -> {_show(new)}", style


def _lookup(values: Mapping[str, Any], path: str) -> Any:
    current: Any = values
    for part in split_path(path):
        if not isinstance(current, Mapping) or part not in current:
            return None
        current = current[part]
    return current


def _show(value: Any) -> str:
    if isinstance(value, str):
        found = REFERENCE.fullmatch(value)
        if found:
            return f"(known after apply: {found['address']}.{found['attr']})"
        if "\n" in value:
            first = value.splitlines()[0]
            return f"<<EOT {first} ... ({len(value.splitlines())} lines)"
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= 120 else text[:117] + "..."
