"""Every auth method the SDK's unified auth offers, end to end through ``connect`` against
the emulator: PAT, OAuth M2M (settings, variables, profiles), OIDC federation, the account
console; refused credentials fail fast and clearly; an expired token is refreshed mid-run."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_iac.emulator.databricks.tokens import ACCOUNT_ID
from data_iac.emulator.server import Emulator
from data_iac.errors import ProviderPermissionError
from data_iac.providers.databricks.client import connect, connect_account
from tests.auth_helpers import (
    Principal,
    account_client,
    account_host,
    advance_clock,
    deployer,
    id_token,
    new_service_principal,
)
from tests.shared_emulator import emptied, running

GITHUB = "https://token.actions.githubusercontent.com"
SUBJECT = "repo:acme/lakehouse:ref:refs/heads/main"
FAST = {"retry_timeout_seconds": 5, "http_timeout_seconds": 10, "connect_timeout": 2}


@pytest.fixture(scope="module")
def _auth_emulator() -> Iterator[Emulator]:
    yield from running()


@pytest.fixture
def emu(
    _auth_emulator: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Emulator]:
    for name in [k for k in os.environ if k.startswith(("DATABRICKS_", "ACTIONS_ID_TOKEN"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DATABRICKS_CONFIG_FILE", str(tmp_path / "absent.cfg"))
    yield from emptied(_auth_emulator)


@pytest.fixture
def ci(emu: Emulator) -> Principal:
    """A CI service principal made through the account APIs, assigned to the workspace."""
    boot = deployer(emu)
    return new_service_principal(account_client(emu, boot.client_id, boot.client_secret), "ci")


def test_oauth_m2m_from_settings(emu: Emulator, ci: Principal) -> None:
    client = connect(
        {"host": emu.url, "client_id": ci.client_id, "client_secret": ci.client_secret, **FAST}
    )
    assert client.auth_type == "oauth-m2m"
    client.call("uc", client.w.catalogs.create, "m2m")
    assert [c.name for c in client.w.catalogs.list()] == ["m2m"]


def test_oauth_m2m_from_variables_even_beside_a_pat_setting(
    emu: Emulator, ci: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABRICKS_HOST", emu.url)
    monkeypatch.setenv("DATABRICKS_CLIENT_ID", ci.client_id)
    monkeypatch.setenv("DATABRICKS_CLIENT_SECRET", ci.client_secret)
    assert connect(FAST).auth_type == "oauth-m2m"
    # A token given in config pins PAT auth: leftover OAuth variables do not conflict.
    assert connect({"host": emu.url, "token": "dapi-x", **FAST}).auth_type == "pat"


@pytest.mark.parametrize("by", ["setting", "variable"])
def test_profile_from_databrickscfg(
    emu: Emulator, ci: Principal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by: str
) -> None:
    cfg = tmp_path / "databrickscfg"
    cfg.write_text(
        f"[ci]\nhost = {emu.url}\nclient_id = {ci.client_id}\nclient_secret = {ci.client_secret}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DATABRICKS_CONFIG_FILE", str(cfg))
    settings: dict[str, object] = dict(FAST)
    if by == "setting":
        settings["profile"] = "ci"
    else:
        monkeypatch.setenv("DATABRICKS_CONFIG_PROFILE", "ci")
    client = connect(settings)
    assert client.auth_type == "oauth-m2m" and client.host == emu.url


def test_oidc_federation_from_an_id_token_variable(
    emu: Emulator, ci: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    _trust_github(emu, ci)
    monkeypatch.setenv("DATABRICKS_OIDC_TOKEN", id_token(emu, iss=GITHUB, sub=SUBJECT))
    client = connect({"host": emu.url, "client_id": ci.client_id, "auth_type": "env-oidc", **FAST})
    client.call("uc", client.w.catalogs.create, "federated")
    exchanges = [r for r in emu.request_log() if r.path == "/oidc/v1/token"]
    assert exchanges and all(r.status == 200 for r in exchanges)


def test_github_actions_federation_needs_no_secret(
    emu: Emulator, ci: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    _trust_github(emu, ci)
    monkeypatch.setenv("ACTIONS_ID_TOKEN_REQUEST_URL", f"{emu.url}/__emu/idp/token?sub={SUBJECT}")
    monkeypatch.setenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "runner-token")
    monkeypatch.setenv("DATABRICKS_HOST", emu.url)
    monkeypatch.setenv("DATABRICKS_CLIENT_ID", ci.client_id)
    client = connect(FAST)
    assert client.auth_type == "github-oidc"
    account = connect_account(
        {"host": account_host(emu), "account_id": ACCOUNT_ID, "client_id": ci.client_id, **FAST}
    )
    assert account.auth_type == "github-oidc"
    assert list(account.a.groups.list()) == []


def test_account_console_with_oauth_m2m(emu: Emulator, ci: Principal) -> None:
    account = connect_account(
        {
            "host": account_host(emu),
            "account_id": ACCOUNT_ID,
            "client_id": ci.client_id,
            "client_secret": ci.client_secret,
            **FAST,
        }
    )
    created = account.call("account-scim", account.a.groups.create, display_name="analysts")
    assert created.display_name == "analysts" and account.account_id == ACCOUNT_ID


def test_account_console_refuses_a_pat_clearly(emu: Emulator) -> None:
    account = connect_account(
        {"host": account_host(emu), "account_id": ACCOUNT_ID, "token": "dapi-x", **FAST}
    )
    with pytest.raises(ProviderPermissionError, match="unsupported type") as caught:
        account.call("account-scim", lambda: list(account.a.groups.list()))
    assert "token" in caught.value.hint


def test_a_revoked_secret_fails_fast_naming_the_method_and_never_the_secret(
    emu: Emulator, ci: Principal
) -> None:
    boot = deployer(emu)
    admin = account_client(emu, boot.client_id, boot.client_secret)
    admin.service_principal_secrets.delete(service_principal_id=ci.id, secret_id=ci.secret_id)
    started = time.monotonic()
    with pytest.raises(ProviderPermissionError) as caught:
        connect(
            {"host": emu.url, "client_id": ci.client_id, "client_secret": ci.client_secret, **FAST}
        )
    assert time.monotonic() - started < 5
    error = caught.value
    text = f"{error}\n{error.hint}\n{error.detail}"
    assert "oauth-m2m" in text and "invalid_client" in text
    assert "DATABRICKS_CLIENT_SECRET" in error.hint
    assert ci.client_secret not in text


def test_an_expired_token_is_refreshed_during_a_long_run(emu: Emulator, ci: Principal) -> None:
    client = connect(
        {"host": emu.url, "client_id": ci.client_id, "client_secret": ci.client_secret, **FAST}
    )
    client.call("uc", client.w.catalogs.create, "first")
    advance_clock(emu, 3601)  # the cached token is now expired on the service's clock
    emu.clear_requests()
    client.call("uc", client.w.catalogs.create, "second")
    client.call("uc", client.w_no_retry.catalogs.create, "third")
    served = [(r.path, r.status) for r in emu.request_log()]
    assert served[0] == ("/api/2.1/unity-catalog/catalogs", 403)
    assert ("/oidc/v1/token", 200) in served
    assert served[-1] == ("/api/2.1/unity-catalog/catalogs", 200)
    assert {c.name for c in client.w.catalogs.list()} == {"first", "second", "third"}


def _trust_github(emu: Emulator, principal: Principal) -> None:
    from databricks.sdk.service.oauth2 import FederationPolicy, OidcFederationPolicy

    boot = deployer(emu)
    admin = account_client(emu, boot.client_id, boot.client_secret)
    admin.service_principal_federation_policy.create(
        service_principal_id=int(principal.id),
        policy=FederationPolicy(oidc_policy=OidcFederationPolicy(issuer=GITHUB, subject=SUBJECT)),
    )
