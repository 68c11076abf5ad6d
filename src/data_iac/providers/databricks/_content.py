"""One handler for the workspace objects that hold content (notebooks, workspace files),
told a kind's differences by a ``ContentKind``; the remote id is the workspace path.

Content is compared by hash: a kind's ``normalize_spec`` fills ``content_sha256`` from the
local ``source`` and ``to_observed`` hashes what ``fetch`` brings back the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import create_named
from data_iac.providers.databricks._workspace_io import (
    delete_path,
    ensure_parent,
    listed,
    marker_of,
    read_each,
    status_of,
    workspace_markers,
    written,
)
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["ContentHandler", "ContentKind"]


@dataclass(frozen=True)
class ContentKind:
    """What differs between two kinds of workspace object with content."""

    kind: str
    object_type: str  # as the workspace API says it: "NOTEBOOK", "FILE"
    vanished: str  # the error when a write is not there right after: "{path} vanished"
    normalize_spec: Callable[[Mapping[str, Any]], dict[str, Any]]
    to_observed: Callable[[Mapping[str, Any], bytes], dict[str, Any]]
    # (client, path, address) -> the object's content as bytes
    fetch: Callable[[DatabricksClient, str, str], bytes]
    # (client, normalized spec, overwrite, address): write the local source to spec["path"]
    write: Callable[[DatabricksClient, dict[str, Any], bool, str], None]
    # fetched bytes -> the bytes as compared and written by ``iac generate``
    compared: Callable[[bytes], bytes] = bytes


class ContentHandler:
    """CRUD for a ``ContentKind`` through ``client``; thread safe."""

    content_kind: ClassVar[ContentKind]

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        k = self.content_kind
        info = status_of(self.client, remote_id, str(address), k.object_type)
        if info is None:
            return None
        content = k.fetch(self.client, remote_id, str(address))
        return Observed(remote_id, k.to_observed(info, content), marker_of(info))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every object of this kind under ``scope["path"]``, recursively."""
        k = self.content_kind
        raws = listed(self.client, str(scope.get("path", "/")), k.object_type, recursive=True)
        yield from read_each(self, k.kind, raws)

    def content(self, remote_id: str) -> bytes:
        """The object's content as compared (a notebook's without its export header);
        ``iac generate`` writes it to a local file."""
        return self.content_kind.compared(self.content_kind.fetch(self.client, remote_id, ""))

    def list_markers(self, scope: Mapping[str, Any]) -> Iterable[tuple[str, str | None]]:
        """(path, modified_at) of every object of this kind directly in ``scope["path"]``."""
        folder = str(scope.get("path", "/"))
        return workspace_markers(self.client, folder, self.content_kind.object_type)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        """Write without overwriting, at most once: after an ambiguous failure, an object at
        the path with the content we sent is ours (adopted); any other is someone else's."""
        ensure_parent(self.client, str(spec["path"]), str(address))
        k, once = self.content_kind, self.client.without_retries()
        clean = k.normalize_spec(spec)
        digest = clean.get("content_sha256")
        return create_named(
            self, address, k.vanished.format(path=clean["path"]).split(" vanished")[0],
            send=lambda: k.write(once, clean, False, str(address)),
            remote_id=str(clean["path"]),
            intended=lambda found: found.attributes.get("content_sha256") == digest,
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._write(address, spec, overwrite=True)

    def delete(self, address: Address, observed: Observed) -> None:
        delete_path(self.client, observed.remote_id, str(address))

    def _write(self, address: Address, spec: Mapping[str, Any], *, overwrite: bool) -> Observed:
        k = self.content_kind
        clean = k.normalize_spec(spec)
        path = str(clean["path"])
        k.write(self.client, clean, overwrite, str(address))
        found = self.read(address, path)  # None: deleted between our write and our read
        return written(found, k.vanished.format(path=path), str(address))
