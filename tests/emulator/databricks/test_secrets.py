"""Secret scopes, secrets and ACLs through the real SDK."""
# ruff: noqa: F811 - pytest fixtures imported from core_fixtures are parameters here

from __future__ import annotations

import pytest
from databricks.sdk.errors import BadRequest, NotFound, ResourceAlreadyExists, ResourceDoesNotExist
from databricks.sdk.service import workspace as ws

from tests.emulator.databricks.core_fixtures import (  # noqa: F401 - fixtures
    _core_emulator,
    core,
    cw,
)
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture


def test_scope_create_list_delete_with_captured_bodies(core, cw) -> None:
    sent = capture(core)
    cw.secrets.create_scope("sc")
    assert bodies(sent) == [{"scope": "sc"}]
    assert [(s.name, s.backend_type) for s in cw.secrets.list_scopes()] == [
        ("sc", ws.ScopeBackendType.DATABRICKS)
    ]
    raw = cw.api_client.do("GET", "/api/2.0/secrets/scopes/list")
    assert_round_trips(ws.ListScopesResponse, raw)
    cw.secrets.delete_scope("sc")
    assert bodies(sent)[-1] == {"scope": "sc"}
    assert list(cw.secrets.list_scopes()) == []


def test_duplicate_and_missing_scopes(cw) -> None:
    cw.secrets.create_scope("sc")
    with pytest.raises(ResourceAlreadyExists, match="Scope sc already exists!"):
        cw.secrets.create_scope("sc")
    with pytest.raises(ResourceDoesNotExist, match="Scope nope does not exist!"):
        cw.secrets.delete_scope("nope")
    with pytest.raises(BadRequest):
        cw.secrets.create_scope("bad name")


def test_secret_values_are_never_listed(core, cw) -> None:
    cw.secrets.create_scope("sc")
    sent = capture(core)
    cw.secrets.put_secret("sc", "k", string_value="v")
    assert bodies(sent) == [{"key": "k", "scope": "sc", "string_value": "v"}]
    raw = cw.api_client.do("GET", "/api/2.0/secrets/list", query={"scope": "sc"})
    assert raw["secrets"][0].keys() == {"key", "last_updated_timestamp"}
    assert_round_trips(ws.ListSecretsResponse, raw)
    first = next(iter(cw.secrets.list_secrets("sc"))).last_updated_timestamp
    cw.secrets.put_secret("sc", "k", string_value="v2")
    assert (next(iter(cw.secrets.list_secrets("sc"))).last_updated_timestamp or 0) > (first or 0)
    cw.secrets.delete_secret("sc", "k")
    assert list(cw.secrets.list_secrets("sc")) == []
    with pytest.raises(NotFound):
        cw.secrets.delete_secret("sc", "k")


def test_put_needs_exactly_one_value(cw) -> None:
    cw.secrets.create_scope("sc")
    with pytest.raises(BadRequest):
        cw.secrets.put_secret("sc", "k")


def test_acls_put_get_list_delete(core, cw) -> None:
    cw.secrets.create_scope("sc", initial_manage_principal="users")
    sent = capture(core)
    cw.secrets.put_acl("sc", "data-eng", ws.AclPermission.READ)
    assert bodies(sent) == [{"permission": "READ", "principal": "data-eng", "scope": "sc"}]
    assert cw.secrets.get_acl("sc", "data-eng").permission == ws.AclPermission.READ
    listed = {a.principal: a.permission for a in cw.secrets.list_acls("sc")}
    assert listed == {
        "data-eng": ws.AclPermission.READ,
        "emulator-user@example.com": ws.AclPermission.MANAGE,
        "users": ws.AclPermission.MANAGE,
    }
    raw = cw.api_client.do("GET", "/api/2.0/secrets/acls/list", query={"scope": "sc"})
    assert_round_trips(ws.ListAclsResponse, raw)
    cw.secrets.delete_acl("sc", "data-eng")
    with pytest.raises(ResourceDoesNotExist):
        cw.secrets.get_acl("sc", "data-eng")


def test_get_acl_round_trips(cw) -> None:
    cw.secrets.create_scope("sc")
    raw = cw.api_client.do(
        "GET",
        "/api/2.0/secrets/acls/get",
        query={"scope": "sc", "principal": "emulator-user@example.com"},
    )
    assert_round_trips(ws.AclItem, raw)
