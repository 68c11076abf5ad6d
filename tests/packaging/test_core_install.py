"""``pip install data-iac`` without extras: validate, plan and apply work; pipelines say which
extra to install.

A fresh virtual environment gets the project installed by pip (``pip install --no-deps
--no-build-isolation`` of a copy of the source, so no network is needed), and the core
dependencies declared in pyproject.toml with their whole dependency closure, taken from this
environment (linked, not reinstalled). ``pip check`` then proves the declared dependencies are
satisfied by exactly that closure, and the test proves the extras' packages are absent.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
EXTRA_ONLY = ("polars", "deltalake", "narwhals", "pyspark", "boto3", "jsonschema")
QUICKSTART = ROOT / "examples" / "quickstart" / "project.yml"
PIPELINE = ROOT / "examples" / "pipelines" / "stock_prices" / "pipeline.yml"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _closure(requirements: list[str]) -> dict[str, metadata.Distribution]:
    """The installed distributions ``requirements`` need, transitively (no extras)."""
    found: dict[str, metadata.Distribution] = {}
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        if _norm(requirement.name) in found:
            continue
        dist = metadata.distribution(requirement.name)
        found[_norm(requirement.name)] = dist
        for text in dist.requires or []:
            nested = Requirement(text)
            if nested.marker is None or nested.marker.evaluate({"extra": ""}):
                todo.append(nested)
    return found


def _link_distributions(dists: dict[str, metadata.Distribution], into: Path) -> None:
    """Symlink each distribution's top-level files and its metadata directory into ``into``."""
    into.mkdir(parents=True)
    for dist in dists.values():
        site = Path(str(dist.locate_file("")))
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops:
            target = into / top
            if (site / top).exists() and not target.exists() and top != "__pycache__":
                target.symlink_to(site / top)


def _core_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return list(project["dependencies"])


@pytest.fixture(scope="module")
def core_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with data-iac and its core dependencies only; returns its bin directory."""
    base = tmp_path_factory.mktemp("core-install")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    env = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env)
    site = next((env / "lib").glob("python3*/site-packages"))
    deps = base / "deps"
    _link_distributions(_closure(_core_requirements()), deps)
    build = base / "build-tools"  # pip's build backend, linked for this install only
    _link_distributions(_closure(["setuptools>=77"]), build)
    (site / "core-deps.pth").write_text(f"{deps}\n")
    python = env / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    (site / "build-tools.pth").write_text(f"{build}\n")
    subprocess.run(
        [*pip, "install", "-q", "--no-deps", "--no-build-isolation", "--no-index", str(source)],
        check=True,
        capture_output=True,
    )
    (site / "build-tools.pth").unlink()
    subprocess.run([*pip, "check"], check=True, capture_output=True)
    return env / "bin"


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    return subprocess.run(
        [str(bin_dir / "iac"), *args], cwd=cwd, env=environ, capture_output=True, text=True
    )


@pytest.mark.slow
def test_the_extras_are_not_in_the_core_environment(core_env: Path) -> None:
    code = "import importlib.util as u, sys; print([m for m in sys.argv[1:] if u.find_spec(m)])"
    found = subprocess.run(
        [str(core_env / "python"), "-c", code, *EXTRA_ONLY],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert found.stdout.strip() == "[]"


@pytest.mark.slow
def test_validate_plan_and_apply_run_without_extras(core_env: Path, tmp_path: Path) -> None:
    shutil.copy(QUICKSTART, tmp_path / "project.yml")
    valid = _run(core_env, tmp_path, "validate", "-c", "project.yml")
    assert valid.returncode == 0, valid.stderr
    planned = _run(core_env, tmp_path, "plan", "-c", "project.yml", "--emulator")
    assert planned.returncode == 2, planned.stderr  # changes to make
    applied = _run(core_env, tmp_path, "apply", "-c", "project.yml", "--emulator", "--auto-approve")
    assert applied.returncode == 0, applied.stderr
    again = _run(core_env, tmp_path, "plan", "-c", "project.yml", "--emulator")
    assert again.returncode == 0, again.stdout + again.stderr


@pytest.mark.slow
def test_pipeline_run_without_the_extra_names_it(core_env: Path, tmp_path: Path) -> None:
    shutil.copytree(PIPELINE.parent, tmp_path / "pipeline")
    ran = _run(core_env, tmp_path, "pipeline", "run", "-c", "pipeline/pipeline.yml")
    assert ran.returncode == 1
    assert "pip install 'data-iac[pipelines]'" in ran.stderr
    assert "Traceback" not in ran.stderr


@pytest.mark.slow
def test_an_s3_state_without_the_extra_names_it(core_env: Path, tmp_path: Path) -> None:
    config = QUICKSTART.read_text() + (
        "\nbackend:\n  type: s3\n  bucket: states\n  region: us-east-1\n"
        "  endpoint_url: http://127.0.0.1:9\n"
    )
    (tmp_path / "project.yml").write_text(config)
    planned = _run(core_env, tmp_path, "plan", "-c", "project.yml")
    assert planned.returncode == 1
    assert "pip install 'data-iac[s3]'" in planned.stderr
    assert "Traceback" not in planned.stderr
