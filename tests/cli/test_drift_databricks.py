"""``iac drift`` against Databricks on the emulator: a deleted schema, an added grant and a
renamed job, each made with the real WorkspaceClient, are drift (exit 2) and the next
apply reverts them."""

from __future__ import annotations

from pathlib import Path

from data_iac.emulator import Emulator
from tests.refresh.support import dbx_stack, run_iac, run_json, workspace_client

__all__ = ["dbx_stack"]  # fixture used below


def _job_id(emulator: Emulator) -> int:
    [job] = list(workspace_client(emulator).jobs.list())
    return int(job.job_id or 0)


def test_out_of_band_edits_are_drift_and_apply_reverts_them(
    dbx_stack: Path, emulator: Emulator
) -> None:
    from databricks.sdk.service.catalog import PermissionsChange, Privilege
    from databricks.sdk.service.jobs import JobSettings

    assert run_json("drift", "-c", str(dbx_stack))[0] == 0
    w = workspace_client(emulator)
    w.schemas.delete("main.raw")
    w.grants.update(
        "catalog",
        "main",
        changes=[PermissionsChange(principal="data-eng", add=[Privilege.CREATE_SCHEMA])],
    )
    w.jobs.update(_job_id(emulator), new_settings=JobSettings(name="renamed-by-hand"))

    code, report = run_json("drift", "-c", str(dbx_stack))
    assert code == 2
    found = {item["address"]: item for item in report["drift"]}
    assert found["databricks_schema.cat-main.raw"]["status"] == "deleted"
    grants = found["databricks_grants.cat-main"]["fields"]
    assert grants == [
        {
            "path": "grants.data-eng",
            "recorded": ["USE_CATALOG"],
            "live": ["CREATE_SCHEMA", "USE_CATALOG"],
        }
    ]
    job = found["databricks_job.nightly"]["fields"]
    assert job == [{"path": "name", "recorded": "nightly-etl", "live": "renamed-by-hand"}]

    code, _, output = run_iac("apply", "-c", str(dbx_stack), "--auto-approve", "--allow-destroy")
    assert code == 0, output
    code, report = run_json("drift", "-c", str(dbx_stack))
    assert (code, report["drift"]) == (0, [])
    assert [j.settings.name for j in w.jobs.list() if j.settings] == ["nightly-etl"]


def test_unlisted_principal_is_not_drift_but_is_reported_as_unmanaged(
    dbx_stack: Path, emulator: Emulator
) -> None:
    from databricks.sdk.service.catalog import PermissionsChange, Privilege

    w = workspace_client(emulator)
    w.grants.update(
        "catalog",
        "main",
        changes=[PermissionsChange(principal="analysts", add=[Privilege.USE_CATALOG])],
    )
    w.schemas.create("scratch", "main")

    code, report = run_json("drift", "-c", str(dbx_stack), "--unmanaged")
    assert code == 0
    details = [u["detail"] for u in report["unmanaged"]]
    assert any(d.startswith("analysts holds USE_CATALOG") for d in details)
    assert {
        "kind": "databricks_schema",
        "remote_id": "main.scratch",
        "scope": {"catalog_name": "main"},
        "detail": "",
    } in report["unmanaged"]
