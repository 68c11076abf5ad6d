"""``backend: {type: local, path: FILE}``: the state file the seed tool's --state-file names."""

from __future__ import annotations

from pathlib import Path

from data_iac.model.state import StateSnapshot
from data_iac.state.factory import open_backend


def test_local_path_names_the_state_file(tmp_path: Path) -> None:
    settings = {"type": "local", "path": "states/{name}-{env}.state.json"}
    backend = open_backend(settings, "sales", "prod", emulator=False, cwd=tmp_path)
    backend.write(StateSnapshot(lineage="L", serial=1))
    assert (tmp_path / "states" / "sales-prod.state.json").is_file()


def test_without_path_the_default_place(tmp_path: Path) -> None:
    backend = open_backend({"type": "local"}, "sales", "dev", emulator=False, cwd=tmp_path)
    backend.write(StateSnapshot(lineage="L", serial=1))
    assert (tmp_path / ".iac" / "state" / "sales" / "dev.json").is_file()
