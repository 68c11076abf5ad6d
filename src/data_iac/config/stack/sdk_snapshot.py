"""The request shapes of the large Databricks APIs, read from the SDK into a JSON snapshot.

``python -m data_iac.config.stack.sdk_snapshot`` writes ``sdk_requests.json`` beside this
module: for each API (``JobsAPI``, ``ClustersAPI``, ``PipelinesAPI``, ``WarehousesAPI``) the
keyword parameters of ``create`` and, recursively, the dataclasses they name, with each
field's type (``str``, ``int``, ``float``, ``bool``, ``any``, ``{"list": T}``, ``{"dict":
T}``, ``{"enum": [...]}``, ``{"model": NAME}``) and description (the SDK's docstrings).
``config/stack/sdk_models.py`` builds the config models from the snapshot, so validate never
imports the SDK; a test checks the snapshot against the installed SDK.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import inspect
import itertools
import json
import re
import sys
import textwrap
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any, Union

__all__ = ["APIS", "SNAPSHOT", "enum_values", "module_field_docs", "param_docs", "snapshot"]

SNAPSHOT = Path(__file__).with_name("sdk_requests.json")
APIS = {
    "jobs": ("jobs", "JobsAPI"),
    "clusters": ("compute", "ClustersAPI"),
    "pipelines": ("pipelines", "PipelinesAPI"),
    "warehouses": ("sql", "WarehousesAPI"),
}
_PARAM = re.compile(r"^:param (\w+):[^\n]*\n((?:[ \t]+[^\n]*\n?)*)", re.MULTILINE)


def snapshot() -> dict[str, Any]:
    """Every API's request fields and the models they use, as JSON values."""
    models: dict[str, Any] = {}
    requests = {}
    for kind, (module, api) in APIS.items():
        service = importlib.import_module(f"databricks.sdk.service.{module}")
        function = getattr(service, api).create
        hints = typing.get_type_hints(function)
        docs = param_docs(inspect.getdoc(function) or "")
        requests[kind] = {
            name: {"type": _type(hints[name], models), "doc": docs.get(name)}
            for name in inspect.signature(function).parameters
            if name in hints and name not in ("self", "return")
        }
    return {"requests": requests, "models": dict(sorted(models.items()))}


def param_docs(doc: str) -> dict[str, str]:
    """``:param name:`` blocks of a docstring -> name -> text."""
    return {m[1]: " ".join(textwrap.dedent(m[2]).split()) for m in _PARAM.finditer(doc + "\n")}


def enum_values(hint: Any) -> list[str] | None:
    """The values of the enum ``hint`` names (``Optional`` unwrapped), else None."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = options[0] if len(options) == 1 else None
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return [str(member.value) for member in hint]
    return None


def _type(hint: Any, models: dict[str, Any]) -> Any:
    if typing.get_origin(hint) in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = options[0] if len(options) == 1 else Any
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return {"list": _type(item, models)}
    if origin is dict:
        args = typing.get_args(hint)
        return {"dict": _type(args[1], models) if len(args) == 2 else "any"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        _model(hint, models)
        return {"model": hint.__name__}
    names = {str: "str", int: "int", float: "float", bool: "bool"}
    return names.get(hint, "any")


def _model(cls: type, models: dict[str, Any]) -> None:
    if cls.__name__ in models:
        return
    models[cls.__name__] = {}  # placeholder first: types may contain themselves
    hints = typing.get_type_hints(cls)
    docs = module_field_docs(cls.__module__).get(cls.__name__, {})
    models[cls.__name__] = {
        "doc": _first_paragraph(cls.__doc__),
        "fields": {
            f.name: {"type": _type(hints[f.name], models), "doc": docs.get(f.name)}
            for f in dataclasses.fields(cls)
        },
    }


@cache
def module_field_docs(module: str) -> dict[str, dict[str, str]]:
    """The docstring under each field of each dataclass of ``module`` (parsed once)."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            docs: dict[str, str] = {}
            for field, after in itertools.pairwise(node.body):
                if (
                    isinstance(field, ast.AnnAssign)
                    and isinstance(field.target, ast.Name)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                ):
                    docs[field.target.id] = " ".join(after.value.value.split())
            found[node.name] = docs
    return found


def _first_paragraph(doc: str | None) -> str | None:
    if not doc or doc.startswith(("Dataclass", "ClassVar")):
        return None
    return " ".join(doc.strip().split("\n\n")[0].split())


def render() -> str:
    """The snapshot file's text, exactly as written."""
    return json.dumps(snapshot(), indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SNAPSHOT
    target.write_text(render(), encoding="utf-8")
    print(target)
