"""Our own stacks in Laktory 0.13's format, each checked valid by laktory 0.13.1 itself.

They cover what Laktory's docs and quickstarts write (the stack of its docs'
``concepts/stack.md`` in 0.13 section names, workspace objects, Unity Catalog, principals
and compute): each makes the resources Laktory's own Terraform translation makes, applies
on the emulator and plans empty.

The expected counts are ``Stack.model_validate_yaml(f).to_terraform(env_name=E)`` of
laktory 0.13.1 counted per Terraform resource type (measured 2026-12-03 in a separate venv
with ``pip install laktory==0.13.1 polars==1.32.0``); Terraform's data sources (a group's
``lookup_existing``) are read-only references here and are not counted.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from data_iac.errors import ConfigError
from data_iac.operations.loading import load_config
from tests.cli.dbx_lifecycle_support import apply, assert_no_changes, plan
from tests.compat.laktory_support import our_counts

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "laktory_stacks"
LAKTORY_TERRAFORM = {
    ("docs_stack", "dev"): {"databricks_job": 1, "databricks_pipeline": 1},
    ("docs_stack", "prod"): {"databricks_job": 1, "databricks_pipeline": 1},
    ("workspace_objects", "default"): {
        "databricks_cluster": 1,
        "databricks_cluster_policy": 1,
        "databricks_directory": 1,
        "databricks_job": 1,
        "databricks_mlflow_experiment": 1,
        "databricks_notebook": 1,
        "databricks_permissions": 5,
        "databricks_secret": 1,
        "databricks_secret_acl": 1,
        "databricks_secret_scope": 1,
        "databricks_sql_endpoint": 1,
        "databricks_workspace_file": 1,
    },
    ("unity_catalog", "default"): {
        "databricks_catalog": 1,
        "databricks_grant": 1,
        "databricks_grants": 3,
        "databricks_schema": 3,
        "databricks_volume": 2,
    },
    **{
        ("includes_and_more", env): {
            "databricks_dbfs_file": 1,
            "databricks_directory": 1,
            "databricks_job": 1,
            "databricks_permissions": 1,
            "databricks_query": 1,
            "databricks_repo": 1,
            "databricks_secret": 1,
            "databricks_secret_scope": 1,
            "databricks_sql_endpoint": 1,
            "databricks_workspace_file": 2,
        }
        for env in ("default", "prd")
    },
    ("libraries_entitlements", "default"): {
        "databricks_cluster": 1,
        "databricks_entitlements": 1,
        "databricks_group": 1,
        "databricks_group_member": 1,
        "databricks_user": 1,
    },
    ("principals_compute", "default"): {
        "databricks_catalog": 1,
        "databricks_global_init_script": 1,
        "databricks_group": 1,
        "databricks_group_member": 2,
        "databricks_instance_pool": 1,
        "databricks_ip_access_list": 1,
        "databricks_notification_destination": 1,
        "databricks_permissions": 1,
        "databricks_pipeline": 1,
        "databricks_registered_model": 1,
        "databricks_schema": 1,
        "databricks_service_principal": 1,
        "databricks_user": 1,
        "databricks_vector_search_endpoint": 1,
    },
}


# By design, resources Laktory's translation writes inside another: a cluster's libraries
# are our databricks_library each, a principal's entitlement keys our databricks_entitlements.
OURS_BESIDES = {
    ("libraries_entitlements", "default"): {"databricks_library": 2, "databricks_entitlements": 2},
}


def _expected(stack: str, env: str) -> Counter[str]:
    return our_counts(LAKTORY_TERRAFORM[(stack, env)]) + Counter(OURS_BESIDES.get((stack, env), {}))


def _copy(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    return root


@pytest.mark.parametrize(("stack", "env"), sorted(LAKTORY_TERRAFORM))
def test_a_stack_makes_the_resources_laktory_makes(stack: str, env: str, tmp_path: Path) -> None:
    loaded = load_config(_copy(stack, tmp_path) / "stack.yaml", env, environ={})
    ours = Counter(address.kind for address in loaded.desired.resources)
    assert ours == _expected(stack, env)


def test_the_docs_stack_differs_by_environment(tmp_path: Path) -> None:
    root = _copy("docs_stack", tmp_path)
    development = {
        env: load_config(root / "stack.yaml", env, environ={})
        .desired.resources[next(iter(_pipelines(root, env)))]
        .spec["development"]
        for env in ("dev", "prod")
    }
    assert development == {"dev": True, "prod": False}


def _pipelines(root: Path, env: str) -> list[object]:
    resources = load_config(root / "stack.yaml", env, environ={}).desired.resources
    return [a for a in resources if a.kind == "databricks_pipeline"]


def test_a_global_init_script_is_read_from_its_local_source(tmp_path: Path) -> None:
    root = _copy("principals_compute", tmp_path)
    resources = load_config(root / "stack.yaml", environ={}).desired.resources
    (script,) = (r for a, r in resources.items() if a.kind == "databricks_global_init_script")
    assert script.spec["script"] == "IyEvYmluL2Jhc2gKZWNobyBoaQo="  # base64 of scripts/init.sh


@pytest.mark.slow
@pytest.mark.parametrize(("stack", "env"), sorted(LAKTORY_TERRAFORM))
def test_a_stack_applies_and_plans_empty(stack: str, env: str, tmp_path: Path) -> None:
    root = _copy(stack, tmp_path)
    extra = ("-e", env) if env != "default" else ()
    found = plan(root, "stack.yaml", *extra)
    assert found["summary"]["create"] == sum(_expected(stack, env).values())
    apply(root, "stack.yaml", *extra)
    assert_no_changes(root, "stack.yaml", *extra)


def _load_text(tmp_path: Path, text: str) -> dict[str, dict[str, object]]:
    (tmp_path / "stack.yaml").write_text(text)
    loaded = load_config(tmp_path / "stack.yaml", environ={})
    return {str(a): dict(r.spec) for a, r in loaded.desired.resources.items()}


def test_terraform_switches_are_dropped_and_inline_scripts_are_the_script(
    tmp_path: Path,
) -> None:
    specs = _load_text(
        tmp_path,
        "name: s\nresources:\n"
        "  databricks_warehouses:\n    wh:\n      name: wh\n      cluster_size: 2X-Small\n"
        "      no_wait: true\n"
        "  databricks_globalinitscripts:\n    init:\n      name: init\n"
        "      content_base64: ZWNobyBoaQ==\n      md5: abc\n"
        "  databricks_storagecredentials:\n    cred:\n      name: cred\n"
        "      force_destroy: true\n      aws_iam_role:\n        role_arn: arn:aws:iam::1:role/r\n"
        "      grant:\n        principal: account users\n"
        "        privileges: [CREATE_EXTERNAL_LOCATION]\n",
    )
    assert "no_wait" not in specs["databricks_sql_warehouse.wh"]
    assert specs["databricks_global_init_script.init"]["script"] == "ZWNobyBoaQ=="
    assert "md5" not in specs["databricks_global_init_script.init"]
    assert "force_destroy" not in specs["databricks_storage_credential.cred"]
    grants = specs["databricks_grants.cred"]["grants"]
    assert grants == [{"principal": "account users", "privileges": ["CREATE_EXTERNAL_LOCATION"]}]


def test_an_init_script_written_twice_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "init.sh").write_text("echo hi\n")
    (tmp_path / "stack.yaml").write_text(
        "name: s\nresources:\n  databricks_globalinitscripts:\n    init:\n      name: init\n"
        "      content_base64: ZWNobyBoaQ==\n      source: ./init.sh\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "stack.yaml", environ={})
    (problem,) = caught.value.diagnostics
    assert problem.path == "resources.databricks_globalinitscripts.init.source"
    assert problem.location is not None and problem.location.line == 7
    assert "content_base64 and source are the same script" in problem.message


def test_a_git_folder_takes_its_provider_from_its_url(tmp_path: Path) -> None:
    specs = _load_text(
        tmp_path,
        "name: s\nresources:\n  databricks_repos:\n"
        "    a:\n      url: https://github.com/o/r.git\n      path: /Repos/x/a\n"
        "    b:\n      url: https://dev.azure.com/o/p/_git/r\n      path: /Repos/x/b\n"
        "    c:\n      url: https://git.example.com/r.git\n      path: /Repos/x/c\n"
        "      git_provider: gitLabEnterpriseEdition\n",
    )
    providers = {a: s["provider"] for a, s in specs.items()}
    assert providers == {
        "databricks_repo.a": "gitHub",
        "databricks_repo.b": "azureDevOpsServices",
        "databricks_repo.c": "gitLabEnterpriseEdition",
    }


def test_the_job_of_an_included_file_differs_by_environment(tmp_path: Path) -> None:
    root = _copy("includes_and_more", tmp_path)
    runs = {
        env: load_config(root / "stack.yaml", env, environ={})
        .desired.resources[next(a for a in _all(root, env) if a.kind == "databricks_job")]
        .spec["max_concurrent_runs"]
        for env in ("default", "prd")
    }
    assert runs == {"default": 1, "prd": 2}


def _all(root: Path, env: str) -> list[Any]:
    return list(load_config(root / "stack.yaml", env, environ={}).desired.resources)


def test_a_variable_in_an_included_files_path_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "dirs_dev.yaml").write_text("d:\n  path: /Shared/d\n")
    (tmp_path / "stack.yaml").write_text(
        "name: s\nvariables:\n  env: dev\nresources:\n"
        "  databricks_directories: !use dirs_${vars.env}.yaml\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "stack.yaml", environ={})
    (problem,) = caught.value.diagnostics
    assert problem.path == "resources.databricks_directories"
    assert problem.location is not None and problem.location.line == 5
    assert "a variable in an included file's path is not supported" in problem.message
