"""``KindSpec``: every fact about one resource kind, as one frozen record. Pure data.

One record per kind lives in its own module under ``data_iac/kinds/<platform>/`` and is
found through one registry (``data_iac.kinds``). The planner, diff, refresh, import,
generate, graph and JSON Schema export read these records; none of them names a kind.

The record answers, for its kind:

- where it is written in config: ``sections`` (the first is the spelling ``iac generate``
  writes; the others are aliases, e.g. Laktory's ``databricks_*``), ``config_model`` (the
  pydantic model of one entry) and ``build`` (entry -> desired resources);
- where it lives: ``parent`` kind and the listing ``scope`` its remote id opens;
  ``refers`` maps a spec field to the kind whose natural key it names (an external
  location's ``credential_name``): config adds that dependency when both are in a stack;
- how it is named: ``name_field``, ``identity`` (spec fields a crashed create is found
  by), ``import_id`` (the natural id ``iac import`` takes, in words);
- who may use it: ``permissions`` (the object type of ``/api/2.0/permissions``) and
  ``grants_securable`` (the Unity Catalog securable type); for a principal kind,
  ``principal_fields`` (the spec fields grants and ACLs name it by);
- how it is refreshed: ``refresh``; ``parent_version``: the object is a document of its
  parent that shares the parent's change marker (a DSS project's variables: saving them
  bumps the project's versionTag), so apply records the marker a write leaves behind on
  the parent and on every such sibling (apply/versions.py);
- its lifecycle, field by field: ``managed`` (closed set of fields, empty = open document),
  ``computed``, ``immutable`` (replace on change), ``defaults`` (backend defaults),
  ``ignore_remote`` (remote changes never drift), ``write_only`` (input only),
  ``sensitive``, ``unordered`` (lists compared as sets), ``list_keys`` (list -> the field,
  or the fields, naming its elements), ``bounds`` (numeric limits), ``checks`` (other
  input the service refuses, as a pure function of the spec), with ``reasons``
  naming the source of a fact. Paths in these facts are dotted, and list elements are
  crossed without an index: ``tasks.new_cluster.node_type_id`` is that field in every
  task. ``diff`` reads them; docs/diff.md says exactly how;
- how it is served: ``handler`` (``module:Class`` of a hand-written handler) or ``api`` (a
  generic handler over one SDK service, described by data). A record with a ``build`` and
  neither is a config section that expands into other kinds (Laktory's workspace trees);
  no object of that kind ever exists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

__all__ = [
    "NO_SCOPE",
    "SERVER_SET",
    "Bound",
    "Bounds",
    "KindSpec",
    "ListScope",
    "PermissionsTarget",
    "Scope",
    "SdkApi",
    "Strategy",
]

Scope = tuple[tuple[str, str], ...]
"""A listing scope as a hashable, sorted tuple of (name, value): ``(("project_key", "P"),)``."""

Bound = tuple[float | None, float | None]
"""(lowest, highest) a numeric field accepts; None is no limit."""

Bounds = Bound | tuple[Bound, ...]
"""One range, or the ranges a field accepts (``((0, 0), (10, 10000))``: 0, or 10 to 10000)."""

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class _ServerSet:
    """The value of a ``defaults`` entry the backend fills with a value of its own choosing
    (a node type, a storage path, cloud attributes): any remote value is a default."""

    def __repr__(self) -> str:
        return "SERVER_SET"


SERVER_SET: Any = _ServerSet()


def _empty() -> Mapping[str, Any]:
    return _EMPTY


class Strategy(StrEnum):
    """What a kind's listing carries, for bulk refresh.

    - ``LISTING``: every managed field; objects are taken from the listing.
    - ``MARKERS``: a change marker per object; an object is re-read when it moved.
    - ``READ``: no useful listing; one read per object.
    """

    LISTING = "listing"
    MARKERS = "markers"
    READ = "read"


@dataclass(frozen=True, slots=True)
class ListScope:
    """Where objects of a kind are listed, derived from remote ids. Pure.

    ``fields`` name the leading parts of the remote id (split on ``separator``): a volume
    ``main.raw.files`` is listed in ``catalog_name=main, schema_name=raw``. With
    ``parent_path`` the scope is the folder holding a workspace path.
    """

    fields: tuple[str, ...] = ()
    separator: str = "."
    parent_path: bool = False

    def of(self, remote_id: str) -> Scope:
        """The scope listing the object ``remote_id``."""
        if self.parent_path:
            return (("path", remote_id.rstrip("/").rsplit("/", 1)[0] or "/"),)
        parts = remote_id.split(self.separator)
        return tuple(zip(self.fields, parts[: len(self.fields)], strict=False))

    def opened_by(self, parent_remote_id: str) -> Scope:
        """The scope of this kind inside the parent object ``parent_remote_id``."""
        if self.parent_path:
            return (("path", parent_remote_id),)
        parts = parent_remote_id.split(self.separator, len(self.fields) - 1)
        return tuple(zip(self.fields, parts, strict=False))


NO_SCOPE = ListScope()


@dataclass(frozen=True, slots=True)
class PermissionsTarget:
    """The object type of a kind under ``/api/2.0/permissions/{type}/{id}``.

    ``id_attribute`` names the attribute holding the id (None: the remote id itself);
    ``config_keys`` are the keys Laktory's stand-alone ``permissions:`` use to point at an
    object of this kind (``job_id``, ``warehouse_id`` ...).
    """

    object_type: str
    id_attribute: str | None = None
    config_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SdkApi:
    """A kind served by the generic handler over one ``WorkspaceClient`` service.

    ``service`` is the attribute of the WorkspaceClient (``instance_pools``), or
    ``module:Class`` of an SDK-style service built on ``w.api_client``; the method
    names default to the usual ones; ``id_field`` is the JSON field holding the remote id
    (also the argument ``get``/``delete`` take; the object is read back after create);
    ``update`` is None for kinds without one (every field immutable then);
    ``update_takes_id_in_body`` when the update call takes the id as a keyword with the
    fields (``edit(instance_pool_id=..., ...)``) rather than first; ``unique_by`` names a
    field unique in the workspace, by which a create that may have landed is found before
    it is retried. ``family`` names the rate-limit family (default: the service).
    ``wrapper`` names the one parameter create and update take the object as
    (``lakeview.create(dashboard=...)``); ``unwrap`` the key a get nests the object under
    (``{"experiment": {...}}``); ``update_mask`` sends the updated fields' names with an
    update (``queries.update(id, update_mask, query=...)``); ``gone`` is the (field, value)
    of an object deleted to a trash that a get still answers (``lifecycle_state: TRASHED``);
    ``update_body`` names the one spec field whose mapping the update call takes as its
    fields (a serving endpoint's ``config``, sent to ``update_config``);
    ``created_unwrap`` the key a create's answer nests the object under when it is not
    ``unwrap`` (MLflow's ``registered_model`` beside the get's
    ``registered_model_databricks``); ``json_text`` the fields the calls take as JSON text
    while the record compares them as mappings (a cluster policy's ``definition``).
    """

    service: str
    id_field: str
    create: str = "create"
    get: str = "get"
    list: str | None = "list"  # None: the service cannot list (objects read one by one)
    update: str | None = "update"
    delete: str = "delete"
    family: str = ""
    update_takes_id_in_body: bool = True
    unique_by: str | None = None
    wrapper: str | None = None
    unwrap: str | None = None
    update_mask: bool = False
    gone: tuple[str, str] | None = None
    update_body: str | None = None
    created_unwrap: str | None = None
    json_text: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KindSpec:
    """Every fact about one kind; see the module docstring for what each field means.

    Must stay pure: callables held here (``normalize``, ``closed``, ``build``) never do
    I/O. Every field but ``kind`` has a default, so a record states only what is its own.
    """

    kind: str
    platform: str = ""
    level: str = "workspace"  # Databricks: "workspace", "account" or "both"
    # -- lifecycle facts, read by diff and planner
    immutable: frozenset[str] = frozenset()
    computed: frozenset[str] = frozenset()
    sensitive: frozenset[str] = frozenset()
    unordered: frozenset[str] = frozenset()
    write_only: frozenset[str] = frozenset()
    closed: Callable[[Mapping[str, Any]], frozenset[str]] | None = None
    normalize: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    # (recorded attributes, live attributes) -> what state keeps; default: live over recorded
    keep: Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, Any]] | None = None
    # a config spec -> what an import records of it besides the write-only fields
    recorded: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    # (config spec, live attributes) -> what the live object holds that a spec managing
    # only what it lists leaves alone (additive grants: the other principals), in words
    unlisted: Callable[[Mapping[str, Any], Mapping[str, Any]], list[str]] | None = None
    managed: frozenset[str] = frozenset()
    defaults: Mapping[str, Any] = field(default_factory=_empty, hash=False)
    ignore_remote: frozenset[str] = frozenset()
    list_keys: Mapping[str, str | tuple[str, ...]] = field(default_factory=_empty, hash=False)
    bounds: Mapping[str, Bounds] = field(default_factory=_empty, hash=False)
    # a spec -> what the service would refuse in it: (path of keys and indexes, message)
    checks: Callable[[Mapping[str, Any]], list[tuple[tuple[str | int, ...], str]]] | None = None
    # an update sends the whole spec, so a top-level field removed from config is removed
    # from the object (jobs/reset, clusters/edit, a pipeline's PUT): the plan shows it
    update_replaces: bool = False
    reasons: Mapping[str, str] = field(default_factory=_empty, hash=False)
    # -- config
    sections: tuple[str, ...] = ()
    config_model: Any = field(default=None, hash=False)
    build: Callable[..., Any] | None = None  # Databricks: adds to its context; Dataiku: -> Resource
    # -- structure and identity
    parent: str | None = None
    scope: ListScope = NO_SCOPE
    name_field: str = "name"
    identity: tuple[str, ...] = ()
    import_id: str = ""
    permissions: PermissionsTarget | None = None
    grants_securable: str | None = None
    principal_fields: tuple[str, ...] = ()
    refers: Mapping[str, str] = field(default_factory=_empty, hash=False)
    # -- refresh, generate and the handler
    refresh: Strategy = Strategy.READ
    parent_version: bool = False
    generate: str | None = None
    handler: str = ""
    api: SdkApi | None = None

    def __post_init__(self) -> None:
        if not self.platform:
            object.__setattr__(self, "platform", self.kind.split("_", 1)[0])

    @property
    def section(self) -> str | None:
        """The config section ``iac generate`` writes this kind under, if it has one."""
        return self.sections[0] if self.sections else None

    def natural_key(self, spec: Mapping[str, Any]) -> str | None:
        """The remote id a spec names when ids are made of names (``main.raw`` for a schema,
        ``etl/password`` for a secret): the scope fields then the name, joined by the
        scope's separator. None when a part is missing or not text."""
        parts = [spec.get(name) for name in (*self.scope.fields, self.name_field)]
        if not all(isinstance(part, str) for part in parts):
            return None
        return self.scope.separator.join(str(part) for part in parts)

    def parent_key(self, spec: Mapping[str, Any]) -> str | None:
        """The natural key of the parent a child spec names through its scope fields."""
        if self.parent is None or not self.scope.fields:
            return None
        parts = [spec.get(name) for name in self.scope.fields]
        if not all(isinstance(part, str) for part in parts):
            return None
        return self.scope.separator.join(str(part) for part in parts)

    def name_of(self, attributes: Mapping[str, Any], remote_id: str) -> str:
        """The object's name (``name_field``), else its remote id."""
        return str(attributes.get(self.name_field) or remote_id)
