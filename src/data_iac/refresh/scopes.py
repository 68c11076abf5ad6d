"""How each kind is refreshed in bulk: one listing per scope, markers, or single reads.

Pure data and functions: no SDK, no I/O. ``refresh_plan`` groups the entries of a state by
(kind, scope) so the bulk refresher issues one listing per group instead of one read per
object. A kind's strategy says what its listing carries:

- ``LISTING``: the listing returns every managed field; the objects are taken from it.
- ``MARKERS``: the listing returns a change marker (DSS ``versionTag``, workspace
  ``modified_at``); an object is re-read only when its marker moved since state recorded it.
- ``READ``: there is no useful listing (grants, ACLs, DLT pipelines); one read per object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from data_iac.model.state import ResourceState

__all__ = ["STRATEGIES", "Group", "Scope", "Strategy", "refresh_groups", "scope_of"]

Scope = tuple[tuple[str, str], ...]
"""A listing scope as a hashable, sorted tuple of (name, value): ``(("project_key", "P"),)``."""


class Strategy(StrEnum):
    LISTING = "listing"
    MARKERS = "markers"
    READ = "read"


def _nothing(entry: ResourceState) -> Scope:
    return ()


def _project(entry: ResourceState) -> Scope:
    return (("project_key", entry.remote_id.partition(".")[0]),)


def _catalog(entry: ResourceState) -> Scope:
    return (("catalog_name", entry.remote_id.split(".")[0]),)


def _schema(entry: ResourceState) -> Scope:
    catalog, schema = entry.remote_id.split(".")[:2]
    return (("catalog_name", catalog), ("schema_name", schema))


def _parent_path(entry: ResourceState) -> Scope:
    parent = entry.remote_id.rstrip("/").rsplit("/", 1)[0] or "/"
    return (("path", parent),)


def _secret_scope(entry: ResourceState) -> Scope:
    return (("scope", entry.remote_id.partition("/")[0]),)


ScopeOf = Callable[[ResourceState], Scope]

STRATEGIES: Mapping[str, tuple[Strategy, ScopeOf]] = {
    "dataiku_project": (Strategy.MARKERS, _nothing),
    "dataiku_dataset": (Strategy.LISTING, _project),
    "dataiku_recipe": (Strategy.MARKERS, _project),
    "dataiku_scenario": (Strategy.MARKERS, _project),
    "dataiku_managed_folder": (Strategy.LISTING, _project),
    "dataiku_zone": (Strategy.LISTING, _project),
    "databricks_catalog": (Strategy.LISTING, _nothing),
    "databricks_schema": (Strategy.LISTING, _catalog),
    "databricks_volume": (Strategy.LISTING, _schema),
    "databricks_job": (Strategy.LISTING, _nothing),
    "databricks_cluster": (Strategy.LISTING, _nothing),
    "databricks_cluster_policy": (Strategy.LISTING, _nothing),
    "databricks_sql_warehouse": (Strategy.LISTING, _nothing),
    "databricks_group": (Strategy.LISTING, _nothing),
    "databricks_user": (Strategy.LISTING, _nothing),
    "databricks_service_principal": (Strategy.LISTING, _nothing),
    "databricks_directory": (Strategy.LISTING, _parent_path),
    "databricks_notebook": (Strategy.MARKERS, _parent_path),
    "databricks_workspace_file": (Strategy.MARKERS, _parent_path),
    "databricks_dbfs_file": (Strategy.LISTING, _parent_path),
    "databricks_secret_scope": (Strategy.LISTING, _nothing),
    "databricks_secret": (Strategy.LISTING, _secret_scope),
    "databricks_secret_acl": (Strategy.LISTING, _secret_scope),
    # No listing carries these: grants and ACLs are per securable, and the pipelines
    # listing has no spec and no change marker. Named in docs/performance.md.
    "databricks_grants": (Strategy.READ, _nothing),
    "databricks_permissions": (Strategy.READ, _nothing),
    "databricks_pipeline": (Strategy.READ, _nothing),
}


def scope_of(entry: ResourceState) -> tuple[Strategy, Scope]:
    """The strategy and listing scope for one state entry; unknown kinds are read singly."""
    strategy, scope = STRATEGIES.get(entry.kind, (Strategy.READ, _nothing))
    return strategy, scope(entry)


@dataclass(frozen=True, slots=True)
class Group:
    """Entries refreshed together: one listing of ``kind`` in ``scope`` (or, for READ, one
    read each). ``entries`` maps address text to state entry."""

    kind: str
    strategy: Strategy
    scope: Scope
    entries: Mapping[str, ResourceState]


def refresh_groups(entries: Iterable[tuple[str, ResourceState]]) -> list[Group]:
    """The entries grouped by (kind, strategy, scope), in a stable order."""
    grouped: dict[tuple[str, Strategy, Scope], dict[str, ResourceState]] = {}
    for address, entry in entries:
        strategy, scope = scope_of(entry)
        grouped.setdefault((entry.kind, strategy, scope), {})[address] = entry
    return [
        Group(kind, strategy, scope, members)
        for (kind, strategy, scope), members in sorted(grouped.items())
    ]
