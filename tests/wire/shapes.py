"""Shapes: the few keys, types and enum values a wire body must have, written by hand from
sources nobody on this project wrote, and a check of a body against them.

A shape is a mapping from key to what the value must be: a Python type (``str``, ``int``,
``bool``, ``dict``, ``list``), a ``OneOf`` of allowed values, a nested shape (a mapping), or a
one-element list holding the shape of every element. Keys the shape does not name are not
checked here: ``unknown_fields`` checks every key against the SDK's own dataclass instead.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import typing
from collections.abc import Mapping
from typing import Any

__all__ = ["OneOf", "mismatches", "unknown_arguments", "unknown_fields"]


class OneOf(frozenset[str]):
    """The values an enum field may take."""


def mismatches(value: Any, shape: Any, path: str = "$") -> list[str]:
    """Every way ``value`` differs from ``shape``, as ``path: problem`` lines."""
    if isinstance(shape, OneOf):
        return [] if value in shape else [f"{path}: {value!r} is not one of {sorted(shape)}"]
    if isinstance(shape, type):
        ok = isinstance(value, shape) and not (shape is int and isinstance(value, bool))
        return [] if ok else [f"{path}: {value!r} is not a {shape.__name__}"]
    if isinstance(shape, list):
        if not isinstance(value, list) or not value:
            return [f"{path}: expected a non-empty list, got {value!r}"]
        return [
            p for i, item in enumerate(value) for p in mismatches(item, shape[0], f"{path}[{i}]")
        ]
    assert isinstance(shape, Mapping), shape
    if not isinstance(value, Mapping):
        return [f"{path}: expected an object, got {value!r}"]
    found: list[str] = []
    for key, inner in shape.items():
        if key not in value:
            found.append(f"{path}.{key}: missing")
        else:
            found += mismatches(value[key], inner, f"{path}.{key}")
    return found


def unknown_fields(value: Any, cls: Any, path: str = "$") -> list[str]:
    """Keys of ``value`` that the SDK dataclass ``cls`` (recursively) has no field for, and
    enum values it does not know: what the real service would not recognise."""
    cls = _unwrap(cls)
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        known = {member.value for member in cls}
        return [] if value in known else [f"{path}: {value!r} is not a {cls.__name__}"]
    origin = typing.get_origin(cls)
    if origin in (list, typing.List):  # noqa: UP006 - the SDK's own spelling
        (item,) = typing.get_args(cls) or (Any,)
        return [
            p for i, v in enumerate(value or []) for p in unknown_fields(v, item, f"{path}[{i}]")
        ]
    if origin in (dict, typing.Dict):  # noqa: UP006
        item = (typing.get_args(cls) or (Any, Any))[1]
        return [p for k, v in (value or {}).items() for p in unknown_fields(v, item, f"{path}.{k}")]
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)) or not isinstance(
        value, Mapping
    ):
        return []
    hints = typing.get_type_hints(cls)
    found = []
    for key, inner in value.items():
        name = key if key in hints else _snake(key.lstrip("$"))  # SCIM: camelCase, $ref
        if name not in hints:
            found.append(f"{path}.{key}: not a field of {cls.__name__}")
        else:
            found += unknown_fields(inner, hints[name], f"{path}.{key}")
    return found


def _snake(key: str) -> str:
    """``displayName`` -> ``display_name``: the SDK's field for a camelCase JSON key."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()


def unknown_arguments(body: Mapping[str, Any], method: Any, *, path_args: int = 0) -> list[str]:
    """Keys of a request ``body`` that the SDK method taking it has no parameter for, checked
    as deep as the parameters' dataclasses go (the SDK builds its bodies from exactly these
    parameters, so the real service knows each of them)."""
    hints = {k: v for k, v in typing.get_type_hints(method).items() if k != "return"}
    found = []
    for key, inner in body.items():
        if key not in hints:
            found.append(f"$.{key}: not a parameter of {method.__qualname__}")
        else:
            found += unknown_fields(inner, hints[key], f"$.{key}")
    return found


def _unwrap(cls: Any) -> Any:
    """``Optional[X]`` -> ``X``."""
    if typing.get_origin(cls) is typing.Union:
        args = [a for a in typing.get_args(cls) if a is not type(None)]
        return args[0] if len(args) == 1 else cls
    return cls
