"""A plan as Terraform draws one: ``+``, ``~``, ``-/+``, ``-`` per resource, nested blocks
expanded with ``+``/``-``/``~`` on each key, list elements matched by their identifying
field, multi-line strings as line diffs, values never cut. Resources are grouped by action
(create, update, replace, delete) and sorted by address within each group. Pure: yields
``(text, style)`` lines; ``Output.lines`` prints them in one batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, assert_never

from data_iac.cli.views.value_diff import value_diff
from data_iac.cli.views.values import STYLE, Line, block
from data_iac.diff.facts import pattern_of, split_path
from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.model.sensitive import SENSITIVE_MASK

__all__ = ["ordered", "render_change", "render_drift", "render_plan", "summary_line"]

_SYMBOL = {
    Action.CREATE: "+",
    Action.UPDATE: "~",
    Action.REPLACE: "-/+",
    Action.DELETE: "-",
    Action.NOOP: " ",
}
_VERB = {
    Action.CREATE: "will be created",
    Action.UPDATE: "will be updated in-place",
    Action.REPLACE: "must be replaced",
    Action.DELETE: "will be destroyed",
    Action.NOOP: "is unchanged",
}
_GROUP = {Action.CREATE: 0, Action.UPDATE: 1, Action.REPLACE: 2, Action.DELETE: 3, Action.NOOP: 4}
_PAD = "      "
_PRINCIPAL_KEYED = frozenset({"grants"})


def summary_line(plan: Plan) -> str:
    """``Plan: 2 to add, 1 to change, 0 to destroy.``: a replace counts as add and destroy."""
    counts = plan.summary()
    add = counts["create"] + counts["replace"]
    destroy = counts["delete"] + counts["replace"]
    return f"Plan: {add} to add, {counts['update']} to change, {destroy} to destroy."


def ordered(plan: Plan) -> list[ResourceChange]:
    """The actionable changes grouped by action, sorted by address within each group."""
    return sorted(plan.actionable, key=lambda c: (_GROUP[c.action], c.address))


def render_plan(plan: Plan) -> Iterator[Line]:
    """(text, style) lines of the whole plan, drift first."""
    if plan.drift:
        yield from render_drift(plan)
    if plan.is_empty:
        yield "No changes. Your infrastructure matches the configuration.", "bold green"
        return
    yield "data-iac will perform the following actions:", "bold"
    yield "", ""
    for change in ordered(plan):
        yield from render_change(change)
        yield "", ""
    yield summary_line(plan), "bold"


def render_drift(plan: Plan) -> Iterator[Line]:
    yield "Objects have changed outside of data-iac:", "bold yellow"
    yield "", ""
    for change in sorted(plan.drift, key=lambda c: c.address):
        if change.action is Action.DELETE:
            yield f"  # {change.address} has been deleted", "yellow"
            yield "", ""
            continue
        yield f"  # {change.address} has changed", "yellow"
        yield f"  ~ {change.address} {{", "yellow"
        rows = [(p, v, (change.after or {}).get(p)) for p, v in (change.before or {}).items()]
        yield from _tree_lines(change.address.kind, "", _tree(rows), _PAD, ())
        yield "    }", "yellow"
        yield "", ""


def render_change(change: ResourceChange) -> Iterator[Line]:
    symbol = _SYMBOL[change.action]
    style = STYLE.get(symbol, "")
    yield _header(change), "bold"
    yield f"  {symbol} {change.address} {{", style
    match change.action:
        case Action.CREATE:
            yield from _whole("+", change.after or {}, change.sensitive)
        case Action.DELETE:
            yield from _whole("-", change.before or {}, ())
        case Action.UPDATE | Action.REPLACE:
            yield from _changed(change)
        case Action.NOOP:
            pass
        case _:
            assert_never(change.action)
    yield "    }", style


def _header(change: ResourceChange) -> str:
    header = f"  # {change.address} {_VERB[change.action]}"
    if change.reasons and change.action is Action.REPLACE:
        header += f" (forces replacement: {', '.join(change.reasons)})"
    elif change.reasons and change.action is Action.CREATE:
        header += f" ({', '.join(change.reasons)})"
    return header


def _whole(symbol: str, values: Mapping[str, Any], sensitive: tuple[str, ...]) -> list[Line]:
    keys = sorted(values)
    width = max(map(len, keys), default=0)
    lines: list[Line] = []
    for key in keys:
        value = SENSITIVE_MASK if key in sensitive else values[key]
        if value == SENSITIVE_MASK:
            lines.append((f"{_PAD}{symbol} {key.ljust(width)} = {value}", STYLE[symbol]))
        else:
            lines += block(symbol, key, value, _PAD, width)
    return lines


def _changed(change: ResourceChange) -> list[Line]:
    if change.diffs:
        rows = list(change.diffs)
    else:  # a plan saved before diffs were recorded
        before, after = change.before or {}, change.after or {}
        rows = [(p, _lookup(before, p), _lookup(after, p)) for p in change.reasons]
    lines = _tree_lines(change.address.kind, "", _tree(rows), _PAD, change.sensitive)
    changed_tops = {pattern_of(path).split(".", 1)[0] for path, _, _ in rows}
    unchanged = len({*(change.after or {})} - changed_tops)
    if unchanged:
        s = "" if unchanged == 1 else "s"
        lines.append((f"{_PAD}  # ({unchanged} unchanged attribute{s} hidden)", ""))
    return lines


def _tree(rows: list[tuple[str, Any, Any]]) -> dict[str, Any]:
    """Dotted diff paths as nested dicts; a leaf is the (before, after) pair."""
    root: dict[str, Any] = {}
    for path, old, new in rows:
        node = root
        *parents, leaf = _parts(path)
        for part in parents:
            child = node.setdefault(part, {})
            if isinstance(child, tuple):  # a leaf already there: keep the path whole
                node, leaf = root, path
                break
            node = child
        node[leaf] = (old, new)
    return root


def _parts(path: str) -> list[str]:
    """The keys of a diff path. Below a field keyed by principal (``grants``), the rest is
    one key: a principal may hold dots (``ana.lopez@example.com``)."""
    top, dot, rest = path.partition(".")
    if dot and top in _PRINCIPAL_KEYED:
        return [top, rest]
    return split_path(path)


def _tree_lines(
    kind: str, path: str, tree: dict[str, Any], pad: str, sensitive: tuple[str, ...]
) -> list[Line]:
    keys = sorted(tree)
    width = max(map(len, keys), default=0)
    lines: list[Line] = []
    for key in keys:
        node, where = tree[key], f"{path}.{key}" if path else key
        if key in sensitive:
            lines.append((f"{pad}~ {key.ljust(width)} = {SENSITIVE_MASK}", STYLE["~"]))
        elif isinstance(node, tuple):
            lines += value_diff(kind, where, key, node[0], node[1], pad, width)
        else:
            lines.append((f"{pad}~ {key.ljust(width)} = {{", STYLE["~"]))
            lines += _tree_lines(kind, where, node, pad + "    ", ())
            lines.append((f"{pad}  }}", STYLE["~"]))
    return lines


def _lookup(values: Mapping[str, Any], path: str) -> Any:
    current: Any = values
    for part in split_path(path):
        if not isinstance(current, Mapping) or part not in current:
            return None
        current = current[part]
    return current
