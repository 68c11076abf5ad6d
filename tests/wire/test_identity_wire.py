"""Workspace groups, users and service principals on the wire (SCIM 2.0).

Sources: databricks/cli ``libs/testserver/groups.go`` at 7bbe2852 (a group create reads an
``iam.Group``: ``displayName``; answers it with a server-set text ``id``); databricks-sdk
0.162 ``service/iam.py`` (``GroupsAPI.create``, ``UsersAPI.create``,
``ServicePrincipalsAPI.create`` and the ``Group``, ``User``, ``ServicePrincipal`` dataclasses
naming the SCIM attributes ``displayName``, ``userName``, ``applicationId``, ``members[].value``).
Every key sent must be an attribute the SDK's dataclass knows; the answers keep the
attribute spellings (camelCase) the SDK reads.
"""

from __future__ import annotations

from collections.abc import Mapping

from databricks.sdk import WorkspaceClient
from databricks.sdk.service import iam

from data_iac.emulator.server import Emulator
from data_iac.providers.base import ResourceHandler
from tests.wire.shapes import mismatches, unknown_fields
from tests.wire.wire import body_of, create, sent

SCIM = r"/api/2\.0/preview/scim/v2"


def test_user_group_and_service_principal(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    requests = sent(emulator)
    user = create(
        handlers, "databricks_user", "ada", {"user_name": "ada@example.com", "display_name": "Ada"}
    )
    body = body_of(requests, "POST", rf"{SCIM}/Users")
    assert mismatches(body, {"userName": str}) == []
    assert unknown_fields(body, iam.User) == []

    app_id = "11111111-2222-3333-4444-555555555555"
    create(
        handlers,
        "databricks_service_principal",
        "etl",
        {"application_id": app_id, "display_name": "etl"},
    )
    body = body_of(requests, "POST", rf"{SCIM}/ServicePrincipals")
    assert mismatches(body, {"applicationId": str, "displayName": str}) == []
    assert unknown_fields(body, iam.ServicePrincipal) == []

    group = create(
        handlers, "databricks_group", "eng", {"display_name": "eng", "members": ["ada@example.com"]}
    )
    sent_bodies = [r.json() for r in requests if r.path.endswith("/Groups") or "/Groups/" in r.path]
    assert sent_bodies and all(
        unknown_fields(b, iam.Group) == [] for b in sent_bodies if "displayName" in b
    )
    answer = w.api_client.do("GET", f"/api/2.0/preview/scim/v2/Groups/{group.remote_id}")
    assert mismatches(answer, {"id": str, "displayName": str, "members": [{"value": str}]}) == []
    assert answer["members"][0]["value"] == user.remote_id
    assert unknown_fields(answer, iam.Group) == []
