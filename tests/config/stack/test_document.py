"""Laktory stacks: seeds, both kind spellings, nested forms, environments, errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.config.build import load_config
from data_iac.config.stack.document import canonical_kind
from data_iac.errors import ConfigValidationError
from tests.config.conftest import WriteFile

FIXTURE = Path(__file__).parent.parent / "fixtures" / "stack_full"

SEED_TERRAFORM = """
name: workspace
backend: terraform
resources:
  providers:
    databricks:
      host: ${vars.DATABRICKS_HOST}
      token: ${vars.DATABRICKS_TOKEN}
  pipelines:
    pl-stock-prices:
      name: pl-stock-prices
      libraries:
        - notebook:
            path: /pipelines/dlt_brz_template.py
"""

SEED_PULUMI = """
name: workspace
organization: okube
backend: pulumi
config:
  databricks:host: ${vars.DATABRICKS_HOST}
  databricks:token: ${vars.DATABRICKS_TOKEN}
resources:
  pipelines:
    pl-stock-prices:
      name: pl-stock-prices
      libraries:
        - notebook:
            path: /pipelines/dlt_brz_template.py
"""

SEED_CATALOG = """
catalog-dev:
  name: dev
  isolation_mode: OPEN
  grants:
    - principal: account users
      privileges:
        - USE_CATALOG
        - USE_SCHEMA
  schemas:
    - name: laktory
      grants:
        - principal: laktory-friends
          privileges:
            - SELECT
