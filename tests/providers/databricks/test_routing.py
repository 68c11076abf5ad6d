"""Named providers (``databricks``, ``databricks.ALIAS``): account-level ones (``account_id``
set) serve the account's groups, users, service principals and workspace assignments through
``AccountClient``; workspace ones the rest. Through the real SDK against the emulator."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.emulator.databricks.common import WORKSPACE_ID
from data_iac.emulator.databricks.tokens import ACCOUNT_ID
from data_iac.emulator.server import Emulator
from data_iac.errors import ConfigError, ProviderError
from data_iac.model.provider_ids import ROUTING_FIELD
from data_iac.providers.databricks import make_handlers
from data_iac.providers.databricks._routing import split_remote_id
from tests.auth_helpers import account_client, account_host, deployer
from tests.shared_emulator import emptied, running

FAST = {"retry_timeout_seconds": 5, "http_timeout_seconds": 10, "connect_timeout": 2}


@pytest.fixture(scope="module")
def _routing_emulator() -> Iterator[Emulator]:
    yield from running()


@pytest.fixture
def emu(
    _routing_emulator: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Emulator]:
    for name in [k for k in os.environ if k.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DATABRICKS_CONFIG_FILE", str(tmp_path / "absent.cfg"))
    yield from emptied(_routing_emulator)


def _providers(emu: Emulator, default: str = "account") -> dict[str, dict[str, object]]:
    boot = deployer(emu)
    account = {
        "host": account_host(emu),
        "account_id": ACCOUNT_ID,
        "client_id": boot.client_id,
        "client_secret": boot.client_secret,
        **FAST,
    }
    workspace = {"host": emu.url, "token": "dapi-dev", **FAST}
    if default == "account":  # Laktory's unity-catalog quickstart: databricks = the account
        return {"databricks": account, "databricks.dev": workspace}
    return {"databricks": workspace, "databricks.account": account}


def test_account_group_and_workspace_catalog_in_one_config(emu: Emulator) -> None:
    handlers = make_handlers({"providers": _providers(emu)})
    group = handlers["databricks_group"].create(
        Address("databricks_group", "analysts"), {"display_name": "analysts"}
    )
    catalog = handlers["databricks_catalog"].create(
        Address("databricks_catalog", "dev"), {"name": "dev", ROUTING_FIELD: "databricks.dev"}
    )
    assert split_remote_id(group.remote_id) == ("databricks", group.remote_id)
    assert catalog.remote_id == "databricks.dev|dev"
    assert catalog.attributes[ROUTING_FIELD] == "databricks.dev"
    boot = deployer(emu)
    admin = account_client(emu, boot.client_id, boot.client_secret)
    assert [g.display_name for g in admin.groups.list()] == ["analysts"]
    read = handlers["databricks_catalog"].read(
        Address("databricks_catalog", "dev"), catalog.remote_id
    )
    assert read is not None and read.attributes[ROUTING_FIELD] == "databricks.dev"
    handlers["databricks_catalog"].delete(Address("databricks_catalog", "dev"), catalog)
    assert (
        handlers["databricks_catalog"].read(Address("databricks_catalog", "dev"), catalog.remote_id)
        is None
    )


def test_a_workspace_kind_on_an_account_provider_is_a_clear_error(emu: Emulator) -> None:
    handlers = make_handlers({"providers": _providers(emu)})
    with pytest.raises(ConfigError, match=r"account-level .* workspace object") as caught:
        handlers["databricks_catalog"].create(Address("databricks_catalog", "x"), {"name": "x"})
    assert "resource_options.provider" in caught.value.hint
    with pytest.raises(ConfigError, match="not configured"):
        handlers["databricks_catalog"].create(
            Address("databricks_catalog", "x"), {"name": "x", ROUTING_FIELD: "databricks.prd"}
        )


def test_workspace_assignment_of_an_account_group(emu: Emulator) -> None:
    handlers = make_handlers({"providers": _providers(emu, default="workspace")})
    group = handlers["databricks_group"].create(
        Address("databricks_group", "eng"),
        {"display_name": "eng", ROUTING_FIELD: "databricks.account"},
    )
    assert group.remote_id.startswith("databricks.account|")
    kind = "databricks_mws_permission_assignment"
    address = Address(kind, f"eng.{WORKSPACE_ID}")
    spec = {
        "workspace_id": int(WORKSPACE_ID),
        "principal_id": group.attributes["id"],
        "permissions": ["user"],
        ROUTING_FIELD: "databricks.account",
    }
    created = handlers[kind].create(address, spec)
    assert created.attributes["permissions"] == ["USER"]
    assert created.remote_id == f"databricks.account|{WORKSPACE_ID}|{group.attributes['id']}"
    updated = handlers[kind].update(address, created, {**spec, "permissions": ["ADMIN"]})
    assert updated.attributes["permissions"] == ["ADMIN"]
    handlers[kind].delete(address, updated)
    assert handlers[kind].read(address, created.remote_id) is None
    with pytest.raises(ConfigError, match="account console"):
        handlers[kind].create(address, {k: v for k, v in spec.items() if k != ROUTING_FIELD})


def test_unity_catalog_grants_name_account_groups_not_workspace_ones(emu: Emulator) -> None:
    handlers = make_handlers({"providers": _providers(emu, default="workspace")})
    handlers["databricks_catalog"].create(Address("databricks_catalog", "c"), {"name": "sales"})
    handlers["databricks_group"].create(
        Address("databricks_group", "acct"),
        {"display_name": "sales-readers", ROUTING_FIELD: "databricks.account"},
    )
    handlers["databricks_group"].create(
        Address("databricks_group", "ws"), {"display_name": "ws-readers"}
    )
    grants = handlers["databricks_grants"]

    def spec(principal: str) -> dict[str, object]:
        return {
            "securable_type": "catalog",
            "full_name": "sales",
            "grants": [{"principal": principal, "privileges": ["USE_CATALOG"]}],
            "grants_mode": "additive",
        }

    grants.create(Address("databricks_grants", "c"), spec("sales-readers"))
    # Workspace SCIM groups are workspace-local: Unity Catalog cannot find them
    # (platform-apis.md B.4; terraform-provider-databricks issues #1773, #5413).
    with pytest.raises(ProviderError, match="Could not find principal with name ws-readers"):
        grants.create(Address("databricks_grants", "c"), spec("ws-readers"))
