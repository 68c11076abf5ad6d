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
from data_iac.generate.databricks import Node, generated_kinds, kind_of_section, name_of
from data_iac.kinds import children_of
from data_iac.model.kind import KindSpec, PermissionsTarget
from data_iac.model.resource import Observed
from data_iac.providers.base import ResourceHandler

__all__ = ["collect_stack"]

Handlers = Mapping[str, ResourceHandler]
Filters = Mapping[str, str | None]
# A scope field of a record -> the filter option that gives it (``--catalog``, ``--schema``).
_FILTER_OF = {"catalog_name": "catalog", "schema_name": "schema"}


def collect_stack(handlers: Handlers, kind_option: str, filters: Filters) -> list[Node]:
    """Every object of ``--kind`` matching the filters, each with its nested objects."""
    spec = generated_kinds()[kind_option]
    scope: dict[str, str] = {}
    if spec.scope.parent_path:
        scope = {"path": filters.get("path") or "/"}
    for field in spec.scope.fields:
        scope[field] = _required(filters, _FILTER_OF.get(field, field), kind_option)
    kind = spec.kind
    found = [o for _, o in handlers[kind].list(scope) if _matches(spec, o, filters)]
    return [_node(handlers, kind, observed) for observed in found]


def _required(filters: Filters, name: str, kind_option: str) -> str:
    value = filters.get(name)
    if not value:
        raise ConfigError(f"--kind {kind_option} needs --{name}")
    return value


def _matches(spec: KindSpec, observed: Observed, filters: Filters) -> bool:
    """By ``--name``; a catalog (a UC kind with no scope) also by ``--catalog``."""
    pattern = filters.get("name")
    if spec.grants_securable == "catalog" and filters.get("catalog"):
        pattern = filters["catalog"]
    return pattern is None or fnmatch.fnmatchcase(name_of(spec.kind, observed), pattern)


def _node(handlers: Handlers, kind: str, observed: Observed) -> Node:
    """The object with its grants, permissions, content and child objects, as its record
    says it has them."""
    spec = handlers[kind].schema
    node = Node(kind, observed, spec)
    if spec.grants_securable is not None:
        node.grants = _grants(handlers, spec.grants_securable, observed.remote_id)
    if isinstance(handlers[kind], ContentReader):
        node.content = _content(handlers[kind], observed.remote_id)
    if spec.permissions is not None:
        node.permissions = _permissions(handlers, spec.permissions, observed)
    for child in children_of(kind):
        if child.kind not in handlers:
            continue
        scope = dict(child.scope.opened_by(observed.remote_id))
        for _, found in handlers[child.kind].list(scope):
            nested = _node(handlers, child.kind, found) if child.section else None
            node.children.append(nested or Node(child.kind, found, child))
    return node


def _permissions(
    handlers: Handlers, target: PermissionsTarget, observed: Observed
) -> Observed | None:
    """The object's permissions (read once: ACLs cannot be listed workspace-wide)."""
    attribute = target.id_attribute
    object_id = observed.remote_id if attribute is None else observed.attributes.get(attribute)
    if object_id is None:
        return None
    remote_id = f"{target.object_type}/{object_id}"
    kind = kind_of_section("permissions")
    return handlers[kind].read(Address(kind, remote_id), remote_id)


def _grants(handlers: Handlers, securable: str, full_name: str) -> Observed | None:
    remote_id = f"{securable}/{full_name}"
    kind = kind_of_section("grants")
    return handlers[kind].read(Address(kind, remote_id), remote_id)


@runtime_checkable
class ContentReader(Protocol):
    """A workspace kind's handler that can hand over an object's bytes."""

    def content(self, remote_id: str) -> bytes: ...


def _content(handler: ResourceHandler, remote_id: str) -> bytes:
    """A notebook's source (as compared: no export header) or a workspace file's bytes."""
    if not isinstance(handler, ContentReader):
        raise TypeError(f"{handler.schema.kind} handlers cannot read content")
    return handler.content(remote_id)
