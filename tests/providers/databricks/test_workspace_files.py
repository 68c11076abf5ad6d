"""databricks_workspace_file: bytes compared by hash, through the real SDK."""

from __future__ import annotations

from pathlib import Path

from data_iac.addresses import Address
from data_iac.providers.databricks import workspace_files
from data_iac.providers.databricks.client import DatabricksClient
from tests.providers.databricks.lifecycle import run_lifecycle

ADDRESS = Address("databricks_workspace_file", "conf")
PATH = "/Shared/conf/settings.yml"


def _spec(tmp_path: Path, data: bytes, name: str = "a.yml") -> dict:
    source = tmp_path / name
    source.write_bytes(data)
    return workspace_files.normalize_spec({"path": PATH, "source": str(source)})


def test_lifecycle(dbx: DatabricksClient, tmp_path: Path) -> None:
    handler = workspace_files.Handler(dbx)
    spec = _spec(tmp_path, b"a: 1\n")
    changed = _spec(tmp_path, b"a: 2\n", "b.yml")
    created = run_lifecycle(handler, ADDRESS, spec, changed)
    assert created.remote_id == PATH and created.attributes["size"] == 5


def test_a_notebook_at_the_path_is_not_a_file(dbx, tmp_path: Path) -> None:
    dbx.w.workspace.mkdirs("/Shared/conf")
    from databricks.sdk.service.workspace import ImportFormat, Language

    dbx.w.workspace.import_(
        "/Shared/conf/nb", content="eA==", format=ImportFormat.SOURCE, language=Language.PYTHON
    )
    handler = workspace_files.Handler(dbx)
    assert handler.read(ADDRESS, "/Shared/conf/nb") is None


def test_list(dbx, tmp_path: Path) -> None:
    handler = workspace_files.Handler(dbx)
    handler.create(ADDRESS, _spec(tmp_path, b"x"))
    assert [a.key for a, _ in handler.list({"path": "/Shared"})] == [PATH]
