"""Config files and directories: which files are roots, parts, shared or skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.config.loader import load_config_files
from data_iac.config.locations import locate
from data_iac.errors import ConfigError
from tests.config.conftest import WriteFile

PROJECT = """
version: "1.0"
project: {key: %s, name: Demo}
datasets:
  - {name: A, type: managed}
"""


def kinds(path: Path) -> list[tuple[str, str]]:
    return [(doc.kind, doc.file.name) for doc in load_config_files(path).documents]


def test_missing_path_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file or directory"):
        load_config_files(tmp_path / "nope")


def test_directory_without_any_config_is_an_error(write: WriteFile, tmp_path: Path) -> None:
    write("notes.yml", "todo: [x]\n")
    with pytest.raises(ConfigError, match="holds no stack"):
        load_config_files(tmp_path)


def test_a_project_file_emptied_of_resources_is_shared(write: WriteFile, tmp_path: Path) -> None:
    write("project.yml", "variables: {}\n")
    assert kinds(tmp_path) == [("shared", "project.yml")]


def test_project_parts_are_appended_with_their_own_locations(
    write: WriteFile, tmp_path: Path
) -> None:
    write("project.yml", PROJECT % "P")
    write("datasets/b.yml", "- {name: B, type: managed}\n- {name: C, type: managed}\n")
    write("recipes/r.yml", "recipes:\n  - {name: r, type: sync, inputs: [A], outputs: [B]}\n")
    files = load_config_files(tmp_path)
    [doc] = files.documents
    assert [d["name"] for d in doc.data["datasets"]] == ["A", "B", "C"]
    assert doc.data["recipes"][0]["name"] == "r"
    where = locate(doc.marks, ("datasets", 2, "name"))
    assert where is not None and where.file.endswith("b.yml") and where.line == 2


def test_roots_shared_files_and_skipped_files(write: WriteFile, tmp_path: Path) -> None:
    write("dss/sales/project.yml", PROJECT % "SALES")
    write("dss/hr.yml", PROJECT % "HR")
    write("dbx/stack.yaml", "resources:\n  catalogs: !use catalogs.yaml\n")
    write("dbx/catalogs.yaml", "dev: {name: dev}\n")
    write("backend.yml", "backend: {type: local}\n")
    write("pipelines/pl.yaml", "name: p\nnodes: []\n")
    write(".iac/state.yml", "project: {key: HIDDEN, name: HIDDEN}\n")
    files = load_config_files(tmp_path)
    found = sorted((doc.kind, doc.file.name) for doc in files.documents)
    assert found == [
        ("dataiku", "project.yml"),
        ("shared", "backend.yml"),
        ("stack", "stack.yaml"),
    ]
    # In a directory only project.yml and stack.yml are roots: hr.yml is skipped, noted.
    assert any("dss/hr.yml" in note and "pass the file to -c" in note for note in files.notes)
    assert any("pipelines/pl.yaml" in note for note in files.notes)


def test_single_file_config(write: WriteFile) -> None:
    path = write("my_project.yml", PROJECT % "MINE")
    assert kinds(path) == [("dataiku", "my_project.yml")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- 1\n", "x.yml holds a list, not a mapping"),
        ("", "x.yml is empty"),
        ("{}\n", "x.yml is empty"),
    ],
)
def test_single_file_that_is_not_a_config(write: WriteFile, text: str, message: str) -> None:
    [problem] = load_config_files(write("x.yml", text)).problems
    assert problem.message.endswith(message)
    assert problem.location is not None and problem.location.line == 1
    assert "project:" in problem.hint


def test_digest_changes_with_any_file_used(write: WriteFile, tmp_path: Path) -> None:
    write("project.yml", PROJECT % "P")
    part = write("datasets/b.yml", "- {name: B, type: managed}\n")
    before = load_config_files(tmp_path).digest
    assert load_config_files(tmp_path).digest == before
    part.write_text("- {name: B2, type: managed}\n")
    assert load_config_files(tmp_path).digest != before


def test_relative_directory_parts_are_not_reported_as_skipped(
    write: WriteFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("proj/project.yml", PROJECT % "P")
    write("proj/datasets/b.yml", "- {name: B, type: managed}\n")
    monkeypatch.chdir(tmp_path)
    files = load_config_files(Path("."))
    assert files.notes == []
    assert len(files.documents[0].data["datasets"]) == 2


def test_a_single_project_file_takes_its_sibling_parts(write: WriteFile) -> None:
    path = write("project.yml", PROJECT % "P")
    write("recipes/r.yml", "- {name: r, type: sync, inputs: [A], outputs: [A2]}\n")
    [doc] = load_config_files(path).documents
    assert [r["name"] for r in doc.data["recipes"]] == ["r"]


def test_a_file_given_to_c_is_a_root_whatever_its_name(write: WriteFile) -> None:
    path = write("archive/old_project.yml", PROJECT % "OLD")
    assert kinds(path) == [("dataiku", "old_project.yml")]


def test_roots_are_found_at_any_depth_by_name(write: WriteFile, tmp_path: Path) -> None:
    write("a/b/c/project.yaml", PROJECT % "DEEP")
    write("a/b/c/datasets/more.yml", "- {name: B, type: managed}\n")
    write("x/y/stack.yml", "resources: {}\n")
    write("archive/old_project.yml", PROJECT % "OLD")
    files = load_config_files(tmp_path)
    assert sorted((d.kind, d.file.name) for d in files.documents) == [
        ("dataiku", "project.yaml"),
        ("stack", "stack.yml"),
    ]
    assert [d["name"] for d in files.documents[0].data["datasets"]] == ["A", "B"]
    assert any("archive/old_project.yml" in note for note in files.notes)


def test_a_file_given_to_c_holding_only_parts_is_a_located_error(write: WriteFile) -> None:
    [problem] = load_config_files(write("frag.yml", "datasets:\n  - {name: A}\n")).problems
    assert problem.message == "unknown top-level key 'datasets'"
    assert problem.location is not None and problem.location.line == 2
    assert "add project:" in problem.hint


def test_config_keys_mixed_with_unknown_keys_is_a_located_error(
    write: WriteFile, tmp_path: Path
) -> None:
    write("project.yml", PROJECT % "P")
    write("settings.yml", "backend: {type: local}\nbakend_region: eu\n")
    [problem] = load_config_files(tmp_path).problems
    assert problem.message == "unknown key 'bakend_region' in a shared-settings file"
    assert problem.location is not None and problem.location.file.endswith("settings.yml")


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("name: B\n", "unknown key 'name' in datasets/b.yml", 1),
        (
            "datasets: [{name: B, type: managed}]\nrecipes: []\n",
            "unknown key 'recipes' in datasets/b.yml",
            2,
        ),
        ("datasets: {name: B}\n", "datasets/b.yml holds no list of datasets", 1),
        ("just text\n", "datasets/b.yml holds no list of datasets", 1),
    ],
)
def test_a_part_file_that_is_not_a_list_is_a_located_error(
    write: WriteFile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    message: str,
    line: int,
) -> None:
    write("project.yml", PROJECT % "P")
    write("datasets/b.yml", text)
    monkeypatch.chdir(tmp_path)
    [problem] = load_config_files(Path(".")).problems
    assert problem.message == message
    assert problem.location is not None
    assert problem.location.file.endswith("b.yml") and problem.location.line == line


def test_an_empty_part_file_is_skipped_with_a_note(write: WriteFile, tmp_path: Path) -> None:
    write("project.yml", PROJECT % "P")
    write("datasets/empty.yml", "")
    files = load_config_files(tmp_path)
    assert files.problems == [] and any("empty.yml: empty" in n for n in files.notes)
