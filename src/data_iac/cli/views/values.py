"""Whole values as plan lines: scalars, nested blocks, lists and heredocs, never cut.

A line is ``(text, style)``; the style follows the line's symbol (``+`` green, ``-`` red,
``~`` yellow). References to other resources print as ``(known after apply)``: the
internal ``${ref:...}`` form never reaches a reader. Pure functions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from data_iac.model.references import UNKNOWN

__all__ = ["STYLE", "Line", "block", "is_multiline", "scalar"]

Line = tuple[str, str]

STYLE = {"+": "green", "-": "red", "~": "yellow", " ": "", "-/+": "magenta"}

_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode


def scalar(value: Any) -> str:
    """One value on one line: JSON for data, ``(known after apply)`` for references."""
    if isinstance(value, str):
        if "${ref:" in value:
            return UNKNOWN
        return _encode(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return repr(value)
    return _encode(value)


def is_multiline(value: Any) -> bool:
    return isinstance(value, str) and "\n" in value.rstrip("\n") and "${ref:" not in value


def block(symbol: str, key: str | None, value: Any, pad: str, width: int = 0) -> list[Line]:
    """``value`` in full, every line marked with ``symbol``; ``key`` None for a list element.

    ``width`` aligns the ``=`` of sibling keys.
    """
    style = STYLE[symbol]
    head = f"{pad}{symbol} " if key is None else f"{pad}{symbol} {key.ljust(width)} = "
    tail = "," if key is None else ""
    if isinstance(value, Mapping) and value:
        lines = [(head + "{", style)]
        inner = pad + "    "
        keys = sorted(value)
        w = max(map(len, keys))
        for k in keys:
            lines += block(symbol, k, value[k], inner, w)
        lines.append((f"{pad}  }}{tail}", style))
        return lines
    if isinstance(value, list) and value:
        lines = [(head + "[", style)]
        inner = pad + "    "
        for item in value:
            lines += block(symbol, None, item, inner)
        lines.append((f"{pad}  ]{tail}", style))
        return lines
    if is_multiline(value):
        return heredoc(head, value.splitlines(), pad, style, tail)
    return [(head + scalar(value) + tail, style)]


def heredoc(head: str, body: list[str], pad: str, style: str, tail: str = "") -> list[Line]:
    """A multi-line string as ``<<-EOT`` ... ``EOT``, each line kept whole."""
    inner = pad + "      "
    lines = [(head + "<<-EOT", style)]
    lines += [((inner + text).rstrip(), style) for text in body]
    lines.append((f"{pad}  EOT{tail}", style))
    return lines
