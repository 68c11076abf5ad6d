"""Bad configuration input: every problem is a located ConfigError, nothing is dropped
silently, nothing runs unbounded, and no file outside the project root is read."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from data_iac.config import yamlnodes
from data_iac.config.build import load_config
from data_iac.config.confine import project_root
from data_iac.config.yamlnodes import MAX_DEPTH, MAX_INT_DIGITS
from data_iac.errors import ConfigError, ConfigValidationError, Diagnostic
from tests.config.conftest import WriteFile


def problems(path: Path, environ: dict[str, str] | None = None) -> list[Diagnostic]:
    """The located problems loading ``path`` reports (it must fail)."""
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ=environ or {})
    error = caught.value
    if isinstance(error, ConfigValidationError):
        return error.diagnostics
    return [error.as_diagnostic()]


def only(path: Path, environ: dict[str, str] | None = None) -> Diagnostic:
    [problem] = problems(path, environ)
    assert problem.location is not None, problem
    return problem


STACK = "name: s\nresources:\n  catalogs:\n    c1: {name: c1}\n"


def test_a_second_yaml_document_is_an_error_not_dropped(write: WriteFile) -> None:
    path = write("stack.yaml", STACK + "---\nresources:\n  catalogs:\n    c2: {name: c2}\n")
    problem = only(path)
    assert "second YAML document" in problem.message
    assert problem.location is not None and problem.location.line == 6


def test_empty_documents_around_the_one_document_are_fine(write: WriteFile) -> None:
    path = write("stack.yaml", "---\n" + STACK + "---\n")
    assert len(load_config(path, environ={}).desired.resources) == 1


def test_billion_laughs_is_refused_at_once(write: WriteFile) -> None:
    lines = ["name: s", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    path = write("stack.yaml", "\n".join(lines) + "\nresources: {}\n")
    problem = only(path)
    assert "once aliases are expanded" in problem.message
    assert problem.location is not None and problem.location.line <= 9


def test_nodes_written_out_are_not_capped_only_alias_copies(
    write: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large generated config (190,001 resources hold about two million nodes) must load:
    its size bounds what is written out; only what aliases copy can explode."""
    monkeypatch.setattr(yamlnodes, "MAX_NODES", 50)
    written = "\n".join(f"    c{n}: {{name: c{n}}}" for n in range(40))
    path = write("stack.yaml", f"name: s\nresources:\n  catalogs:\n{written}\n")
    assert len(load_config(path, environ={}).desired.resources) == 40
    copies = "\n".join(f"  - *t{n % 2}" for n in range(20))
    text = f"name: s\nt0: &t0 [a, b, c]\nt1: &t1 [d, e, f]\ncopies:\n{copies}\nresources: {{}}\n"
    assert "once aliases are expanded" in only(write("stack.yaml", text)).message


def test_nesting_depth_is_capped(write: WriteFile) -> None:
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    problem = only(write("stack.yaml", f"name: s\nvariables:\n  v: {deep}\nresources: {{}}\n"))
    assert "nested more than" in problem.message
    assert problem.location is not None and problem.location.line == 3


def test_aliases_cannot_nest_past_the_depth_cap(write: WriteFile) -> None:
    half = MAX_DEPTH // 2 + 2
    nested = "[" * half + "]" * half
    text = f"name: s\na: &a {nested}\nb: &b {'[' * half}*a{']' * half}\nresources: {{}}\n"
    assert "nested more than" in only(write("stack.yaml", text)).message


def test_huge_integers_are_located_errors(write: WriteFile) -> None:
    digits = "1" * 5000
    path = write("stack.yaml", f"name: s\nvariables:\n  big: {digits}\nresources: {{}}\n")
    problem = only(path)
    assert f"longer than {MAX_INT_DIGITS}" in problem.message
    assert problem.path == "variables.big"


def test_non_utf8_input_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_bytes(b"name: s\nresources:\n  catalogs:\n    c1: {name: caf\xe9}\n")
    problem = only(path)
    assert "not UTF-8" in problem.message and "line 4" in problem.message


def test_a_shared_file_with_an_unknown_key_says_did_you_mean(
    write: WriteFile, tmp_path: Path
) -> None:
    write("stack.yaml", STACK)
    write("settings.yml", "backend: {type: local}\nvaraibles: {a: 1}\n")
    problem = only(tmp_path)
    assert "unknown key 'varaibles'" in problem.message
    assert "did you mean 'variables'" in problem.hint


