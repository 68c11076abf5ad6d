"""Pydantic validation errors -> located Diagnostics with "did you mean" hints.

Pydantic reports a ``loc`` such as ``("datasets", 3, "typ")``; we map it back to the node
path in the raw data (dropping union tags pydantic inserts, e.g. ``s3`` in
``("backend", "s3", "bucket")``), find its file:line:column in the marks, and for an
unknown key suggest the closest allowed one.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from data_iac.config.locations import Marks, NodePath, format_path, locate
from data_iac.config.type_errors import describe_type_error
from data_iac.errors import Diagnostic

__all__ = ["validate_model"]

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate_model(
    model: type[ModelT], data: Any, marks: Marks, base: NodePath = ()
) -> tuple[ModelT | None, list[Diagnostic]]:
    """Validate ``data`` (found at ``base``) against ``model``: the model, or the problems."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_diagnostic(model, data, marks, base, error) for error in exc.errors()]


def _diagnostic(
    model: type[BaseModel], data: Any, marks: Marks, base: NodePath, error: ErrorDetails
) -> Diagnostic:
    path = _data_path(data, error["loc"])
    full = (*base, *path)
    kind = error["type"]
    where = locate(marks, full)
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1])
        return Diagnostic(
            f"unknown key '{path[-1]}'", format_path(full), where, _suggest(str(path[-1]), allowed)
        )
    if kind == "missing":
        return Diagnostic(f"missing required key '{path[-1]}'", format_path(full[:-1]), where)
    got = error.get("input")
    words = describe_type_error(kind, got, error.get("ctx"))
    if words is not None:
        return Diagnostic(words[0], format_path(full), where, words[1])
    shown = f" (got {got!r})" if isinstance(got, str | int | float | bool) else ""
    return Diagnostic(f"{error['msg']}{shown}", format_path(full), where)


def _data_path(data: Any, loc: tuple[int | str, ...]) -> NodePath:
    """The node path in ``data`` that ``loc`` points at, without pydantic's union tags."""
    path: list[str | int] = []
    current = data
    for position, part in enumerate(loc):
        child = _child(current, part)
        if child is not _ABSENT:
            current = child
        elif position < len(loc) - 1:
            continue  # a union member's tag, or a function-validator step: not in the data
        path.append(part)
    return tuple(path)


_ABSENT = object()


def _child(container: Any, part: int | str) -> Any:
    if isinstance(container, dict):
        return container.get(part, _ABSENT)
    if isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
        return container[part]
    return _ABSENT


def _allowed_keys(model: type[BaseModel], path: NodePath) -> list[str]:
    """The keys the model accepts at ``path``."""
    candidates: list[type[BaseModel]] = [model]
    for part in path:
        if isinstance(part, int):
            continue
        following: list[type[BaseModel]] = []
        for candidate in candidates:
            field = _field(candidate, part)
            if field is None and "root" in candidate.model_fields:
                # A RootModel over a mapping: ``part`` is a key of that mapping.
                field = candidate.model_fields["root"].annotation
            if field is not None:
                following.extend(_models_in(field))
        candidates = following or candidates
    return sorted({_key(name, info) for c in candidates for name, info in c.model_fields.items()})


def _field(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if _key(name, info) == key:
            return info.annotation
    return None


def _key(name: str, info: Any) -> str:
    alias = getattr(info, "alias", None)
    return alias if isinstance(alias, str) else name


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Every BaseModel class inside an annotation (through Optional, list, dict, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin is dict:
        return _models_in(typing.get_args(annotation)[1])
    if origin in (list, Union, types.UnionType):
        return [found for arg in typing.get_args(annotation) for found in _models_in(arg)]
    return []


def _suggest(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    known = f"known keys: {', '.join(allowed)}" if allowed else ""
    return f"did you mean '{close[0]}'? {known}" if close else known
