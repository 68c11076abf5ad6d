"""Config models derived from the Databricks SDK's request signatures, for the large APIs.

A job, cluster, DLT pipeline or SQL warehouse of a stack is the JSON its create call takes.
Rather than pass that JSON through unchecked, its model is derived from the SDK's own
description of the request: the keyword parameters of ``JobsAPI.create`` (and
``ClustersAPI.create``, ``PipelinesAPI.create``, ``WarehousesAPI.create``), their type
hints, and the dataclasses those name, recursively. So every field is checked at validate
time (an unknown key is an error with a did-you-mean, an enum takes only its values, a
number must be a number), and the JSON Schema carries each field's description (from the
SDK's docstrings) and enum values.

A string holding a ``${...}`` placeholder (a reference resolved at apply time) is accepted
wherever a number or a boolean is. The SDK is imported only when a stack has such a
section, and each model is built once per process.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import inspect
import itertools
import re
import textwrap
import types
import typing
import warnings
from functools import cache
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
)

__all__ = ["request_fields"]

_PLACEHOLDER = re.compile(r"\$\{.+\}")


def _placeholders_pass(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A ``${...}`` string (resolved at apply time) is accepted whatever the field's type."""
    if isinstance(value, str) and _PLACEHOLDER.search(value):
        return value
    return handler(value)


def _or_reference(kind: Any) -> Any:
    return Annotated[kind, WrapValidator(_placeholders_pass)]


_PARAM = re.compile(r"^:param (\w+):[^\n]*\n((?:[ \t]+[^\n]*\n?)*)", re.MULTILINE)
_FORBID = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


def request_fields(module: str, api: str, *, docs: bool = False) -> dict[str, Any]:
    """``create_model`` field definitions for the parameters of ``module.api.create``:
    name -> (type, Field(default, description=...)); every field optional. ``docs`` adds
    the nested fields' descriptions (for the JSON Schema: reading them parses the SDK's
    source, which validation does not need)."""
    return dict(_request_fields(module, api, docs))


@cache
def _request_fields(module: str, api: str, docs: bool) -> tuple[tuple[str, Any], ...]:
    service = importlib.import_module(f"databricks.sdk.service.{module}")
    function = getattr(service, api).create
    hints = typing.get_type_hints(function)
    described = _param_docs(inspect.getdoc(function) or "")
    fields = []
    for name in inspect.signature(function).parameters:
        if name in ("self", "return") or name not in hints:
            continue
        kind = _convert(_optional_inner(hints[name]), docs)
        fields.append((name, (kind | None, Field(None, description=described.get(name)))))
    return tuple(fields)


def _param_docs(doc: str) -> dict[str, str]:
    return {
        match[1]: " ".join(textwrap.dedent(match[2]).split())
        for match in _PARAM.finditer(doc + "\n")
    }


def _optional_inner(hint: Any) -> Any:
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _convert(hint: Any, docs: bool) -> Any:
    """An SDK type hint -> the pydantic type a config value is checked against."""
    hint = _optional_inner(hint)
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return list[_convert(item, docs)]  # type: ignore[misc]
    if origin is dict:
        args = typing.get_args(hint)
        value = _convert(args[1], docs) if len(args) == 2 else Any
        return dict[str, value]  # type: ignore[valid-type]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        values = tuple(member.value for member in hint)
        return _or_reference(Literal[values])
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_model(hint, docs)
    if hint in (int, float, bool):
        return _or_reference(hint)
    if hint is str:
        return str
    return Any


_BUILDING: set[type] = set()


def _dataclass_model(cls: type, docs: bool) -> Any:
    """The model of an SDK dataclass; a type that contains itself (a for-each task's
    task) is checked as a mapping below the first level."""
    if cls in _BUILDING:
        return dict[str, Any]
    _BUILDING.add(cls)
    try:
        return _built_model(cls, docs)
    finally:
        _BUILDING.discard(cls)


@cache
def _built_model(cls: type, docs: bool) -> type[BaseModel]:
    hints = typing.get_type_hints(cls)
    described = _field_docs(cls) if docs else {}
    fields: dict[str, Any] = {
        field.name: (
            _convert(hints[field.name], docs) | None,
            Field(None, description=described.get(field.name)),
        )
        for field in dataclasses.fields(cls)
    }
    with warnings.catch_warnings():  # SDK fields named "schema" shadow BaseModel.schema
        warnings.simplefilter("ignore", UserWarning)
        model = create_model(cls.__name__, __config__=_FORBID, **fields)
    model.__doc__ = _first_paragraph(cls.__doc__)
    return model


def _field_docs(cls: type) -> dict[str, str]:
    """The docstring written under each field of an SDK dataclass (from its module's source,
    parsed once per module: ``inspect.getsource`` of a class parses the module each time)."""
    return _module_field_docs(cls.__module__).get(cls.__name__, {})


@cache
def _module_field_docs(module: str) -> dict[str, dict[str, str]]:
    try:
        tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    except (OSError, TypeError, SyntaxError):
        return {}
    return {
        node.name: _class_field_docs(node.body)
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    }


def _class_field_docs(body: list[ast.stmt]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = " ".join(after.value.value.split())
    return docs


def _first_paragraph(doc: str | None) -> str | None:
    if not doc or doc.startswith(("Dataclass", "ClassVar")):
        return None
    return " ".join(doc.strip().split("\n\n")[0].split())
