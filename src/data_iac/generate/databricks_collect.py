"""Read the Databricks objects ``iac generate --kind`` writes, with what nests under them.

The I/O half of generate/databricks.py: listings through the kind handlers, filtered by
name (shell-style ``--name``) and by ``--catalog`` / ``--schema`` / ``--path``.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from data_iac.addresses import Address
from data_iac.errors import ConfigError
from data_iac.generate.databricks import GENERATED_KINDS, Node, name_of
from data_iac.model.resource import Observed
from data_iac.providers.base import ResourceHandler

__all__ = ["collect_stack"]

Handlers = Mapping[str, ResourceHandler]
Filters = Mapping[str, str | None]
GRANTS = "databricks_grants"
PERMISSIONS = "databricks_permissions"
# kind -> (permissions object type, where its id is: the remote id or an attribute)
_PERMISSION_TARGETS: Mapping[str, tuple[str, str | None]] = {
    "databricks_job": ("jobs", None),
    "databricks_pipeline": ("pipelines", None),
    "databricks_cluster": ("clusters", None),
    "databricks_cluster_policy": ("cluster-policies", None),
    "databricks_sql_warehouse": ("sql/warehouses", None),
    "databricks_notebook": ("notebooks", "object_id"),
    "databricks_workspace_file": ("files", "object_id"),
    "databricks_directory": ("directories", "object_id"),
}


def collect_stack(handlers: Handlers, kind_option: str, filters: Filters) -> list[Node]:
    """Every object of ``--kind`` matching the filters, each with its nested objects."""
    kind = GENERATED_KINDS[kind_option][0]
    scope: dict[str, str] = {}
    if kind == "databricks_schema":
        scope = {"catalog_name": _required(filters, "catalog", kind_option)}
    elif kind == "databricks_volume":
        scope = {
            "catalog_name": _required(filters, "catalog", kind_option),
            "schema_name": _required(filters, "schema", kind_option),
        }
    elif kind in ("databricks_directory", "databricks_notebook", "databricks_workspace_file"):
        scope = {"path": filters.get("path") or "/"}
    found = [o for _, o in handlers[kind].list(scope) if _matches(kind, o, filters)]
    return [_node(handlers, kind, observed) for observed in found]


def _required(filters: Filters, name: str, kind_option: str) -> str:
    value = filters.get(name)
    if not value:
        raise ConfigError(f"--kind {kind_option} needs --{name}")
    return value


def _matches(kind: str, observed: Observed, filters: Filters) -> bool:
    pattern = filters.get("name")
    if kind == "databricks_catalog" and filters.get("catalog"):
        pattern = filters["catalog"]
    return pattern is None or fnmatch.fnmatchcase(name_of(kind, observed), pattern)


def _node(handlers: Handlers, kind: str, observed: Observed) -> Node:
    node = Node(kind, observed, handlers[kind].schema)
    a = observed.attributes
    if kind == "databricks_catalog":
        node.grants = _grants(handlers, "catalog", observed.remote_id)
        scope = {"catalog_name": observed.remote_id}
        node.children = [
            _node(handlers, "databricks_schema", o)
            for _, o in handlers["databricks_schema"].list(scope)
        ]
    elif kind == "databricks_schema":
        node.grants = _grants(handlers, "schema", observed.remote_id)
        scope = {"catalog_name": a["catalog_name"], "schema_name": a["name"]}
        node.children = [
            _node(handlers, "databricks_volume", o)
            for _, o in handlers["databricks_volume"].list(scope)
        ]
    elif kind == "databricks_volume":
        node.grants = _grants(handlers, "volume", observed.remote_id)
    elif kind in ("databricks_notebook", "databricks_workspace_file"):
        node.content = _content(handlers[kind], observed.remote_id)
    if kind in _PERMISSION_TARGETS:
        node.permissions = _permissions(handlers, kind, observed)
    if kind == "databricks_secret_scope":
        scope = {"scope": observed.remote_id}
        for child in ("databricks_secret", "databricks_secret_acl"):
            node.children += [
                Node(child, o, handlers[child].schema) for _, o in handlers[child].list(scope)
            ]
    return node


def _permissions(handlers: Handlers, kind: str, observed: Observed) -> Observed | None:
    """The object's permissions (read once: ACLs cannot be listed workspace-wide)."""
    object_type, id_field = _PERMISSION_TARGETS[kind]
    object_id = observed.remote_id if id_field is None else observed.attributes.get(id_field)
    if object_id is None:
        return None
    remote_id = f"{object_type}/{object_id}"
    return handlers[PERMISSIONS].read(Address(PERMISSIONS, remote_id), remote_id)


def _grants(handlers: Handlers, securable: str, full_name: str) -> Observed | None:
    remote_id = f"{securable}/{full_name}"
    return handlers[GRANTS].read(Address(GRANTS, remote_id), remote_id)


@runtime_checkable
class ContentReader(Protocol):
    """A workspace kind's handler that can hand over an object's bytes."""

    def content(self, remote_id: str) -> bytes: ...


def _content(handler: ResourceHandler, remote_id: str) -> bytes:
    """A notebook's source (as compared: no export header) or a workspace file's bytes."""
    from data_iac.providers.databricks._workspace_io import notebook_body

    if not isinstance(handler, ContentReader):
        raise TypeError(f"{handler.schema.kind} handlers cannot read content")
    data = handler.content(remote_id)
    return notebook_body(data) if handler.schema.kind == "databricks_notebook" else data