"""


def addresses(path: Path, environment: str = "default", **environ: str) -> set[str]:
    return {str(a) for a in load_config(path, environment, environ=environ).desired.resources}


def test_seed_stacks_load(write: WriteFile, tmp_path: Path) -> None:
    terraform = write("tf/stack.yaml", SEED_TERRAFORM)
    loaded = load_config(
        terraform, environ={"DATABRICKS_HOST": "emulator", "DATABRICKS_TOKEN": "t"}
    )
    assert set(map(str, loaded.desired.resources)) == {"databricks_pipeline.pl-stock-prices"}
    assert loaded.providers == {"databricks": {"host": "emulator", "token": "t"}}
    assert "t" in loaded.sensitive_values
    assert any("terraform" in note for note in loaded.notes)
    pulumi = write("pu/stack.yaml", SEED_PULUMI)
    loaded = load_config(pulumi, environ={})  # config: is ignored, so its vars are not needed
    assert {n.split(":")[0] for n in loaded.notes} >= {"organization", "config"}


def test_seed_catalog_with_use_and_nested_grants(write: WriteFile, tmp_path: Path) -> None:
    write("catalog.yaml", SEED_CATALOG)
    write("stack.yaml", "name: ws\nresources:\n  catalogs: !use catalog.yaml\n")
    loaded = load_config(tmp_path, environ={})
    resources = loaded.desired.resources
    assert set(map(str, resources)) == {
        "databricks_catalog.catalog-dev",
        "databricks_grants.catalog-dev",
        "databricks_schema.catalog-dev.laktory",
        "databricks_grants.catalog-dev.laktory",
    }
    schema = resources[Address("databricks_schema", "catalog-dev.laktory")]
    assert schema.spec == {"name": "laktory", "catalog_name": "dev"}
    assert schema.depends_on == {Address("databricks_catalog", "catalog-dev")}
    grants = resources[Address("databricks_grants", "catalog-dev.laktory")].spec
    assert grants == {
        "securable_type": "schema",
        "full_name": "dev.laktory",
        "grants": [{"principal": "laktory-friends", "privileges": ["SELECT"]}],
        "grants_mode": "additive",
    }


def test_full_fixture_covers_every_kind() -> None:
    loaded = load_config(FIXTURE, "prod", environ={})
    kinds = {a.kind for a in loaded.desired.resources}
    assert kinds == {
        "databricks_catalog",
        "databricks_grants",
        "databricks_schema",
        "databricks_volume",
        "databricks_group",
        "databricks_user",
        "databricks_service_principal",
        "databricks_secret_scope",
        "databricks_secret",
        "databricks_secret_acl",
        "databricks_sql_warehouse",
        "databricks_permissions",
        "databricks_notebook",
        "databricks_directory",
        "databricks_job",
        "databricks_cluster_policy",
        "databricks_pipeline",
    }  # the cluster is disabled with is_enabled: false
    assert list(loaded.pipelines) == ["pl-data"]
    assert "s3cr3t-value" in loaded.sensitive_values


def test_references_become_canonical_with_edges() -> None:
    resources = load_config(FIXTURE, environ={}).desired.resources
    job = resources[Address("databricks_job", "job-nightly")]
    task = job.spec["tasks"][0]
    assert task["notebook_task"]["notebook_path"] == "${ref:databricks_notebook.nb-hello#path}"
    assert job.depends_on == {
        Address("databricks_notebook", "nb-hello"),
        Address("databricks_directory", "dir-shared"),  # from resource_options.depends_on
    }
    assert job.spec["job_clusters"][0]["job_cluster_key"] == "main"
    assert job.spec["parameters"][0]["default"] == "{{job.start_time.iso_date}}"
    permissions = resources[Address("databricks_permissions", "perm-dlt")].spec
    assert permissions["object_type"] == "pipelines"
    assert permissions["object_id"] == "${ref:databricks_pipeline.pl-dlt#id}"


def test_environment_overlay_changes_and_adds_resources() -> None:
    dev = load_config(FIXTURE, "dev", environ={}).desired.resources
    prod = load_config(FIXTURE, "prod", environ={}).desired.resources
    warehouse = Address("databricks_sql_warehouse", "wh-main")
    assert dev[warehouse].spec["cluster_size"] == "Small"
    assert prod[warehouse].spec["cluster_size"] == "Medium"
    assert Address("databricks_group", "grp-auditors") in prod
    assert Address("databricks_group", "grp-auditors") not in dev
    assert prod[Address("databricks_catalog", "catalog-finance")].spec["name"] == "prd_finance"


def test_notebook_source_is_hashed_and_kept_relative_with_its_location() -> None:
    resources = load_config(FIXTURE, environ={}).desired.resources
    spec = resources[Address("databricks_notebook", "nb-hello")].spec
    # relative to the stack file (portable: state and plans hold this text), while the
    # value knows where the file is on this machine (model/local_source.py)
    assert not Path(spec["source"]).is_absolute() and spec["source"].location.is_file()
    assert spec["path"] == "/.laktory/notebooks/hello"
    assert spec["language"] == "PYTHON" and len(spec["content_sha256"]) == 64


def test_plain_and_databricks_spellings(write: WriteFile, tmp_path: Path) -> None:
    write(
        "stack.yaml",
        """
        resources:
          secret_scopes: {s1: {name: one}}
          databricks_secretscopes: {s2: {name: two}}
          databricks_directories: {d1: {path: /a}}
          workspacefiles: {}
        """,
    )
    assert addresses(tmp_path) == {
        "databricks_secret_scope.s1",
        "databricks_secret_scope.s2",
        "databricks_directory.d1",
    }
    assert canonical_kind("service_principals") == canonical_kind("databricks_serviceprincipals")


def test_unknown_kind_unknown_reference_and_bad_field(write: WriteFile, tmp_path: Path) -> None:
    write(
        "stack.yaml",
        """
        resources:
          mlflow_webhooks: {e: {name: x}}
          jobs:
            j:
              tasks: [{task_key: t, notebook_task: {notebook_path: "${resources.nb.path}"}}]
          catalogs:
            c: {name: c, isolation_mod: OPEN}
        """,
    )
    with pytest.raises(ConfigValidationError) as caught:
        load_config(tmp_path, environ={})
    messages = sorted(d.message for d in caught.value.diagnostics)
    assert messages == [
        "resource kind 'mlflow_webhooks' is not managed by data-iac",
        "unknown key 'isolation_mod'",
        "unknown resource key 'nb' in ${resources.nb...}",
    ]
    assert all(d.location is not None for d in caught.value.diagnostics)


def test_duplicate_stack_keys_across_kinds(write: WriteFile, tmp_path: Path) -> None:
    write("stack.yaml", "resources:\n  groups: {x: {}}\n  users: {x: {user_name: a@b.c}}\n")
    with pytest.raises(ConfigValidationError, match="1 problem"):
        load_config(tmp_path, environ={})


def test_dataiku_project_and_stack_load_together(write: WriteFile, tmp_path: Path) -> None:
    write("dss/project.yml", "project: {key: P, name: P}\n")
    write("dbx/stack.yaml", "name: both\nresources:\n  directories: {d: {path: /x}}\n")
    loaded = load_config(tmp_path, environ={})
    assert {a.platform for a in loaded.desired.resources} == {"dataiku", "databricks"}
    assert loaded.name == "both"


@pytest.mark.slow
def test_large_stack_loads_within_budget(tmp_path: Path) -> None:
    lines = ["resources:", "  catalogs:"]
    for i in range(1000):
        lines += [
            f"    cat-{i}:",
            f"      name: cat_{i}",
            "      grants:",
            "        - {principal: users, privileges: [USE_CATALOG]}",
            "      schemas:",
        ]
        for j in range(4):
            lines += [
                f"        - name: s{j}",
                "          grants:",
                "            - {principal: eng, privileges: [SELECT]}",
            ]
    (tmp_path / "stack.yaml").write_text("\n".join(lines) + "\n")
    start = time.process_time()
    loaded = load_config(tmp_path, environ={})
    assert len(loaded.desired) == 10_000
    assert time.process_time() - start <= 1.5


def test_objects_in_a_folder_wait_for_it(tmp_path: Path) -> None:
    """A destroy must empty a folder before deleting it (the workspace refuses a folder
    that is not empty): what a stack puts in one of its folders depends on it."""
    (tmp_path / "nb.py").write_text("# Databricks notebook source\nprint(1)\n")
    (tmp_path / "stack.yaml").write_text(
        "name: folders\n"
        "resources:\n"
        "  directories:\n"
        "    dir: {path: /Shared/team}\n"
        "    other: {path: /Shared/teamwork}\n"
        "  notebooks:\n"
        "    nb: {path: /Shared/team/sub/nb, source: nb.py}\n"
        "  mlflow_experiments:\n"
        "    exp: {name: /Shared/team/exp}\n"
        "  dashboards:\n"
        "    dash: {display_name: d, parent_path: /Shared/team, serialized_dashboard: '{}'}\n"
    )
    resources = load_config(tmp_path / "stack.yaml", environ={}).desired.resources
    folder = Address("databricks_directory", "dir")
    for kind, key in (
        ("databricks_notebook", "nb"),
        ("databricks_experiment", "exp"),
        ("databricks_dashboard", "dash"),
    ):
        assert folder in resources[Address(kind, key)].depends_on, kind
    assert resources[folder].depends_on == frozenset()
    # a name that only starts like the folder is not inside it
    assert resources[Address("databricks_directory", "other")].depends_on == frozenset()


def test_a_clusters_libraries_are_library_resources(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(
        "name: libs\n"
        "resources:\n"
        "  databricks_clusters:\n"
        "    shared:\n"
        "      cluster_name: shared\n"
        "      spark_version: 15.4.x-scala2.12\n"
        "      libraries:\n"
        "        - pypi: {package: pandas==2.2.2}\n"
        "        - maven: {coordinates: 'com.acme:lib:1.0'}\n"
    )
    resources = load_config(tmp_path / "stack.yaml", environ={}).desired.resources
    cluster = Address("databricks_cluster", "shared")
    assert "libraries" not in resources[cluster].spec
    pandas = resources[Address("databricks_library", "shared.pypi-pandas-2-2-2")]
    assert pandas.spec == {
        "cluster_id": "${ref:databricks_cluster.shared#id}",
        "pypi": {"package": "pandas==2.2.2"},
    }
    assert cluster in pandas.depends_on
    assert Address("databricks_library", "shared.maven-com-acme-lib-1-0") in resources
