"""Helpers for authentication tests: real SDK clients on the emulator, and service principals
made the way a Databricks admin makes them (account SCIM + the secrets API), never by
writing the emulator's tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
from databricks.sdk import AccountClient, WorkspaceClient
from databricks.sdk.core import Config

from data_iac.emulator.databricks.common import WORKSPACE_ID
from data_iac.emulator.databricks.control import Deployer, ensure_deployer
from data_iac.emulator.databricks.tokens import ACCOUNT_HOST_PATH, ACCOUNT_ID
from data_iac.emulator.server import Emulator

__all__ = [
    "Principal",
    "account_client",
    "account_host",
    "advance_clock",
    "deployer",
    "id_token",
    "new_service_principal",
    "workspace_client",
]


@dataclass(frozen=True)
class Principal:
    id: str
    client_id: str
    client_secret: str
    secret_id: str


def account_host(emu: Emulator) -> str:
    return f"{emu.url}{ACCOUNT_HOST_PATH}"


def deployer(emu: Emulator) -> Deployer:
    """What the embedded emulator and ``iac emulator serve`` create at start."""
    return ensure_deployer(emu.service("databricks").ctx)  # type: ignore[attr-defined]


def _config(**kwargs: Any) -> Config:
    return Config(retry_timeout_seconds=5, http_timeout_seconds=10, **kwargs)


def account_client(emu: Emulator, client_id: str, client_secret: str) -> AccountClient:
    return AccountClient(
        config=_config(
            host=account_host(emu),
            account_id=ACCOUNT_ID,
            client_id=client_id,
            client_secret=client_secret,
        )
    )


def workspace_client(emu: Emulator, **auth: Any) -> WorkspaceClient:
    return WorkspaceClient(config=_config(host=emu.url, **auth))


def new_service_principal(
    admin: AccountClient, name: str, *, assign: str | None = "USER"
) -> Principal:
    """An account service principal with one OAuth secret, assigned to the workspace."""
    from databricks.sdk.service.iam import WorkspacePermission

    principal = admin.service_principals.create(display_name=name)
    secret = admin.service_principal_secrets.create(service_principal_id=str(principal.id))
    if assign:
        admin.workspace_assignment.update(
            workspace_id=int(WORKSPACE_ID),
            principal_id=int(principal.id or 0),
            permissions=[WorkspacePermission(assign)],
        )
    return Principal(
        str(principal.id), str(principal.application_id), str(secret.secret), str(secret.id)
    )


def advance_clock(emu: Emulator, seconds: float) -> None:
    """Move the emulator's auth clock through its control plane (no sleeping)."""
    answer = requests.post(f"{emu.url}/__emu/clock", json={"advance_seconds": seconds}, timeout=5)
    answer.raise_for_status()


def id_token(emu: Emulator, *, iss: str, sub: str, audience: str = ACCOUNT_ID) -> str:
    """An ID token from the emulator's test identity provider (a CI system's OIDC token)."""
    query = {"iss": iss, "sub": sub, "audience": audience}
    answer = requests.get(f"{emu.url}/__emu/idp/token", params=query, timeout=5)
    answer.raise_for_status()
    return str(answer.json()["value"])
