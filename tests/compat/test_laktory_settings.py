"""Laktory's ``settings:`` and ``${settings.X}``, resolved as laktory 0.13.1 resolves them
(checked on 2026-12-03 with ``Stack.model_validate_yaml(f).to_terraform()`` in a venv with
laktory 0.13.1: the same stacks give the same paths there), and ``${current_user.X}``
refused with its reason (Laktory reads it with a live call while building)."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.errors import ConfigError
from data_iac.operations.loading import load_config

DIRECTORIES = """\
name: settings
resources:
  databricks_directories:
    runtime:
      path: ${settings.runtime_root}a
    expression:
      path: ${{ settings.workspace_root + 'b' }}
    folded:
      path: /x/${setting.DATAFRAME_BACKEND}
    fallback:
      path: /x/${vars.workspace_root}
"""
WITH_SETTINGS = DIRECTORIES.replace(
    "resources:",
    "settings:\n  workspace_root: /Shared/${vars.env}/\n  runtime_root: /Volumes/a/b/c/\n"
    "variables:\n  env: dev\nresources:",
)


def _paths(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> dict[str, str]:
    (tmp_path / "stack.yaml").write_text(text)
    loaded = load_config(tmp_path / "stack.yaml", environ=environ or {})
    return {a.key: str(r.spec["path"]) for a, r in loaded.desired.resources.items()}


def _problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "stack.yaml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "stack.yaml", environ={})
    return [f"{d.path}: {d.message}" for d in caught.value.diagnostics]


def test_settings_have_laktorys_defaults_without_a_settings_block(tmp_path: Path) -> None:
    assert _paths(tmp_path, DIRECTORIES) == {
        "runtime": "./.laktory/a",  # laktory/_settings.py's default
        "expression": "/.laktory/b",
        "folded": "/x/PYSPARK",
        "fallback": "/x//.laktory/",  # ${vars.X} falls back to the settings
    }


def test_a_settings_block_is_rendered_and_wins(tmp_path: Path) -> None:
    assert _paths(tmp_path, WITH_SETTINGS) == {
        "runtime": "/Volumes/a/b/c/a",
        "expression": "/Shared/dev/b",
        "folded": "/x/PYSPARK",
        "fallback": "/x//Shared/dev/",
    }


def test_laktory_environment_variables_set_a_default(tmp_path: Path) -> None:
    found = _paths(tmp_path, DIRECTORIES, {"LAKTORY_DATAFRAME_BACKEND": "POLARS"})
    assert found["folded"] == "/x/POLARS"


def test_a_variable_or_environment_variable_wins_over_a_setting(tmp_path: Path) -> None:
    found = _paths(tmp_path, DIRECTORIES, {"workspace_root": "/from-env/"})
    assert found["fallback"] == "/x//from-env/"
    assert found["expression"] == "/.laktory/b"  # ${settings.X} reads the setting only


def test_an_unknown_setting_is_a_located_error(tmp_path: Path) -> None:
    text = DIRECTORIES + "    bad:\n      path: /x/${settings.workspace_rot}\n"
    (problem,) = _problems(tmp_path, text)
    assert problem.startswith("resources.databricks_directories.bad.path: unknown settings.")


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        (
            DIRECTORIES + "    me:\n      path: /Users/${current_user.user_name}/x\n",
            "resources.databricks_directories.me.path",
            "${current_user.X} needs the deploying identity",
        ),
        (
            DIRECTORIES + "    me:\n      path: ${{ '/Users/' + current_user.user_name }}\n",
            "resources.databricks_directories.me.path",
            "${current_user.X} needs the deploying identity",
        ),
        (
            "settings:\n  workspace_root: user_root\n" + DIRECTORIES,
            "settings.workspace_root",
            "workspace_root: user_root needs the deploying identity",
        ),
        (
            "settings:\n  workspace_root: ${resources.d.path}\n" + DIRECTORIES,
            "settings.workspace_root",
            "a ${resources.X} reference cannot be used in settings:",
        ),
        (
            "settings:\n  workspace_rot: /x/\n" + DIRECTORIES,
            "settings.workspace_rot",
            "unknown Laktory setting 'workspace_rot'",
        ),
        (
            DIRECTORIES + "    b:\n      path: ${settings.build_root}x\n",
            "resources.databricks_directories.b.path",
            "${settings.build_root} is Laktory's local build directory",
        ),
    ],
)
def test_what_needs_a_connection_or_is_laktorys_own_is_refused_where_written(
    tmp_path: Path, text: str, where: str, says: str
) -> None:
    (problem,) = _problems(tmp_path, text)
    assert problem.startswith(f"{where}: {says}"), problem


def test_outside_a_stack_settings_placeholders_are_text(tmp_path: Path) -> None:
    from data_iac.config.templating import render

    rendered, problems = render({"a": "x ${settings.y} ${current_user.z}"}, {}, {}, {})
    assert (rendered, problems) == ({"a": "x ${settings.y} ${current_user.z}"}, [])
