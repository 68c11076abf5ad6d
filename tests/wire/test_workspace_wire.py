"""Notebooks, workspace files, directories, secret scopes, secrets and secret ACLs on the
wire.

Sources (databricks/cli at 7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f, ``Cloud = true``):

- ``acceptance/selftest/record_cloud/workspace-file-io/output.txt``: ``POST
  /api/2.0/workspace/mkdirs`` with ``path``; ``POST /api/2.0/workspace/import`` with
  ``path``, ``content`` (base64 text) and ``format``; ``get-status`` answers ``path`` and
  ``object_type`` ``FILE``.
- ``acceptance/bundle/resources/secret_scopes/basic/output.txt``: ``POST
  /api/2.0/secrets/scopes/create`` with ``scope``; ``POST /api/2.0/secrets/acls/put`` with
  ``scope``, ``principal``, ``permission`` ``WRITE``; ``POST /api/2.0/secrets/put`` with
  ``scope``, ``key``, ``string_value``.

Every key must also be a parameter of the SDK method sending it or a field of the SDK's
answer dataclass (databricks-sdk 0.162 ``service/workspace.py``).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path

from databricks.sdk import WorkspaceClient
from databricks.sdk.service import workspace

from data_iac.emulator.server import Emulator
from data_iac.kinds import spec_of
from data_iac.providers.base import ResourceHandler
from tests.wire.shapes import OneOf, mismatches, unknown_arguments, unknown_fields
from tests.wire.wire import body_of, create, sent

OBJECT_TYPES = OneOf({t.value for t in workspace.ObjectType})
IMPORT_SHAPE = {
    "path": str,
    "content": str,
    "format": OneOf({f.value for f in workspace.ImportFormat}),
}
STATUS_ANSWER = {"path": str, "object_type": OBJECT_TYPES, "object_id": int}


def _normalized(kind: str, spec: dict[str, object]) -> dict[str, object]:
    normalize = spec_of(kind).normalize
    return normalize(spec) if normalize else spec


def test_notebook_import_and_status(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient, tmp_path: Path
) -> None:
    source = tmp_path / "nb.py"
    source.write_text("print(1)\n", encoding="utf-8")
    spec = _normalized(
        "databricks_notebook",
        {"path": "/Shared/team/nb", "language": "python", "source": str(source)},
    )
    requests = sent(emulator)
    create(handlers, "databricks_notebook", "nb", spec)
    body = body_of(requests, "POST", r"/api/2\.0/workspace/import")
    assert mismatches(body, IMPORT_SHAPE) == []
    assert base64.b64decode(body["content"]).decode().endswith("print(1)\n")
    assert unknown_arguments(body, workspace.WorkspaceAPI.import_) == []
    answer = w.api_client.do(
        "GET", "/api/2.0/workspace/get-status", query={"path": "/Shared/team/nb"}
    )
    assert mismatches(answer, {**STATUS_ANSWER, "object_type": OneOf({"NOTEBOOK"})}) == []
    assert unknown_fields(answer, workspace.ObjectInfo) == []


def test_directory_mkdirs(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    requests = sent(emulator)
    create(
        handlers,
        "databricks_directory",
        "team",
        _normalized("databricks_directory", {"path": "/Shared/team"}),
    )
    body = body_of(requests, "POST", r"/api/2\.0/workspace/mkdirs")
    assert mismatches(body, {"path": str}) == []
    assert unknown_arguments(body, workspace.WorkspaceAPI.mkdirs) == []
    answer = w.api_client.do("GET", "/api/2.0/workspace/get-status", query={"path": "/Shared/team"})
    assert mismatches(answer, {**STATUS_ANSWER, "object_type": OneOf({"DIRECTORY"})}) == []


def test_secret_scope_secret_and_acl(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    requests = sent(emulator)
    create(handlers, "databricks_secret_scope", "etl", {"name": "etl"})
    body = body_of(requests, "POST", r"/api/2\.0/secrets/scopes/create")
    assert mismatches(body, {"scope": str}) == []
    assert unknown_arguments(body, workspace.SecretsAPI.create_scope) == []

    secret = {"scope": "etl", "key": "token", "string_value": "s3cr3t"}
    create(handlers, "databricks_secret", "etl.token", secret)
    body = body_of(requests, "POST", r"/api/2\.0/secrets/put")
    assert mismatches(body, {"scope": str, "key": str, "string_value": str}) == []
    assert unknown_arguments(body, workspace.SecretsAPI.put_secret) == []

    w.groups.create(display_name="data-eng")
    acl = _normalized(
        "databricks_secret_acl", {"scope": "etl", "principal": "data-eng", "permission": "WRITE"}
    )
    create(handlers, "databricks_secret_acl", "etl.data-eng", acl)
    body = body_of(requests, "POST", r"/api/2\.0/secrets/acls/put")
    permissions = OneOf({p.value for p in workspace.AclPermission})
    assert mismatches(body, {"scope": str, "principal": str, "permission": permissions}) == []
    assert unknown_arguments(body, workspace.SecretsAPI.put_acl) == []
    answer = w.api_client.do(
        "GET", "/api/2.0/secrets/acls/get", query={"scope": "etl", "principal": "data-eng"}
    )
    assert mismatches(answer, {"principal": str, "permission": permissions}) == []
    assert unknown_fields(answer, workspace.AclItem) == []
