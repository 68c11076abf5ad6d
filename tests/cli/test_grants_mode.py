"""``grants_mode``: additive leaves unlisted principals alone; authoritative revokes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from tests.auth_helpers import account_client, deployer
from tests.cli.iac_process import iac

STACK = """\
name: grants
resources:
  catalogs:
    cat-sales:
      name: sales
      {mode}
      grants:
        - principal: account users
          privileges: [USE_CATALOG]
"""


def grant_out_of_band(workdir: Path, principal: str, privilege: str) -> None:
    """Someone clicks in the UI: a grant data-iac did not make, through the real SDK."""
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.config import Config
    from databricks.sdk.service.catalog import PermissionsChange, Privilege

    with Emulator(data_dir=workdir / ".iac" / "emulator") as emu:
        boot = deployer(emu)  # an account group: Unity Catalog grants name account principals
        account_client(emu, boot.client_id, boot.client_secret).groups.create(
            display_name=principal
        )
        w = WorkspaceClient(config=Config(host=emu.url, token="t", auth_type="pat"))
        w.grants.update(
            "catalog",
            "sales",
            changes=[PermissionsChange(principal=principal, add=[Privilege(privilege)])],
        )


def privileges(workdir: Path) -> dict[str, list[str]]:
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.config import Config

    with Emulator(data_dir=workdir / ".iac" / "emulator") as emu:
        w = WorkspaceClient(config=Config(host=emu.url, token="t", auth_type="pat"))
        found = w.grants.get("catalog", "sales").privilege_assignments or []
        return {str(a.principal): sorted(str(p.value) for p in a.privileges or []) for a in found}


@pytest.mark.parametrize("mode", ["", "grants_mode: additive"])
def test_additive_grants_leave_other_principals_alone(tmp_path: Path, mode: str):
    (tmp_path / "stack.yaml").write_text(STACK.format(mode=mode))
    assert (
        iac(tmp_path, "apply", "-c", "stack.yaml", "--emulator", "--auto-approve").returncode == 0
    )
    grant_out_of_band(tmp_path, "auditors", "BROWSE")
    plan = iac(tmp_path, "plan", "-c", "stack.yaml", "--emulator")
    assert plan.returncode == 0, plan.stdout
    assert privileges(tmp_path) == {"account users": ["USE_CATALOG"], "auditors": ["BROWSE"]}


def test_authoritative_grants_revoke_what_is_not_listed_and_say_so(tmp_path: Path):
    (tmp_path / "stack.yaml").write_text(STACK.format(mode="grants_mode: authoritative"))
    assert (
        iac(tmp_path, "apply", "-c", "stack.yaml", "--emulator", "--auto-approve").returncode == 0
    )
    grant_out_of_band(tmp_path, "auditors", "BROWSE")
    plan = iac(tmp_path, "plan", "-c", "stack.yaml", "--emulator", "--json")
    assert plan.returncode == 2
    (change,) = json.loads(plan.stdout)["changes"]
    assert change["address"] == "databricks_grants.cat-sales"
    assert change["action"] == "update"
    shown = iac(tmp_path, "plan", "-c", "stack.yaml", "--emulator").stdout
    # shown before it happens, and as a revocation that needs an approval
    assert '- auditors = [\n              - "BROWSE",\n            ] -> null' in shown
    assert "databricks_grants.cat-sales: revoke BROWSE from auditors" in shown
    refused = iac(tmp_path, "apply", "-c", "stack.yaml", "--emulator", "--auto-approve")
    assert refused.returncode == 1 and "revoke BROWSE from auditors" in refused.stderr
    applied = iac(
        tmp_path, "apply", "-c", "stack.yaml", "--emulator", "--auto-approve", "--allow-destroy"
    )
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert privileges(tmp_path) == {"account users": ["USE_CATALOG"]}
    assert iac(tmp_path, "plan", "-c", "stack.yaml", "--emulator").returncode == 0
