"""``databricks_dbfs_file``: a file on DBFS (Laktory's ``databricks_dbfsfiles``), identified
by its absolute DBFS path.

Spec: ``path``, ``source`` (a local file path) and ``content_sha256``. The bytes are read
back in 1 MB slices to be hashed; ``source`` is write-only; a new path is a new file.

A write takes several requests, so it is made safe to interrupt and to retry:

- the bytes go through the streaming upload (``create``, ``add-block`` of at most 1 MB
  each, ``close``) to a staging path beside the file, ``PATH.iac-upload`` (a name
  data-iac reserves: it overwrites it without asking), then one ``move`` publishes them at
  ``PATH``. So the file at ``PATH`` is never half written: a crash or a failure before the
  move leaves at most the staging file, which the next write overwrites;
- every request goes out once (the SDK's own retries are off: a repeated ``add-block``
  after a lost answer would append the block twice); after an ambiguous failure
  (5xx, dropped connection) the file at ``PATH`` is read, and when it holds exactly the
  bytes being written (by content hash) the write had landed; else the whole upload is
  made again (``_create_once.create_named``);
- a change of content uploads the staging file, deletes ``PATH`` and moves the new bytes in
  (``move`` refuses an existing destination); a crash between the two leaves the file
  missing, which the next plan creates again.

After a crash, recovery finds a create that landed by its path (the record's identity).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceAlreadyExists, ResourceNotFound
from data_iac.kinds.databricks.dbfs_file import SPEC as SCHEMA
from data_iac.kinds.databricks.dbfs_file import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import create_named
from data_iac.providers.databricks._kind_io import delete_quietly, read_or_none
from data_iac.providers.databricks._workspace_io import file_hash, read_source
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["KIND", "SCHEMA", "STAGING_SUFFIX", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_dbfs_file"
FAMILY = "dbfs"
_BLOCK = 1024 * 1024  # the API's limit per add-block and per read
STAGING_SUFFIX = ".iac-upload"


def to_observed(info: Mapping[str, Any], content: bytes) -> dict[str, Any]:
    """A FileInfo JSON and the file's bytes -> attributes. Pure."""
    return {
        "path": info["path"],
        "file_size": info.get("file_size", len(content)),
        "modification_time": info.get("modification_time"),
        "content_sha256": file_hash(content),
    }


class Handler:
    """CRUD for DBFS files through ``client``; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        w = self.client.w
        info = read_or_none(self.client, FAMILY, w.dbfs.get_status, remote_id, address=str(address))
        if info is None or info.is_dir:
            return None
        content = self._download(remote_id, str(address))
        return Observed(remote_id, to_observed(info.as_dict(), content))

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        """The files directly in ``scope["path"]`` (default ``/``)."""
        w = self.client.w
        folder = str(scope.get("path", "/"))
        try:
            found = self.client.call(FAMILY, lambda: list(w.dbfs.list(folder)))
        except ResourceNotFound:
            return
        for info in found:
            if not info.is_dir and info.path:
                observed = self.read(Address(KIND, info.path), info.path)
                if observed is not None:
                    yield Address(KIND, info.path), observed

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return self._write(address, spec, overwrite=False)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._write(address, spec, overwrite=True)

    def delete(self, address: Address, observed: Observed) -> None:
        delete_quietly(
            self.client, FAMILY, self.client.w.dbfs.delete, observed.remote_id, address=str(address)
        )

    def _write(self, address: Address, spec: Mapping[str, Any], *, overwrite: bool) -> Observed:
        wanted = normalize_spec(spec)
        path, data = str(wanted["path"]), read_source(wanted)
        digest, where = file_hash(data), str(address)
        once = self.client.without_retries()
        staging = path + STAGING_SUFFIX

        def send() -> None:
            self._upload(once, staging, data, where)
            if overwrite:
                once.call(FAMILY, once.w.dbfs.delete, path, address=where)
            try:
                once.call(FAMILY, once.w.dbfs.move, staging, path, address=where)
            except ResourceAlreadyExists:
                delete_quietly(once, FAMILY, once.w.dbfs.delete, staging, address=where)
                raise

        return create_named(
            self, address, "DBFS file", send=send, remote_id=path,
            intended=lambda found: found.attributes.get("content_sha256") == digest,
        )  # fmt: skip

    @staticmethod
    def _upload(once: DatabricksClient, staging: str, data: bytes, where: str) -> None:
        """The bytes into ``staging`` through a new handle (``overwrite``: the name is ours)."""
        w = once.w
        handle = once.call(FAMILY, w.dbfs.create, staging, overwrite=True, address=where).handle
        for start in range(0, len(data), _BLOCK):
            block = base64.b64encode(data[start : start + _BLOCK]).decode()
            once.call(FAMILY, w.dbfs.add_block, handle, block, address=where)
        once.call(FAMILY, w.dbfs.close, handle, address=where)

    def _download(self, path: str, address: str) -> bytes:
        w, chunks, offset = self.client.w, [], 0
        while True:
            part = self.client.call(
                FAMILY, w.dbfs.read, path, offset=offset, length=_BLOCK, address=address
            )
            data = base64.b64decode(part.data or "")
            chunks.append(data)
            offset += len(data)
            if len(data) < _BLOCK:
                return b"".join(chunks)
