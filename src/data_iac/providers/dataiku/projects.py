"""``dataiku_project``: the project and its documents (metadata, settings, git remote; its
variables and permission entries are kinds of their own, project_documents.py). Address
key and remote id: the project key. ``settings`` (owner, exposed, git, code envs) are
spread over those documents: see project_settings.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.dataiku.client import DssConnection
from data_iac.providers.dataiku.common import ignore_missing, sorted_tags, version_of
from data_iac.providers.dataiku.project_settings import observed_settings, write_settings

__all__ = ["ProjectHandler", "normalise_permissions", "to_observed"]

KIND = "dataiku_project"


def normalise_permissions(entries: Any) -> list[dict[str, Any]]:
    """Permission entries without their false flags: DSS answers every flag, users write
    only the ones they grant, and both mean the same."""
    if not isinstance(entries, list):
        return []
    return [
        {key: value for key, value in entry.items() if value is not False and value is not None}
        for entry in entries
        if isinstance(entry, Mapping)
    ]


def to_observed(
    summary: Mapping[str, Any],
    metadata: Mapping[str, Any],
    permissions: Mapping[str, Any],
    remote: str | None,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The spec-contract attributes of a project, from the raw DSS documents (pure)."""
    return {
        "project_key": summary["projectKey"],
        "name": metadata.get("label", summary.get("name")),
        "description": metadata.get("description", ""),
        "tags": sorted_tags(metadata.get("tags")),
        "settings": observed_settings(metadata, permissions, remote, settings),
        "owner": permissions.get("owner", summary.get("owner")),
    }


class ProjectHandler:
    """CRUD for DSS projects through ``DSSClient``; thread safe (no shared mutable state)."""

    schema: KindSchema = spec_of(KIND)

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def read(self, address: Address, remote_id: str) -> Observed | None:
        """The project, or None when DSS says it is missing (or unreadable, §7.C.2)."""
        project = self._conn.client.get_project(remote_id)
        try:
            summary = project.get_summary()
        except ResourceNotFound:
            return None
        attributes = to_observed(
            summary,
            project.get_metadata(),
            project.get_permissions(),
            project.get_project_git().get_remote(),
            project.get_settings().get_raw(),
        )
        return Observed(remote_id, attributes, version_of(summary))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every project, or only ``scope["project_key"]`` when given."""
        wanted = scope.get("project_key")
        keys = [str(wanted)] if wanted else self._conn.client.list_project_keys()
        for key in keys:
            observed = self.read(Address(KIND, key), key)
            if observed is not None:
                yield Address(KIND, key), observed

    def list_markers(self, scope: Mapping[str, Any]) -> Iterable[tuple[str, str | None]]:
        """(project key, versionTag) of every project (or ``scope["project_key"]``), from
        one listing: DSS bumps a project's versionTag on every document it saves."""
        wanted = scope.get("project_key")
        for summary in self._conn.client.list_projects():
            key = str(summary["projectKey"])
            if not wanted or key == wanted:
                yield key, version_of(summary)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        """Create the project, then write its metadata and settings."""
        key = str(spec["project_key"])
        self._conn.client.create_project(
            key,
            str(spec.get("name") or key),
            self._conn.owner,
            description=spec.get("description"),
            tags=list(spec.get("tags") or []),
        )
        return self._write(address, key, spec)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._write(address, observed.remote_id, spec)

    def delete(self, address: Address, observed: Observed) -> None:
        with ignore_missing():
            self._conn.client.get_project(observed.remote_id).delete()

    def _write(self, address: Address, key: str, spec: Mapping[str, Any]) -> Observed:
        project = self._conn.client.get_project(key)
        write_metadata(project, spec)
        if "settings" in spec:
            write_settings(project, spec["settings"])
        observed = self.read(address, key)
        if observed is None:
            raise ResourceNotFound(
                f"project {key} vanished while being written", platform="dataiku"
            )
        return observed


def write_metadata(project: Any, spec: Mapping[str, Any]) -> None:
    """Label, description and tags into the fetched metadata; other fields survive."""
    metadata = project.get_metadata()
    if "name" in spec:
        metadata["label"] = spec["name"]
    if "description" in spec:
        metadata["description"] = spec["description"]
    if "tags" in spec:
        metadata["tags"] = list(spec["tags"])
    project.set_metadata(metadata)
