"""load_config end to end: names, digests, environments, shared files, all problems at once."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from data_iac.cli.failure import render_error
from data_iac.config import load_config as public_load_config
from data_iac.config.build import load_config
from data_iac.config.model import LoadedConfig
from data_iac.errors import ConfigError, ConfigValidationError
from tests.config.conftest import WriteFile

REPO = Path(__file__).resolve().parents[2]
SEED_PROJECT = """
version: "1.0"

project:
  key: CUSTOMER_ANALYTICS
  name: Customer Analytics

datasets:
  - name: RAW_CUSTOMERS
    type: snowflake
    connection: snowflake_prod
    params:
      schema: PUBLIC
      table: customers

  - name: PREPARED_CUSTOMERS
    type: managed
    format_type: parquet

recipes:
  - name: prep_customers
    type: python
    inputs: [RAW_CUSTOMERS]
    outputs: [PREPARED_CUSTOMERS]
    code: |
      import dataiku
      df = dataiku.Dataset("RAW_CUSTOMERS").get_dataframe()
"""


def test_the_seed_project_loads_unchanged(write: WriteFile) -> None:
    loaded = load_config(write("project.yml", SEED_PROJECT))
    assert loaded.name == "CUSTOMER_ANALYTICS"
    assert sorted(map(str, loaded.desired.resources)) == [
        "dataiku_dataset.CUSTOMER_ANALYTICS.PREPARED_CUSTOMERS",
        "dataiku_dataset.CUSTOMER_ANALYTICS.RAW_CUSTOMERS",
        "dataiku_project.CUSTOMER_ANALYTICS",
        "dataiku_recipe.CUSTOMER_ANALYTICS.prep_customers",
    ]
    assert loaded.backend == {"type": "local"}
    assert len(loaded.digest) == 64


def test_public_entry_point_delegates(write: WriteFile) -> None:
    assert public_load_config(str(write("project.yml", SEED_PROJECT))).name == "CUSTOMER_ANALYTICS"


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "missing.yml")


def test_five_mistakes_five_located_diagnostics(write: WriteFile) -> None:
    path = write(
        "project.yml",
        """
        version: "1.0"
        project:
          key: customer_analytics
          name: Customer analytics
        datasets:
          - name: A
            type: managed
            colour: red
          - name: A
            type: managed
        recipes:
          - name: r
            type: python
            inputs: [MISSING]
            outputs: [A]
            zone: nowhere
        """,
    )
    with pytest.raises(ConfigValidationError) as caught:
        load_config(path)
    diagnostics = caught.value.diagnostics
    assert len(diagnostics) == 5
    assert all(
        d.location is not None and d.location.file.endswith("project.yml") for d in diagnostics
    )
    lines = sorted(d.location.line for d in diagnostics if d.location)
    assert lines == [3, 8, 9, 14, 16]
    assert "5 problems in the configuration" in render_error(caught.value)


def test_config_name_rules(write: WriteFile, tmp_path: Path) -> None:
    named = write("a/project.yml", "name: sales-config\nproject: {key: SALES, name: SALES}\n")
    assert load_config(named).name == "sales-config"
    write("b/stack.yaml", "resources: {}\n")
    assert load_config(tmp_path / "b").name == "b"


def test_environment_overlay_and_variable_defaults(write: WriteFile) -> None:
    path = write(
        "project.yml",
        """
        project: {key: P, name: P}
        variables: {CONN: dev_conn}
        environments:
          prod:
            variables: {CONN: prod_conn}
        datasets:
          - {name: A, type: snowflake, connection: "{{ env.CONN }}"}
        """,
    )

    def spec(loaded: LoadedConfig) -> Mapping[str, Any]:
        [dataset] = [
            r for r in loaded.desired.resources.values() if r.address.kind == "dataiku_dataset"
        ]
        return dataset.spec

    assert spec(load_config(path, environ={}))["connection"] == "dev_conn"
    assert spec(load_config(path, "prod", environ={}))["connection"] == "prod_conn"
    assert spec(load_config(path, "prod", environ={"CONN": "x"}))["connection"] == "x"
    with pytest.raises(ConfigError, match="unknown environment 'prd'"):
        load_config(path, "prd")


def test_unresolved_placeholder_is_located(write: WriteFile) -> None:
    path = write("project.yml", 'project: {key: P, name: P, description: "{{ env.NOPE_X1 }}"}\n')
    with pytest.raises(ConfigValidationError) as caught:
        load_config(path, environ={})
    [problem] = caught.value.diagnostics
    assert problem.path == "project.description" and str(problem.location).endswith(":1:41")


def test_shared_files_apply_to_every_root(write: WriteFile, tmp_path: Path) -> None:
    write("one/project.yml", "project: {key: ONE, name: ONE, description: '${vars.team}'}\n")
    write("two/project.yml", "project: {key: TWO, name: TWO}\n")
    write("settings.yml", "variables: {team: data}\nbackend: {type: s3, bucket: b}\n")
    write("providers.yml", "providers: {dataiku: {url: emulator, api_key: k}}\n")
    loaded = load_config(tmp_path, environ={})
    assert len(loaded.desired) == 2
    assert loaded.backend == {"type": "s3", "bucket": "b"}
    assert loaded.providers == {"dataiku": {"url": "emulator", "api_key": "k"}}
    assert "k" in loaded.sensitive_values


def test_backend_twice_names_both_files(write: WriteFile, tmp_path: Path) -> None:
    write("project.yml", "project: {key: P, name: P}\nbackend: {type: local}\n")
    write("backend.yml", "backend: {type: s3, bucket: b}\n")
    with pytest.raises(ConfigValidationError) as caught:
        load_config(tmp_path)
    [problem] = caught.value.diagnostics
    assert "backend.yml" in problem.message and "project.yml" in str(problem.location)


def test_same_project_twice_is_an_address_clash(write: WriteFile, tmp_path: Path) -> None:
    write("a/project.yml", "project: {key: P, name: P}\n")
    write("b/project.yml", "project: {key: P, name: P}\n")
    with pytest.raises(ConfigValidationError, match="1 problem"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    "example", ["quickstart", "dataiku/customer_analytics", "dataiku/ml_pipeline"]
)
def test_examples_load_with_no_environment_set(example: str) -> None:
    loaded = load_config(REPO / "examples" / example, environ={})
    assert len(loaded.desired) >= 4


def generated_project(path: Path, datasets: int, recipes: int) -> Path:
    lines = ['version: "1.0"', "project:", "  key: BIG", "  name: Big", "datasets:"]
    for i in range(datasets):
        lines += [f"  - name: DS_{i}", "    type: managed", "    format_type: parquet"]
    lines.append("recipes:")
    for i in range(recipes):
        lines += [
            f"  - name: r_{i}",
            "    type: python",
            f"    inputs: [DS_{i}]",
            f"    outputs: [DS_{i + 1}]",
            "    code: |",
            "      import dataiku",
        ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_moved_entries_are_collected(write: WriteFile) -> None:
    path = write(
        "project.yml",
        """
        project: {key: P, name: P}
        moved:
          - {from: dataiku_dataset.P.OLD, to: dataiku_dataset.P.NEW}
        """,
    )
    assert load_config(path).moved == (("dataiku_dataset.P.OLD", "dataiku_dataset.P.NEW"),)
