"""The "Checked by" of issue 11: ``examples/databricks/workspace-estate`` uses forty-six
Databricks kinds; ``iac validate``, ``plan``, ``apply`` and a second ``plan`` (empty) on the
emulator, with no secret value in state or plan output, and every kind on a generic handler
covered by this stack; generated config of generic kinds, imported, plans empty."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from data_iac.kinds import specs_of
from tests.cli.iac_process import iac

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "databricks" / "workspace-estate"
SECRETS = ("not-a-real-password", "hooks.slack.com")


@pytest.mark.slow
def test_thirty_kinds_validate_plan_apply_and_plan_empty(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "cfg")
    assert iac(tmp_path, "validate", "-c", "cfg").returncode == 0
    planned = iac(tmp_path, "plan", "-c", "cfg", "--emulator", "--json")
    assert planned.returncode == 2, planned.stderr
    assert not any(secret in planned.stdout for secret in SECRETS)
    applied = iac(tmp_path, "apply", "-c", "cfg", "--emulator", "--auto-approve")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    again = iac(tmp_path, "plan", "-c", "cfg", "--emulator")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "No changes" in again.stdout

    state_file = tmp_path / ".iac/emulator/state/workspace-estate/default.json"
    text = state_file.read_text()
    assert not any(secret in text for secret in SECRETS)
    kinds = {entry["kind"] for entry in json.loads(text)["resources"].values()}
    assert len(kinds) >= 46
    # a quality monitor needs a table made by SQL or a pipeline (tests/kinds covers it)
    generic = {s.kind for s in specs_of("databricks") if s.api is not None}
    generic.discard("databricks_quality_monitor")
    assert generic <= kinds, generic - kinds

    # generate + import + plan is empty: a UC kind with its grants, a kind with wrapped bodies
    for option in ("external_location", "query"):
        adopted = tmp_path / f"adopted-{option}"
        out = adopted / "stack.yaml"
        done = iac(tmp_path, "generate", "--kind", option, "--emulator", "-c", str(adopted),
                   "-o", str(out), "--import")  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        again = iac(tmp_path, "plan", "-c", str(adopted), "--emulator")
        assert again.returncode == 0 and "No changes" in again.stdout, again.stdout
