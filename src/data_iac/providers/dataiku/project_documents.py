"""``dataiku_project_variables`` and ``dataiku_project_permissions``: two documents of a
project, each managed as a kind of its own. Address key and remote id: the project key.
Saving either document moves the project's versionTag, which is the change marker of the
project and of both documents (KindSpec.parent_version; apply/versions.py).

- variables: GET / PUT ``/projects/{K}/variables/`` (``DSSProject.get_variables`` /
  ``set_variables``: ``{"standard": {...}, "local": {...}}``, both keys required). The spec's
  sections are written over the fetched ones, key by key (variables set in DSS by hand
  survive an update); deleting the resource empties the variables document.
- permissions: GET / PUT ``/projects/{K}/permissions`` (``get_permissions`` /
  ``set_permissions``: ``{owner, permissions: [{group|user, <flags>}]}``); the spec holds
  the list (the owner is the project's ``settings.owner``); deleting the resource leaves
  only the owner's access. DSS answers every flag, false when not granted: false flags are
  dropped before comparing.

Sources: dataikuapi/dss/project.py; platform-apis.md §2.2 (wire shapes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.dataiku.client import DssConnection
from data_iac.providers.dataiku.common import ignore_missing, version_of
from data_iac.providers.dataiku.projects import normalise_permissions

__all__ = ["PermissionsHandler", "VariablesHandler"]

SECTIONS = ("standard", "local")


class _ProjectDocument:
    """What both documents share: one per project, read and listed by project key."""

    kind = ""
    schema: KindSchema

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def observe(self, project: Any) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def read(self, address: Address, remote_id: str) -> Observed | None:
        project = self._conn.client.get_project(remote_id)
        try:
            attributes = self.observe(project)
            version = version_of(project.get_summary())
        except ResourceNotFound:
            return None
        return Observed(remote_id, {"project_key": remote_id, **attributes}, version)

    def holds_anything(self, attributes: Mapping[str, Any]) -> bool:  # pragma: no cover
        raise NotImplementedError

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """The documents that hold something (an empty one is nothing to generate or
        import: every project has both documents)."""
        wanted = scope.get("project_key")
        keys = [str(wanted)] if wanted else self._conn.client.list_project_keys()
        for key in keys:
            observed = self.read(Address(self.kind, key), key)
            if observed is not None and self.holds_anything(observed.attributes):
                yield Address(self.kind, key), observed

    def list_markers(self, scope: Mapping[str, Any]) -> Iterable[tuple[str, str | None]]:
        """(project key, the project's versionTag), from one listing of the projects: the
        document shares its project's marker (KindSpec.parent_version)."""
        wanted = scope.get("project_key")
        for summary in self._conn.client.list_projects():
            key = str(summary["projectKey"])
            if not wanted or key == wanted:
                yield key, version_of(summary)

    def write(self, project: Any, spec: Mapping[str, Any]) -> None:  # pragma: no cover
        raise NotImplementedError

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return self._written(str(spec["project_key"]), spec)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._written(observed.remote_id, spec)

    def _written(self, key: str, spec: Mapping[str, Any]) -> Observed:
        self.write(self._conn.client.get_project(key), spec)
        observed = self.read(Address(self.kind, key), key)
        if observed is None:
            raise ResourceNotFound(f"project {key} vanished", platform="dataiku")
        return observed


class VariablesHandler(_ProjectDocument):
    kind = "dataiku_project_variables"
    schema = spec_of(kind)

    def holds_anything(self, attributes: Mapping[str, Any]) -> bool:
        return bool(attributes.get("standard"))  # the seed's format writes standard only

    def observe(self, project: Any) -> dict[str, Any]:
        variables = project.get_variables()
        return {s: dict(variables.get(s) or {}) for s in SECTIONS}

    def write(self, project: Any, spec: Mapping[str, Any]) -> None:
        current = project.get_variables()
        for section in SECTIONS:
            if isinstance(spec.get(section), Mapping):
                current.setdefault(section, {}).update(spec[section])
        project.set_variables(current)

    def delete(self, address: Address, observed: Observed) -> None:
        """Empty the variables document (the project itself stays)."""
        with ignore_missing():
            project = self._conn.client.get_project(observed.remote_id)
            project.set_variables({section: {} for section in SECTIONS})


class PermissionsHandler(_ProjectDocument):
    kind = "dataiku_project_permissions"
    schema = spec_of(kind)

    def holds_anything(self, attributes: Mapping[str, Any]) -> bool:
        return bool(attributes.get("permissions"))

    def observe(self, project: Any) -> dict[str, Any]:
        return {"permissions": normalise_permissions(project.get_permissions().get("permissions"))}

    def write(self, project: Any, spec: Mapping[str, Any]) -> None:
        current = project.get_permissions()
        current["permissions"] = [dict(p) for p in spec.get("permissions") or []]
        project.set_permissions(current)

    def delete(self, address: Address, observed: Observed) -> None:
        """No permission entries left: only the owner keeps access."""
        with ignore_missing():
            self.write(self._conn.client.get_project(observed.remote_id), {"permissions": []})
