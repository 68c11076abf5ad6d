"""The emulator authenticates like Databricks: OAuth discovery and token endpoints for the
workspace and the account, client credentials, token federation, and refusals with the real
bodies. Driven through the real SDK's unified auth (databricks-sdk 0.162)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from databricks.sdk.errors import PermissionDenied

from data_iac.emulator.databricks.tokens import ACCOUNT_ID
from data_iac.emulator.server import Emulator, EmulatorOptions
from tests.auth_helpers import (
    account_client,
    account_host,
    advance_clock,
    deployer,
    id_token,
    new_service_principal,
    workspace_client,
)
from tests.shared_emulator import emptied, running

GITHUB = "https://token.actions.githubusercontent.com"
SUBJECT = "repo:acme/lakehouse:environment:prod"


@pytest.fixture(scope="module")
def _oauth_emulator() -> Iterator[Emulator]:
    yield from running()


@pytest.fixture
def emu(_oauth_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    for name in ("DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_CLIENT_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABRICKS_CONFIG_FILE", "/nonexistent/databrickscfg")
    yield from emptied(_oauth_emulator)


def test_discovery_documents_name_the_token_endpoints(emu: Emulator) -> None:
    # Paths from databricks-sdk oauth.py get_workspace_endpoints / get_account_endpoints.
    ws = requests.get(f"{emu.url}/oidc/.well-known/oauth-authorization-server", timeout=5)
    assert ws.json()["token_endpoint"] == f"{emu.url}/oidc/v1/token"
    acct_root = f"{account_host(emu)}/oidc/accounts/{ACCOUNT_ID}"
    acct = requests.get(f"{acct_root}/.well-known/oauth-authorization-server", timeout=5)
    assert acct.json()["token_endpoint"] == f"{acct_root}/v1/token"
    meta = requests.get(f"{account_host(emu)}/.well-known/databricks-config", timeout=5).json()
    assert meta["oidc_endpoint"].endswith("/oidc/accounts/{account_id}")
    assert "workspace_id" not in meta  # an account host: the SDK scopes tokens to the account


def test_m2m_on_workspace_and_account_with_principals_made_through_the_apis(
    emu: Emulator,
) -> None:
    boot = deployer(emu)
    admin = account_client(emu, boot.client_id, boot.client_secret)
    ci = new_service_principal(admin, "ci-deployer")
    w = workspace_client(emu, client_id=ci.client_id, client_secret=ci.client_secret)
    assert w.config.auth_type == "oauth-m2m"
    w.catalogs.create("sales")
    a = account_client(emu, ci.client_id, ci.client_secret)
    assert [g.display_name for g in a.groups.list()] == []
    grants = [r for r in emu.request_log() if r.path.endswith("/v1/token")]
    assert {r.path.split("/oidc")[0] for r in grants} == {"", "/accounts"}


def test_a_workspace_principal_gets_its_secret_from_the_workspace_proxy(emu: Emulator) -> None:
    pat = workspace_client(emu, token="dapi-admin", auth_type="pat")
    principal = pat.service_principals.create(display_name="ws-bot")
    secret = pat.service_principal_secrets_proxy.create(service_principal_id=str(principal.id))
    assert secret.secret and secret.secret.startswith("dose")
    listed = list(pat.service_principal_secrets_proxy.list(service_principal_id=str(principal.id)))
    assert [s.id for s in listed] == [secret.id] and listed[0].status == "ACTIVE"
    bot = workspace_client(emu, client_id=principal.application_id, client_secret=secret.secret)
    assert bot.current_user.me().user_name


def test_wrong_and_revoked_secrets_are_refused_by_the_token_endpoint(emu: Emulator) -> None:
    boot = deployer(emu)
    admin = account_client(emu, boot.client_id, boot.client_secret)
    ci = new_service_principal(admin, "ci")
    # RFC 6749 5.2 body; the SDK's oauth.retrieve_token reads error / error_description.
    answer = requests.post(
        f"{emu.url}/oidc/v1/token",
        data={"grant_type": "client_credentials"},
        auth=(ci.client_id, "dose-wrong"),
        timeout=5,
    )
    assert answer.status_code == 401
    assert answer.json() == {
        "error": "invalid_client",
        "error_description": "Client authentication failed",
    }
    admin.service_principal_secrets.delete(service_principal_id=ci.id, secret_id=ci.secret_id)
    w = workspace_client(emu, client_id=ci.client_id, client_secret=ci.client_secret)
    with pytest.raises(ValueError, match="invalid_client: Client authentication failed"):
        w.catalogs.list().__next__()


def test_a_principal_not_assigned_to_the_workspace_gets_no_workspace_token(emu: Emulator) -> None:
    boot = deployer(emu)
    admin = account_client(emu, boot.client_id, boot.client_secret)
    loner = new_service_principal(admin, "loner", assign=None)
    w = workspace_client(emu, client_id=loner.client_id, client_secret=loner.client_secret)
    with pytest.raises(ValueError, match="not assigned to this workspace"):
        list(w.catalogs.list())
    a = account_client(emu, loner.client_id, loner.client_secret)
    assert list(a.users.list()) == []


def test_account_paths_take_oauth_only_with_the_real_bodies(emu: Emulator) -> None:
    url = f"{account_host(emu)}/api/2.0/accounts/{ACCOUNT_ID}/scim/v2/Groups"
    # platform-apis.md B.10: no credential / unsupported type -> 401, numeric error_code.
    for headers in ({}, {"Authorization": "Bearer dapi-a-personal-token"}):
        answer = requests.get(url, headers=headers, timeout=5)
        assert answer.status_code == 401
        assert answer.json() == {
            "error_code": 401,
            "message": "Credential was not sent or was of an unsupported type for this API.",
        }
    forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
    answer = requests.get(url, headers={"Authorization": f"Bearer {forged}"}, timeout=5)
    # B.10: a bad or expired token -> 403 "Invalid access token." and the reason header.
    assert answer.status_code == 403
    assert answer.json() == {"error_code": 403, "message": "Invalid access token."}
    assert answer.headers["X-Databricks-Reason-Phrase"] == "Invalid access token."


def test_an_account_token_from_another_account_path_is_refused(emu: Emulator) -> None:
    boot = deployer(emu)
    grant = requests.post(
        f"{account_host(emu)}/oidc/accounts/{ACCOUNT_ID}/v1/token",
        data={"grant_type": "client_credentials", "scope": "all-apis"},
        auth=(boot.client_id, boot.client_secret),
        timeout=5,
    ).json()
    assert grant["token_type"] == "Bearer" and grant["expires_in"] == 3600
    other = (
        f"{account_host(emu)}/api/2.0/accounts/00000000-0000-0000-0000-000000000000/scim/v2/Users"
    )
    answer = requests.get(
        other, headers={"Authorization": f"Bearer {grant['access_token']}"}, timeout=5
    )
    assert answer.status_code == 403


def test_an_expired_token_is_refused_once_the_clock_moves(emu: Emulator) -> None:
    boot = deployer(emu)
    grant = requests.post(
        f"{emu.url}/oidc/v1/token",
        data={"grant_type": "client_credentials"},
        auth=(boot.client_id, boot.client_secret),
        timeout=5,
    ).json()
    headers = {"Authorization": f"Bearer {grant['access_token']}"}
    url = f"{emu.url}/api/2.1/unity-catalog/catalogs"
    assert requests.get(url, headers=headers, timeout=5).status_code == 200
    advance_clock(emu, 3601)
    answer = requests.get(url, headers=headers, timeout=5)
    assert answer.status_code == 403
    assert answer.json()["message"] == "Invalid access token."


def test_workspace_paths_take_any_pat_by_default_and_known_ones_when_required() -> None:
    with Emulator(options=EmulatorOptions(require_known_tokens=True)) as strict:
        anyone = workspace_client(strict, token="dapi-made-up", auth_type="pat")
        with pytest.raises(PermissionDenied, match="Invalid access token"):
            list(anyone.catalogs.list())
        boot = deployer(strict)
        sp = workspace_client(strict, client_id=boot.client_id, client_secret=boot.client_secret)
        created = sp.tokens.create(comment="ci", lifetime_seconds=600)
        holder = workspace_client(strict, token=created.token_value, auth_type="pat")
        assert list(holder.catalogs.list()) == []
        advance_clock(strict, 601)
        with pytest.raises(PermissionDenied):
            list(holder.catalogs.list())


def test_no_credential_on_a_workspace_path_is_401(emu: Emulator) -> None:
    answer = requests.get(f"{emu.url}/api/2.1/unity-catalog/catalogs", timeout=5)
    assert answer.status_code == 401 and answer.json()["error_code"] == 401
    basic = requests.get(
        f"{emu.url}/api/2.1/unity-catalog/catalogs", auth=("user", "password"), timeout=5
    )
    assert basic.status_code == 401  # a credential of an unsupported type


def _federate(emu: Emulator, subject: str = SUBJECT) -> tuple[str, str]:
    """A service principal trusting GitHub's issuer for ``subject``; returns its client id."""
    from databricks.sdk.service.oauth2 import FederationPolicy, OidcFederationPolicy

    boot = deployer(emu)
    admin = account_client(emu, boot.client_id, boot.client_secret)
    principal = new_service_principal(admin, "gh-actions")
    admin.service_principal_federation_policy.create(
        service_principal_id=int(principal.id),
        policy=FederationPolicy(oidc_policy=OidcFederationPolicy(issuer=GITHUB, subject=subject)),
    )
    return principal.client_id, principal.id


