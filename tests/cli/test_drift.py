"""``iac drift`` and ``iac refresh`` against DSS on the emulator: out-of-band edits made
with the real DSSClient show up as drift (exit 2) and the next apply reverts them."""

from __future__ import annotations

from pathlib import Path

from data_iac.emulator import Emulator
from tests.refresh.support import dss_client, dss_project, run_iac, run_json

__all__ = ["dss_project"]  # fixture used below


def test_no_drift_right_after_apply(dss_project: Path) -> None:
    code, report = run_json("drift", "-c", str(dss_project))
    assert code == 0
    assert report["drift"] == [] and report["summary"]["changed"] == 0


def test_changed_dataset_param_is_drift_and_apply_reverts_it(
    dss_project: Path, emulator: Emulator
) -> None:
    settings = dss_client(emulator).get_project("DRIFTY").get_dataset("ORDERS").get_settings()
    settings.get_raw()["params"]["table"] = "orders_v2"
    settings.save()

    code, report = run_json("drift", "-c", str(dss_project))
    assert code == 2
    [item] = report["drift"]
    assert item["address"] == "dataiku_dataset.DRIFTY.ORDERS"
    assert item["fields"] == [{"path": "params.table", "recorded": "orders", "live": "orders_v2"}]

    code, _, output = run_iac("plan", "-c", str(dss_project))
    assert code == 2
    assert output.index("changed outside of data-iac") < output.index("will be updated")
    assert run_iac("apply", "-c", str(dss_project), "--auto-approve")[0] == 0
    assert run_json("drift", "-c", str(dss_project))[0] == 0


def test_deleted_object_and_changed_code_are_drift(dss_project: Path, emulator: Emulator) -> None:
    project = dss_client(emulator).get_project("DRIFTY")
    [folder] = project.list_managed_folders()
    project.get_managed_folder(folder["id"]).delete()
    recipe = project.get_recipe("clean").get_settings()
    recipe.set_payload("print('edited by hand')\n")
    recipe.save()

    code, report = run_json("drift", "-c", str(dss_project))
    assert code == 2
    by_address = {item["address"]: item for item in report["drift"]}
    assert by_address["dataiku_managed_folder.DRIFTY.reports"]["status"] == "deleted"
    assert [f["path"] for f in by_address["dataiku_recipe.DRIFTY.clean"]["fields"]] == ["code"]
    assert run_iac("apply", "-c", str(dss_project), "--auto-approve")[0] == 0
    assert run_json("drift", "-c", str(dss_project))[0] == 0


def test_text_and_markdown_reports(dss_project: Path, emulator: Emulator) -> None:
    metadata = dss_client(emulator).get_project("DRIFTY")
    current = metadata.get_metadata()
    current["description"] = "edited in the UI"
    metadata.set_metadata(current)

    code, text, _ = run_iac("drift", "-c", str(dss_project), "--no-color")
    assert code == 2
    assert "dataiku_project.DRIFTY has been changed" in text
    assert '~ description = "drift tests" -> "edited in the UI"' in text
    code, markdown, _ = run_iac("drift", "-c", str(dss_project), "--markdown")
    assert code == 2
    assert markdown.startswith("## data-iac drift")
    assert "| `dataiku_project.DRIFTY` | changed | `description` |" in markdown


def test_unmanaged_objects_are_listed_but_are_not_drift(
    dss_project: Path, emulator: Emulator
) -> None:
    project = dss_client(emulator).get_project("DRIFTY")
    project.create_dataset("HAND_MADE", "PostgreSQL", params={"connection": "pg_main"})

    code, report = run_json("drift", "-c", str(dss_project), "--unmanaged")
    assert code == 0
    found = {(u["kind"], u["remote_id"]) for u in report["unmanaged"]}
    assert ("dataiku_dataset", "DRIFTY.HAND_MADE") in found
    assert ("dataiku_dataset", "DRIFTY.ORDERS") not in found


def test_refresh_records_live_values_without_changing_the_platform(
    dss_project: Path, emulator: Emulator
) -> None:
    settings = dss_client(emulator).get_project("DRIFTY").get_dataset("CLEAN").get_settings()
    settings.get_raw()["tags"] = ["silver"]
    settings.save()
    emulator.clear_requests()

    code, summary = run_json("refresh", "-c", str(dss_project))
    assert code == 0
    assert summary["changed"] == ["dataiku_dataset.DRIFTY.CLEAN"]
    assert not [r for r in emulator.request_log() if r.mutating]
    # State now holds the live value: no drift, but the plan still brings the config back.
    assert run_json("drift", "-c", str(dss_project))[0] == 0
    code, plan = run_json("plan", "-c", str(dss_project))
    assert code == 2
    assert [c["address"] for c in plan["changes"]] == ["dataiku_dataset.DRIFTY.CLEAN"]


def test_refresh_false_skips_reading(dss_project: Path, emulator: Emulator) -> None:
    emulator.clear_requests()
    code, _, _ = run_iac("plan", "-c", str(dss_project), "--refresh=false")
    assert code == 0
    assert emulator.request_log() == []


def test_exit_code_2_through_the_real_entry_point(dss_project: Path, emulator: Emulator) -> None:
    import subprocess
    import sys

    settings = dss_client(emulator).get_project("DRIFTY").get_dataset("ORDERS").get_settings()
    settings.get_raw()["params"]["schema"] = "other"
    settings.save()
    done = subprocess.run(
        [sys.executable, "-m", "data_iac", "drift", "-c", str(dss_project), "--no-color"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "dataiku_dataset.DRIFTY.ORDERS has been changed" in done.stdout
