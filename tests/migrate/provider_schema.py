"""The Databricks Terraform provider's resource types and field names, as Laktory's generated
models record them (``laktory/models/resources/databricks/*_base.py``, generated from the
provider's schema). Read with ``ast`` from the installed wheel: Laktory is never imported."""

from __future__ import annotations

import ast
import importlib.util
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


@dataclass
class Block:
    """One block's attributes; ``blocks`` maps a field to its nested block's class name."""

    fields: set[str] = field(default_factory=set)
    blocks: dict[str, str] = field(default_factory=dict)


def laktory_models_dir() -> Path | None:
    spec = importlib.util.find_spec("laktory")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "models/resources/databricks"


@cache
def provider_schema() -> dict[str, tuple[str, dict[str, Block]]]:
    """Terraform type -> (its root class name, every class of its file)."""
    folder = laktory_models_dir()
    assert folder is not None
    found: dict[str, tuple[str, dict[str, Block]]] = {}
    for path in sorted(folder.glob("*_base.py")):
        classes, root, type_name = _read(path)
        if root and type_name:
            found[type_name] = (root, classes)
    return found


def _read(path: Path) -> tuple[dict[str, Block], str, str]:
    tree = ast.parse(path.read_text())
    classes: dict[str, Block] = {}
    root = type_name = ""
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        block = Block()
        for item in node.body:
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                name = _serialized_name(item)
                block.fields.add(name)
                nested = _class_in(item.annotation)
                if nested:
                    block.blocks[name] = nested
            if isinstance(item, ast.FunctionDef) and item.name == "terraform_resource_type":
                returned = item.body[-1]
                if isinstance(returned, ast.Return) and isinstance(returned.value, ast.Constant):
                    type_name, root = str(returned.value.value), node.name
        classes[node.name] = block
    return classes, root, type_name


def _serialized_name(item: ast.AnnAssign) -> str:
    """``schema_`` serialises as ``schema``: the alias is the provider's name."""
    assert isinstance(item.target, ast.Name)
    if isinstance(item.value, ast.Call):
        for keyword in item.value.keywords:
            if keyword.arg == "serialization_alias" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
    return item.target.id


def _class_in(annotation: ast.expr) -> str:
    for node in ast.walk(annotation):
        if isinstance(node, ast.Name) and node.id[:1].isupper() and node.id not in {"Any"}:
            return node.id
    return ""


# Provider fields that Laktory declares on its hand-written subclass (with its own handling of
# local files) instead of the generated base: the provider's docs list them on these types.
SUBCLASS_FIELDS = {
    "databricks_notebook": {"path", "source"},
    "databricks_workspace_file": {"path", "source"},
    "databricks_dbfs_file": {"path", "source"},
    "databricks_dashboard": {"parent_path", "file_path"},
    "databricks_query": {"parent_path"},
    "databricks_alert": {"parent_path"},
}


def unknown_fields(
    type_name: str, body: dict, meta: frozenset[str] = frozenset({"depends_on", "provider"})
) -> list[str]:
    """Dotted paths in ``body`` the provider's schema does not have."""
    root, classes = provider_schema()[type_name]
    problems: list[str] = []
    meta = meta | SUBCLASS_FIELDS.get(type_name, set())
    _walk(body, classes, root, "", problems, meta)
    return problems


def _walk(
    value: object,
    classes: dict[str, Block],
    cls: str,
    path: str,
    problems: list[str],
    meta: frozenset[str],
) -> None:
    block = classes.get(cls)
    if block is None or not isinstance(value, dict):
        return
    for key, item in value.items():
        where = f"{path}{key}"
        if key not in block.fields and not (path == "" and key in meta):
            problems.append(where)
            continue
        nested = block.blocks.get(key)
        if nested is None:
            continue
        for element in item if isinstance(item, list) else [item]:
            _walk(element, classes, nested, f"{where}.", problems, meta)