def test_a_lone_misspelled_shared_key_is_not_skipped(write: WriteFile, tmp_path: Path) -> None:
    write("stack.yaml", STACK)
    write("envs.yml", "enviroments:\n  dev: {}\n")
    assert "did you mean 'environments'" in only(tmp_path).hint


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("${vars.}", "names no variable"),
        ("${vars.a.b.c}", "no dots"),
        ("${vars.a", "unclosed"),
        ("{{ vars.a | upper }}", "filters"),
        ("${resources.}", "malformed reference"),
        ("${resources.c1.name}", "refers to the resource it is written in"),
    ],
)
def test_bad_placeholders_are_located_errors(write: WriteFile, written: str, message: str) -> None:
    text = (
        "name: s\nvariables:\n  a: x\nresources:\n  catalogs:\n    c0: {name: c0}\n"
        f"    c1:\n      name: c1\n      comment: '{written}'\n"
    )
    found = problems(write("stack.yaml", text))
    assert any(message in p.message for p in found), found
    assert all(p.location is not None and p.location.line == 9 for p in found), found


def test_depending_on_itself_is_an_error(write: WriteFile) -> None:
    text = (
        "name: s\nresources:\n  catalogs:\n    c1:\n      name: c1\n"
        "      resource_options:\n        depends_on: ['${resources.c1}']\n"
    )
    problem = only(write("stack.yaml", text))
    assert "depends on itself" in problem.message
    assert problem.path == "resources.catalogs.c1.resource_options.depends_on[0]"


# -- the project root ---------------------------------------------------------------------


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "home" / ".databrickscfg"
    secret.parent.mkdir(parents=True)
    secret.write_text("[DEFAULT]\nhost: https://x\ntoken: dapi-secret\n")
    return secret


@pytest.mark.parametrize("tag", ["!use", "!extend"])
def test_an_include_outside_the_project_root_is_refused(tmp_path: Path, tag: str) -> None:
    secret = _outside(tmp_path)
    project = tmp_path / "repo"
    project.mkdir()
    value = f"{tag} ../home/.databrickscfg"
    body = f"    - {value}\n" if tag == "!extend" else f"    {value}\n"
    key = "  notebooks:\n" if tag == "!use" else "  x:\n"
    (project / "stack.yaml").write_text(f"name: s\nresources:\n{key}{body}")
    problem = [p for p in problems(project) if "outside the project root" in p.message]
    assert problem and problem[0].location is not None
    assert str(secret) in problem[0].message and "dapi-secret" not in problem[0].message


def test_a_notebook_source_outside_the_project_root_is_refused(tmp_path: Path) -> None:
    _outside(tmp_path)
    project = tmp_path / "repo"
    project.mkdir()
    (project / "stack.yaml").write_text(
        "name: s\nresources:\n  notebooks:\n    nb:\n      source: ../home/.databrickscfg\n"
        "      path: /Shared/nb\n"
    )
    problem = only(project)
    assert "outside the project root" in problem.message
    assert problem.path == "resources.notebooks.nb.source"


def test_a_symbolic_link_out_of_the_root_is_refused(tmp_path: Path) -> None:
    secret = _outside(tmp_path)
    project = tmp_path / "repo"
    project.mkdir()
    (project / "nb.py").symlink_to(secret)
    (project / "stack.yaml").write_text(
        "name: s\nresources:\n  notebooks:\n    nb: {source: nb.py, path: /Shared/nb}\n"
    )
    assert "outside the project root" in only(project).message


def test_the_git_work_tree_is_the_root_and_more_can_be_allowed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "stacks" / "lake").mkdir(parents=True)
    (repo / "shared").mkdir()
    (repo / "shared" / "nb.py").write_text("print(1)\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    stack = repo / "stacks" / "lake" / "stack.yaml"
    stack.write_text(
        "name: s\nresources:\n  notebooks:\n"
        "    nb: {source: ../../shared/nb.py, path: /Shared/nb}\n"
    )
    assert project_root(stack) == repo.resolve()
    assert len(load_config(stack, environ={}).desired.resources) == 1
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "nb.py").write_text("print(2)\n")
    stack.write_text(
        "name: s\nresources:\n  notebooks:\n"
        f"    nb: {{source: {outside / 'nb.py'}, path: /Shared/nb}}\n"
    )
    assert "outside the project root" in only(stack).message
    allowed = load_config(stack, environ={"IAC_ALLOW_PATHS": str(outside)})
    assert len(allowed.desired.resources) == 1


def test_allow_path_on_the_command_line_allows_a_directory_for_that_command_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.apply.crash_support import run_iac

    monkeypatch.delenv("IAC_ALLOW_PATHS", raising=False)
    (tmp_path / "cfg").mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "nb.py").write_text("print(2)\n")
    stack = tmp_path / "cfg" / "stack.yaml"
    stack.write_text(
        "name: s\nresources:\n  notebooks:\n"
        f"    nb: {{source: {outside / 'nb.py'}, path: /Shared/nb}}\n"
    )
    code, output = run_iac(["validate", "-c", str(stack)])
    assert code == 1 and "outside the project root" in output and "--allow-path" in output
    code, output = run_iac(["validate", "-c", str(stack), "--allow-path", str(outside)])
    assert code == 0, output
    code, output = run_iac(["validate", "-c", str(stack)])  # not carried over
    assert code == 1, output
