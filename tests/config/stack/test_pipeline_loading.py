"""Loading a stack with data pipelines writes nothing: the generated files come back with the
loaded config, and plan/apply write them (operations/loading.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data_iac.config.build import load_config as load_without_deployer
from data_iac.errors import ConfigValidationError
from data_iac.operations.loading import load_config, write_generated

FIXTURE = Path(__file__).resolve().parents[2] / "cli" / "fixtures" / "pipeline_deploy"
LAKTORY = Path(__file__).resolve().parents[2] / "compat" / "fixtures" / "laktory_features"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "cfg")
    return tmp_path / "cfg" / "stack.yaml"


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_loading_writes_nothing_and_returns_the_generated_files(config: Path) -> None:
    before = _files(config.parents[1])
    loaded = load_config(config, environ={})
    assert _files(config.parents[1]) == before
    generated = config.parents[1] / ".iac" / "generated" / "deploy-test"
    assert set(loaded.generated) == {
        generated / "pl-job" / "stock_prices_job.json",
        generated / "pl-job" / "stock_prices_job_runner.py",
        generated / "pl-dlt" / "stock_prices_dlt_dlt.py",
    }
    sources = {
        Path(str(r.spec["source"])) for r in loaded.desired.resources.values() if "source" in r.spec
    }
    assert sources == set(loaded.generated)


def test_write_generated_writes_each_file_once(config: Path) -> None:
    loaded = load_config(config, environ={})
    write_generated(loaded)
    for path, content in loaded.generated.items():
        assert path.read_bytes() == content
    runner = next(p for p in loaded.generated if p.name.endswith("_runner.py"))
    stamp = runner.stat().st_mtime_ns
    write_generated(loaded)  # same bytes: not rewritten
    assert runner.stat().st_mtime_ns == stamp


def test_laktory_orchestrators_return_their_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    loaded = load_config(LAKTORY / "stack.yaml", "dev", environ={"SHARED_WAREHOUSE_ID": "wh-123"})
    assert loaded.generated
    assert not (tmp_path / ".iac").exists()
    assert all(path.suffix == ".json" for path in loaded.generated)


def test_a_loader_without_a_deployer_reports_the_pipeline(config: Path) -> None:
    with pytest.raises(ConfigValidationError) as caught:
        load_without_deployer(config, environ={})
    problems = caught.value.diagnostics
    assert {p.path for p in problems} == {
        "resources.pipelines.pl-job.orchestrator",
        "resources.pipelines.pl-dlt.orchestrator",
    }
    assert all(p.location and p.location.file.endswith("stack.yaml") for p in problems)
