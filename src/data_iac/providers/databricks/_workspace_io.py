"""What the notebook, workspace-file and directory kinds share: status lookups, parent
folders, reading a local source and hashing content the way it is compared."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import RemoteConflictError
from data_iac.kinds.databricks._pure import file_hash, notebook_body, notebook_hash, read_source
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import Reads
from data_iac.providers.databricks._kind_io import (
    as_plain,
    delete_quietly,
    get_plain,
)
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.listings import memoized

__all__ = [
    "FAMILY",
    "delete_path",
    "ensure_parent",
    "file_hash",
    "listed",
    "marker_of",
    "notebook_body",
    "notebook_hash",
    "read_each",
    "read_source",
    "status_of",
    "workspace_markers",
    "written",
]

FAMILY = "workspace"


def status_of(
    client: DatabricksClient, path: str, address: str, object_type: str
) -> dict[str, Any] | None:
    """The ObjectInfo JSON of ``path``, or None when nothing, or not an ``object_type``
    (NOTEBOOK, FILE, DIRECTORY), is there."""
    info = get_plain(client, FAMILY, client.w.workspace.get_status, path, address=address)
    return info if info is not None and info.get("object_type") == object_type else None


def listed(
    client: DatabricksClient, folder: str, object_type: str, *, recursive: bool = False
) -> list[dict[str, Any]]:
    """The ObjectInfo JSON of every ``object_type`` in ``folder`` (and below it when
    ``recursive``), from one listing; within a refresh, the notebook and workspace file
    kinds share one listing of a folder (``providers/listings.py``)."""
    w = client.w

    def fetch() -> list[dict[str, Any]]:
        infos = client.call(FAMILY, lambda: list(w.workspace.list(folder, recursive=recursive)))
        return list(map(as_plain, infos))

    raws = memoized(("workspace", id(client), folder, recursive), fetch)
    return [raw for raw in raws if raw.get("object_type") == object_type]


def read_each(
    handler: Reads, kind: str, raws: Iterable[dict[str, Any]]
) -> Iterator[tuple[Address, Observed]]:
    """Each listed object read in full by ``handler`` (skipping any gone meanwhile)."""
    for raw in raws:
        address = Address(kind, raw["path"])
        found = handler.read(address, raw["path"])
        if found is not None:
            yield address, found


def written(found: Observed | None, message: str, address: str) -> Observed:
    """``found``, the object read right after writing it.

    Raises:
        RemoteConflictError: it is not there (``message`` says why).
    """
    if found is None:
        raise RemoteConflictError(message, platform="databricks", address=address)
    return found


def delete_path(client: DatabricksClient, path: str, address: str) -> None:
    """Delete ``path``; already gone is fine."""
    delete_quietly(client, FAMILY, client.w.workspace.delete, path, address=address)


def ensure_parent(client: DatabricksClient, path: str, address: str) -> None:
    """Create the parent folders of ``path`` (mkdirs is idempotent)."""
    parent = path.rsplit("/", 1)[0]
    if parent:
        client.call(FAMILY, client.w.workspace.mkdirs, parent, address=address)


def workspace_markers(
    client: DatabricksClient, folder: str, object_type: str
) -> list[tuple[str, str | None]]:
    """(path, ``modified_at``) of every ``object_type`` directly in ``folder``: one
    listing, whose ``modified_at`` moves whenever the content is imported again."""
    return [(str(raw["path"]), marker_of(raw)) for raw in listed(client, folder, object_type)]


def marker_of(raw: dict[str, Any]) -> str | None:
    """The change marker of a workspace ObjectInfo JSON: its ``modified_at``."""
    modified = raw.get("modified_at")
    return None if modified is None else str(modified)
