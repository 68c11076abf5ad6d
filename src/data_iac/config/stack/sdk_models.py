"""Config models for the large Databricks APIs, built from the SDK's request shapes.

A job, cluster, DLT pipeline or SQL warehouse of a stack is the JSON its create call takes.
Its model is built from ``sdk_requests.json``, a snapshot of the SDK's own description of
the request (the keyword parameters of ``JobsAPI.create``..., their type hints and the
dataclasses they name, recursively; see ``sdk_snapshot.py``), so every field is checked at
validate time (an unknown key is an error with a did-you-mean, an enum takes only its
values, a number must be a number) without importing the SDK, and the JSON Schema carries
each field's description and enum values.

A string holding a ``${...}`` placeholder (a reference resolved at apply time) is accepted
wherever a number, a boolean or an enum value is. Each model is built once per process.
"""

from __future__ import annotations

import json
import re
import warnings
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
)

from data_iac.config.stack.sdk_snapshot import SNAPSHOT

__all__ = ["request_fields"]

_PLACEHOLDER = re.compile(r"\$\{.+\}")
_FORBID = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)
_SCALARS: dict[str, Any] = {"str": str, "int": int, "float": float, "bool": bool}


def _placeholders_pass(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A ``${...}`` string (resolved at apply time) is accepted whatever the field's type."""
    if isinstance(value, str) and _PLACEHOLDER.search(value):
        return value
    return handler(value)


def _or_reference(kind: Any) -> Any:
    return Annotated[kind, WrapValidator(_placeholders_pass)]


@cache
def _snapshot() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return loaded


def request_fields(kind: str, *, docs: bool = False) -> dict[str, Any]:
    """``create_model`` field definitions for the create request of ``kind`` (``jobs``,
    ``clusters``, ``pipelines``, ``warehouses``); every field optional. ``docs`` keeps the
    nested fields' descriptions (the JSON Schema wants them; validation does not)."""
    return dict(_request_fields(kind, docs))


@cache
def _request_fields(kind: str, docs: bool) -> tuple[tuple[str, Any], ...]:
    fields = _snapshot()["requests"][kind]
    return tuple(
        (name, (_convert(field["type"], docs) | None, Field(None, description=field["doc"])))
        for name, field in fields.items()
    )


def _convert(shape: Any, docs: bool) -> Any:
    """A snapshot type -> the pydantic type a config value is checked against."""
    if isinstance(shape, str):
        scalar = _SCALARS.get(shape, Any)
        return _or_reference(scalar) if shape in ("int", "float", "bool") else scalar
    if "list" in shape:
        return list[_convert(shape["list"], docs)]  # type: ignore[misc]
    if "dict" in shape:
        value = _convert(shape["dict"], docs)
        return dict[str, value]  # type: ignore[valid-type]
    if "enum" in shape:
        return _or_reference(Literal[tuple(shape["enum"])])
    return _model(shape["model"], docs)


_BUILDING: set[str] = set()


def _model(name: str, docs: bool) -> Any:
    """The model of one snapshot model; one that contains itself (a for-each task's task)
    is checked as a mapping below the first level."""
    if name in _BUILDING:
        return dict[str, Any]
    _BUILDING.add(name)
    try:
        return _built(name, docs)
    finally:
        _BUILDING.discard(name)


@cache
def _built(name: str, docs: bool) -> type[BaseModel]:
    shape = _snapshot()["models"][name]
    fields: dict[str, Any] = {
        field: (
            _convert(spec["type"], docs) | None,
            Field(None, description=spec["doc"] if docs else None),
        )
        for field, spec in shape["fields"].items()
    }
    with warnings.catch_warnings():  # SDK fields named "schema" shadow BaseModel.schema
        warnings.simplefilter("ignore", UserWarning)
        model = create_model(name, __config__=_FORBID, **fields)
    model.__doc__ = shape.get("doc")
    return model