def test_federated_token_exchange_through_env_oidc(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    client_id, _ = _federate(emu)
    monkeypatch.setenv("DATABRICKS_OIDC_TOKEN", id_token(emu, iss=GITHUB, sub=SUBJECT))
    w = workspace_client(emu, client_id=client_id, auth_type="env-oidc")
    w.catalogs.create("federated")
    a = _env_account_client(emu, client_id)
    assert a.config.auth_type == "env-oidc"
    assert list(a.groups.list()) == []


def _env_account_client(emu: Emulator, client_id: str):
    from databricks.sdk import AccountClient
    from databricks.sdk.core import Config

    return AccountClient(
        config=Config(
            host=account_host(emu),
            account_id=ACCOUNT_ID,
            client_id=client_id,
            auth_type="env-oidc",
            retry_timeout_seconds=5,
        )
    )


def test_github_actions_oidc_through_the_sdk_supplier(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    client_id, _ = _federate(emu)
    # GitHubOIDCTokenSupplier GETs ACTIONS_ID_TOKEN_REQUEST_URL + "&audience=..." with the
    # request token as Bearer and reads {"value": JWT} (databricks-sdk oidc_token_supplier.py).
    request_url = f"{emu.url}/__emu/idp/token?iss={GITHUB}&sub={SUBJECT}"
    monkeypatch.setenv("ACTIONS_ID_TOKEN_REQUEST_URL", request_url)
    monkeypatch.setenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "gh-runner-token")
    w = workspace_client(emu, client_id=client_id)
    assert w.config.auth_type == "github-oidc"
    assert list(w.catalogs.list()) == []


@pytest.mark.parametrize(
    ("iss", "sub", "forge"),
    [
        (GITHUB, "repo:acme/other:environment:prod", False),
        ("https://gitlab.example.com", SUBJECT, False),
        (GITHUB, SUBJECT, True),
    ],
    ids=["wrong-subject", "untrusted-issuer", "bad-signature"],
)
def test_federation_refuses_tokens_the_policy_does_not_trust(
    emu: Emulator, iss: str, sub: str, forge: bool
) -> None:
    client_id, _ = _federate(emu)
    token = id_token(emu, iss=iss, sub=sub)
    if forge:
        token = token.rsplit(".", 1)[0] + ".AAAA"
    answer = requests.post(
        f"{emu.url}/oidc/v1/token",
        data={
            "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
            "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
            "subject_token": token,
            "client_id": client_id,
        },
        timeout=5,
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"


def test_short_token_lifetime_makes_the_sdk_fetch_fresh_tokens() -> None:
    # The SDK treats a token as expired 40 s before its expiry (oauth.Token.expired), so a
    # 30 s lifetime makes it fetch a token before every request: refresh is exercised.
    with Emulator(options=EmulatorOptions(token_lifetime_seconds=30)) as short:
        boot = deployer(short)
        w = workspace_client(short, client_id=boot.client_id, client_secret=boot.client_secret)
        for name in ("a", "b", "c"):
            w.catalogs.create(name)
        grants = [r for r in short.request_log() if r.path == "/oidc/v1/token"]
        assert len(grants) >= 3
