"""Authentication as CI runs it, end to end: ``iac emulator serve`` in a subprocess, a stack
with workspace and account resources, planned and applied by ``iac`` subprocesses as a
service principal (OAuth M2M, then OIDC federation with no secret); a revoked secret fails
fast and clearly; no secret or token is in any output, the state or the saved plan."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.iac_process import iac

pytestmark = pytest.mark.slow

GITHUB = "https://token.actions.githubusercontent.com"
SUBJECT = "repo:acme/lakehouse:environment:prod"
STACK = """\
name: ci-auth
variables:
  workspace_id: "1234567890123456"
resources:
  providers:
    databricks:
      host: {url}
    databricks.account:
      host: {url}/accounts
      account_id: {account_id}
  groups:
    grp-readers:
      display_name: readers
      workspace_permission_assignments:
        - workspace_id: ${{vars.workspace_id}}
          permissions: [USER]
      resource_options:
        provider: ${{resources.databricks.account}}
  catalogs:
    cat-sales:
      name: sales
      comment: {comment}
      grants:
        - principal: readers
          privileges: [USE_CATALOG]
"""


@dataclass
class Served:
    url: str
    client_id: str
    client_secret: str
    account_id: str
    output: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """``iac emulator serve`` on a free port; what it printed about authentication."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABRICKS_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "data_iac", "emulator", "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(6)]
        text = "".join(lines)
        client_id = re.search(r"DATABRICKS_CLIENT_ID=(\S+)", text)
        secret = re.search(r"DATABRICKS_CLIENT_SECRET=(\S+)", text)
        account = re.search(r"DATABRICKS_ACCOUNT_ID=(\S+)", text)
        assert client_id and secret and account, text
        yield Served(
            f"http://127.0.0.1:{port}",
            client_id.group(1),
            secret.group(1),
            account.group(1),
            text,
        )
    finally:
        process.terminate()
        process.wait(timeout=30)


def _ci_principal(served: Served) -> tuple[str, str, str, str]:
    """A CI service principal made as an admin would: account SCIM, secret, assignment,
    federation policy. Returns (its id, client id, secret, secret id)."""
    from databricks.sdk import AccountClient
    from databricks.sdk.core import Config
    from databricks.sdk.service.iam import WorkspacePermission
    from databricks.sdk.service.oauth2 import FederationPolicy, OidcFederationPolicy

    admin = AccountClient(
        config=Config(
            host=f"{served.url}/accounts",
            account_id=served.account_id,
            client_id=served.client_id,
            client_secret=served.client_secret,
            retry_timeout_seconds=5,
        )
    )
    principal = admin.service_principals.create(display_name="ci")
    secret = admin.service_principal_secrets.create(service_principal_id=str(principal.id))
    admin.workspace_assignment.update(
        workspace_id=1234567890123456,
        principal_id=int(principal.id or 0),
        permissions=[WorkspacePermission.ADMIN],
    )
    admin.service_principal_federation_policy.create(
        service_principal_id=int(principal.id or 0),
        policy=FederationPolicy(oidc_policy=OidcFederationPolicy(issuer=GITHUB, subject=SUBJECT)),
    )
    return str(principal.id), str(principal.application_id), str(secret.secret), str(secret.id)


def _write_stack(tmp_path: Path, served: Served, comment: str) -> None:
    config = tmp_path / "cfg"
    config.mkdir(exist_ok=True)
    text = STACK.format(url=served.url, account_id=served.account_id, comment=comment)
    (config / "stack.yaml").write_text(text, encoding="utf-8")


def test_serve_prints_how_to_authenticate(served: Served) -> None:
    assert f"DATABRICKS_HOST={served.url}/accounts" in served.output
    assert "DATABRICKS_TOKEN=<any>" in served.output


def test_ci_with_oauth_then_federation_then_a_revoked_secret(
    tmp_path: Path, served: Served
) -> None:
    principal_id, client_id, secret, secret_id = _ci_principal(served)
    m2m = {"DATABRICKS_CLIENT_ID": client_id, "DATABRICKS_CLIENT_SECRET": secret}
    outputs: list[str] = []

    def run(*args: str, env: dict[str, str], expect: int) -> subprocess.CompletedProcess[str]:
        done = iac(tmp_path, *args, "--no-color", extra_env=env)
        outputs.append(done.stdout + done.stderr)
        assert done.returncode == expect, done.stdout + done.stderr
        return done

    _write_stack(tmp_path, served, "v1")
    run("plan", "-c", "cfg", "-out", "plan.json", env=m2m, expect=2)
    run("apply", "-c", "cfg", "plan.json", env=m2m, expect=0)
    run("plan", "-c", "cfg", env=m2m, expect=0)

    # GitHub Actions: no secret at all; the SDK asks the runner for its OIDC token.
    federated = {
        "DATABRICKS_CLIENT_ID": client_id,
        "ACTIONS_ID_TOKEN_REQUEST_URL": f"{served.url}/__emu/idp/token?sub={SUBJECT}",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "runner-request-token",
    }
    _write_stack(tmp_path, served, "v2")
    run("apply", "-c", "cfg", "--auto-approve", env=federated, expect=0)
    run("plan", "-c", "cfg", env=federated, expect=0)

    _revoke(served, principal_id, secret_id)
    started = time.monotonic()
    failed = run("plan", "-c", "cfg", env=m2m, expect=1)
    assert time.monotonic() - started < 30  # a subprocess on a loaded machine; no retries
    assert "oauth-m2m" in failed.stderr and "DATABRICKS_CLIENT_SECRET" in failed.stderr
    assert "Traceback" not in failed.stderr

    # What data-iac stored (state, journal, backups, the saved plan); .iac/emulator/ is the
    # service's own data (``serve`` ran in this directory), not ours.
    ours = [p for p in (tmp_path / ".iac").rglob("*") if p.is_file() and "emulator" not in p.parts]
    files = [*ours, tmp_path / "plan.json"]
    stored = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    state = json.loads(next((tmp_path / ".iac" / "state").rglob("*.json")).read_text())
    assert any(a.endswith("grp-readers.1234567890123456") for a in state["resources"])
    for text in [*outputs, stored]:
        assert secret not in text
        assert served.client_secret not in text
        assert not re.search(r"eyJ[\w-]+\.[\w-]+\.[\w-]+", text)  # no OAuth token (a JWT)


def _revoke(served: Served, principal_id: str, secret_id: str) -> None:
    from databricks.sdk import AccountClient
    from databricks.sdk.core import Config

    admin = AccountClient(
        config=Config(
            host=f"{served.url}/accounts",
            account_id=served.account_id,
            client_id=served.client_id,
            client_secret=served.client_secret,
            retry_timeout_seconds=5,
        )
    )
    admin.service_principal_secrets.delete(service_principal_id=principal_id, secret_id=secret_id)
