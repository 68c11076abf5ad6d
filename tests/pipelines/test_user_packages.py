"""``func_name: lake.with_last_modified``: Laktory's quickstart package ``lake``, unchanged.

The package is built from the installed ``laktory`` package's quickstart files with hatchling
(in-process, no network) and unpacked as an installation (module + dist-info) into a
temporary site folder. It does ``import laktory as lk`` and registers a frame namespace with
``@lk.api.register_anyframe_namespace("lake")``; here ``laktory`` is a stand-in while it is
imported (packages.py), and the step calls the namespace's method.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from data_iac.errors import PipelineError
from data_iac.pipelines.engines.polars import PolarsEngine
from data_iac.pipelines.loading import pipelines_from_raw
from data_iac.pipelines.runner import RunOptions, run_pipeline
from data_iac.pipelines.storage import StorageLayout

LAKE = Path("laktory") / "resources" / "quickstart-stacks" / "workflows" / "lake"


def _lake_sources() -> Path:
    spec = importlib.util.find_spec("laktory")  # finds the files; does not import them
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("Laktory's quickstart files are not here")
    found = Path(next(iter(spec.submodule_search_locations))).parent / LAKE
    if not (found / "pyproject.toml").is_file():
        pytest.skip("this Laktory version has no workflows/lake package")
    return found


@pytest.fixture
def lake_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    build = pytest.importorskip("hatchling.build")
    shutil.copytree(_lake_sources(), tmp_path / "lake-src")
    monkeypatch.chdir(tmp_path / "lake-src")
    wheel = tmp_path / "dist" / build.build_wheel(str(tmp_path / "dist"))
    with zipfile.ZipFile(wheel) as archive:  # what pip does with a pure-Python wheel
        archive.extractall(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    yield wheel
    for name in [m for m in sys.modules if m == "lake" or m.startswith("lake.")]:
        del sys.modules[name]


def _pipeline(tmp_path: Path, dependency: str) -> object:
    node = {
        "name": "prices",
        "sources": [{"data": {"symbol": ["A", "B"], "close": [1.0, 2.0]}}],
        "transformer": {"nodes": [{"func_name": "lake.with_last_modified"}]},
        "sinks": [{"path": str(tmp_path / "out.parquet"), "format": "PARQUET"}],
    }
    raw = {"name": "p", "dependencies": ["laktory==0.13.1", dependency], "nodes": [node]}
    return pipelines_from_raw(raw)[0].pipeline


def test_laktorys_lake_package_runs_as_named(tmp_path: Path, lake_installed: Path) -> None:
    had_laktory = "laktory" in sys.modules
    pipeline = _pipeline(tmp_path, f"/Workspace/wheels/{lake_installed.name}")
    run_pipeline(pipeline, PolarsEngine(), RunOptions(layout=StorageLayout(tmp_path)))  # type: ignore[arg-type]
    out = pl.read_parquet(tmp_path / "out.parquet")
    assert out.columns == ["symbol", "close", "last_modified"]
    assert out.schema["last_modified"] == pl.Datetime("us")
    assert out["last_modified"].null_count() == 0
    # The stand-in is gone once the package is imported: nothing else sees a fake Laktory.
    assert ("laktory" in sys.modules) == had_laktory


def test_a_namespace_without_the_function_is_a_clear_error(
    tmp_path: Path, lake_installed: Path
) -> None:
    node = {
        "name": "prices",
        "sources": [{"data": {"x": [1]}}],
        "transformer": {"nodes": [{"func_name": "lake.no_such_function"}]},
    }
    raw = {"name": "p", "imports": ["lake"], "nodes": [node]}
    pipeline = pipelines_from_raw(raw)[0].pipeline
    with pytest.raises(PipelineError, match="lake has no function 'no_such_function'"):
        run_pipeline(pipeline, PolarsEngine(), RunOptions(layout=StorageLayout(tmp_path)))
