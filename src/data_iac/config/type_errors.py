"""Wrong-type errors in our words: what the field expects, what the YAML gave, and a hint.

Pydantic says "Input should be a valid string"; a config author needs "expected text, got a
list" and how to write it. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["describe_type_error"]

# pydantic error type prefix -> (what is expected, how to write it)
_EXPECTED = {
    "string": ("text", 'write it as a string; quote it if YAML reads it as something else: "yes"'),
    "int": ("a whole number", "write digits only, without quotes: 30"),
    "float": ("a number", "write a number without quotes: 1.5"),
    "bool": ("true or false", "write true or false, without quotes"),
    "list": ("a list", "write a YAML list: [a, b] or one '- item' per line"),
    "dict": ("a mapping of keys to values", "write 'key: value' lines indented below the key"),
    "model": ("a mapping of keys to values", "write 'key: value' lines indented below the key"),
}


def describe_type_error(
    error_type: str, got: Any, ctx: Mapping[str, Any] | None
) -> tuple[str, str] | None:
    """(message, hint) for a pydantic type error, or None for other kinds of error."""
    if error_type == "literal_error":
        expected = str((ctx or {}).get("expected", "")).replace("'", '"')
        return f"expected one of {expected}, got {_what(got)}", "use one of the listed values"
    if error_type == "enum":
        expected = str((ctx or {}).get("expected", "")).replace("'", '"')
        return f"expected one of {expected}, got {_what(got)}", "use one of the listed values"
    prefix = error_type.split("_", 1)[0]
    if prefix not in _EXPECTED or not error_type.endswith(("_type", "_parsing")):
        return None
    expected, hint = _EXPECTED[prefix]
    return f"expected {expected}, got {_what(got)}", hint


def _what(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"' if len(value) <= 40 else "a long text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return type(value).__name__
