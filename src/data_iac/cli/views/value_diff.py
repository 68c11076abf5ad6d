"""The difference between two versions of a value, as Terraform draws it: nested blocks
with ``+``/``-``/``~`` on each key, list elements matched by their identifying field,
multi-line strings as a line diff, content hashes named as such. Pure functions.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from data_iac.cli.views.list_keys import element_key, name_of
from data_iac.cli.views.values import STYLE, Line, block, scalar

__all__ = ["value_diff"]

_CONTEXT = 3
_ADD, _DEL, _CHG = STYLE["+"], STYLE["-"], STYLE["~"]


def value_diff(
    kind: str, path: str, key: str | None, old: Any, new: Any, pad: str, width: int = 0
) -> list[Line]:
    """The lines showing ``old`` becoming ``new`` under ``key`` (None: a list element)."""
    if old is None:
        return block("+", key, new, pad, width)
    if new is None:
        lines = block("-", key, old, pad, width)
        if key is not None:
            text, style = lines[-1]
            lines[-1] = (text + " -> null", style)
        return lines
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return _mapping(kind, path, key, old, new, pad, width)
    if isinstance(old, list) and isinstance(new, list):
        return _list(kind, path, key, old, new, pad, width)
    head = _head("~", key, pad, width)
    if isinstance(old, str) and isinstance(new, str):
        if key is not None and key.endswith("sha256"):
            return [(f"{head}content changed (sha256 {old[:12]}... -> {new[:12]}...)", _CHG)]
        if "\n" in old or "\n" in new:
            return _lines(head, old, new, pad)
    if isinstance(old, Mapping | list) or isinstance(new, Mapping | list):
        return block("-", key, old, pad, width) + block("+", key, new, pad, width)
    return [(f"{head}{scalar(old)} -> {scalar(new)}", _CHG)]


def _head(symbol: str, key: str | None, pad: str, width: int) -> str:
    return f"{pad}{symbol} " if key is None else f"{pad}{symbol} {key.ljust(width)} = "


def _mapping(
    kind: str,
    path: str,
    key: str | None,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    pad: str,
    width: int,
    identity: Sequence[str] = (),
) -> list[Line]:
    tail = "," if key is None else ""
    lines = [(_head("~", key, pad, width) + "{", _CHG)]
    inner = pad + "    "
    keys = sorted(old.keys() | new.keys())
    w = max(map(len, keys), default=0)
    hidden = 0
    for k in keys:
        before, after = old.get(k), new.get(k)
        if before == after:
            if k in identity:
                lines.append((f"{inner}  {k.ljust(w)} = {scalar(after)}", ""))
            else:
                hidden += 1
            continue
        lines += value_diff(kind, f"{path}.{k}", k, before, after, inner, w)
    if hidden:
        lines.append((f"{inner}  # ({hidden} unchanged attribute{_s(hidden)} hidden)", ""))
    lines.append((f"{pad}  }}{tail}", _CHG))
    return lines


def _list(
    kind: str, path: str, key: str | None, old: list[Any], new: list[Any], pad: str, width: int
) -> list[Line]:
    tail = "," if key is None else ""
    inner = pad + "    "
    fields = element_key(kind, path, old, new)
    if fields is not None:
        body = _keyed(kind, path, fields, old, new, inner)
    else:
        body = _sequence(kind, path, old, new, inner)
    return [(_head("~", key, pad, width) + "[", _CHG), *body, (f"{pad}  ]{tail}", _CHG)]


def _keyed(
    kind: str, path: str, fields: Sequence[str], old: list[Any], new: list[Any], pad: str
) -> list[Line]:
    """Elements matched by identity: changed, added, then removed ones; order ignored."""
    before = {name_of(item, fields): item for item in old}
    seen: set[str] = set()
    lines: list[Line] = []
    hidden = 0
    for item in new:
        name = name_of(item, fields)
        seen.add(name)
        previous = before.get(name)
        if previous is None:
            lines += block("+", None, item, pad)
        elif previous == item:
            hidden += 1
        else:
            lines += _mapping(kind, path, None, previous, item, pad, 0, fields)
    for name, item in before.items():
        if name not in seen:
            lines += block("-", None, item, pad)
    if hidden:
        lines.append((f"{pad}  # ({hidden} unchanged element{_s(hidden)} hidden)", ""))
    return lines


def _sequence(kind: str, path: str, old: list[Any], new: list[Any], pad: str) -> list[Line]:
    """Elements without identity, matched in order (scalars are all shown)."""
    a, b = [scalar(x) for x in old], [scalar(x) for x in new]
    lines: list[Line] = []
    hidden = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            simple = [x for x in old[i1:i2] if not isinstance(x, Mapping | list)]
            lines += [(f"{pad}  {scalar(x)},", "") for x in simple]
            hidden += (i2 - i1) - len(simple)
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(old[i1:i2], new[j1:j2], strict=True):
                lines += value_diff(kind, path, None, x, y, pad)
            continue
        for x in old[i1:i2]:
            lines += block("-", None, x, pad)
        for y in new[j1:j2]:
            lines += block("+", None, y, pad)
    if hidden:
        lines.append((f"{pad}  # ({hidden} unchanged element{_s(hidden)} hidden)", ""))
    return lines


def _lines(head: str, old: str, new: str, pad: str) -> list[Line]:
    """A unified line diff of two multi-line strings, three lines of context."""
    a, b = old.splitlines(), new.splitlines()
    inner = pad + "    "
    lines = [(head + "<<-EOT", _CHG)]
    if a == b:
        lines.append((f"{inner}  # (only the line endings or the final newline changed)", ""))
    shown = 0
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(_CONTEXT):
        start = group[0][1]
        if start > shown:
            lines.append(
                (f"{inner}  # ({start - shown} unchanged line{_s(start - shown)} hidden)", "")
            )
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [(f"{inner}  {text}".rstrip(), "") for text in a[i1:i2]]
                continue
            lines += [(f"{inner}- {text}".rstrip(), _DEL) for text in a[i1:i2]]
            lines += [(f"{inner}+ {text}".rstrip(), _ADD) for text in b[j1:j2]]
        shown = group[-1][2]
    if 0 < shown < len(a):
        rest = len(a) - shown
        lines.append((f"{inner}  # ({rest} unchanged line{_s(rest)} hidden)", ""))
    lines.append((f"{pad}  EOT", _CHG))
    return lines


def _s(count: int) -> str:
    return "" if count == 1 else "s"
