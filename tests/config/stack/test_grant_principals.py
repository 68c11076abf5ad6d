"""The validate-time warning for a grant to a group the config makes in the workspace."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.config.stack.grant_principals import workspace_group_grant_warnings
from data_iac.model.resource import Resource

ACCOUNT = {"databricks": {"host": "https://w"}, "databricks.account": {"account_id": "a-1"}}


def _group(key: str, name: str, provider: str | None = None) -> Resource:
    return Resource(Address("databricks_group", key), {"display_name": name}, provider=provider)


def _grants(*principals: str) -> Resource:
    rows = [{"principal": p, "privileges": ["USE_CATALOG"]} for p in principals]
    return Resource(Address("databricks_grants", "cat"), {"grants": rows})


def test_a_grant_to_a_workspace_group_is_named() -> None:
    resources = [_group("grp-ws", "ws-readers"), _grants("ws-readers", "account users")]
    [warning] = workspace_group_grant_warnings(resources, ACCOUNT)
    assert "databricks_grants.cat grants to 'ws-readers'" in warning
    assert "databricks_group.grp-ws" in warning and "account provider" in warning


def test_account_groups_and_unknown_principals_are_fine() -> None:
    resources = [
        _group("grp-acct", "readers", provider="databricks.account"),
        _grants("readers", "someone-else"),
    ]
    assert workspace_group_grant_warnings(resources, ACCOUNT) == []


def test_the_default_provider_is_account_level_when_it_sets_account_id() -> None:
    providers = {"databricks": {"account_id": "a-1"}, "databricks.dev": {"host": "https://w"}}
    resources = [_group("grp", "readers"), _grants("readers")]
    assert workspace_group_grant_warnings(resources, providers) == []
    dev = [_group("grp", "readers", provider="databricks.dev"), _grants("readers")]
    assert len(workspace_group_grant_warnings(dev, providers)) == 1
