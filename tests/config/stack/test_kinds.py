"""Per-kind mapping of Laktory entries to REST specs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from data_iac.config.stack.context import StackContext
from data_iac.config.stack.generic import build_entry
from data_iac.kinds import spec_by_section


def build(kind: str, key: str, raw: dict[str, Any], directory: Path = Path(".")) -> dict[str, Any]:
    ctx = StackContext({}, directory)
    spec = spec_by_section("databricks", kind)
    assert spec is not None
    build_entry(spec, ctx, key, raw, ("resources", kind, key))
    assert ctx.problems == []
    return {str(r.address): r for r in ctx.resolve_references()}


def test_job_clusters_are_renamed_and_access_controls_split() -> None:
    raw = {
        "name": "nightly",
        "clusters": [{"name": "main", "spark_version": "15.4.x", "num_workers": 1}],
        "access_controls": [{"group_name": "g", "permission_level": "CAN_VIEW"}],
    }
    made = build("jobs", "j", raw)
    assert made["databricks_job.j"].spec == {
        "name": "nightly",
        "job_clusters": [
            {
                "job_cluster_key": "main",
                "new_cluster": {"spark_version": "15.4.x", "num_workers": 1},
            }
        ],
    }
    assert made["databricks_permissions.j"].spec["object_type"] == "jobs"


def test_pipeline_cluster_name_is_a_label_and_cluster_name_defaults() -> None:
    pipeline = build("pipelines", "p", {"clusters": [{"name": "default", "num_workers": 1}]})
    assert pipeline["databricks_pipeline.p"].spec == {
        "name": "p",
        "clusters": [{"label": "default", "num_workers": 1}],
    }
    cluster = build("clusters", "c", {"name": "dev", "spark_version": "x"})
    assert cluster["databricks_cluster.c"].spec == {"cluster_name": "dev", "spark_version": "x"}


def test_secret_scope_children() -> None:
    raw = {
        "secrets": [{"key": "k", "value": "v"}],
        "permissions": [{"principal": "users", "permission": "read"}],
    }
    made = build("secretscopes", "s", raw)
    assert made["databricks_secret_scope.s"].spec == {"name": "s"}
    assert made["databricks_secret.s.k"].spec == {"scope": "s", "key": "k", "string_value": "v"}
    assert made["databricks_secret_acl.s.users"].spec == {
        "scope": "s",
        "principal": "users",
        "permission": "READ",
    }


def test_schema_with_volumes_and_grants() -> None:
    raw = {
        "name": "raw",
        "catalog_name": "dev",
        "volumes": [
            {"name": "landing", "grants": [{"principal": "u", "privileges": ["READ_VOLUME"]}]}
        ],
    }
    made = build("schemas", "sch", raw)
    assert made["databricks_volume.sch.landing"].spec == {
        "name": "landing",
        "catalog_name": "dev",
        "schema_name": "raw",
        "volume_type": "MANAGED",
    }
    assert made["databricks_grants.sch.landing"].spec["full_name"] == "dev.raw.landing"


def test_workspace_file_keeps_its_extension(tmp_path: Path) -> None:
    (tmp_path / "init.sh").write_text("echo hi\n")
    made = build("workspacefiles", "f", {"source": "init.sh"}, tmp_path)
    spec = made["databricks_workspace_file.f"].spec
    assert spec["path"] == "/.laktory/workspacefiles/init.sh"
    assert spec["source"] == "init.sh"
    assert spec["source"].location == (tmp_path / "init.sh").resolve()


def test_lifecycle_and_ignore_changes_from_resource_options() -> None:
    raw = {
        "path": "/x",
        "resource_options": {"ignore_changes": ["path"]},
        "lifecycle": {"prevent_destroy": True},
    }
    directory = build("directories", "d", raw)["databricks_directory.d"]
    assert directory.lifecycle.prevent_destroy is True
    assert directory.lifecycle.ignore_changes == ("path",)


def test_permissions_need_one_target() -> None:
    ctx = StackContext({}, Path("."))
    acl = [{"group_name": "g", "permission_level": "CAN_VIEW"}]
    spec = spec_by_section("databricks", "permissions")
    assert spec is not None
    build_entry(spec, ctx, "p", {"access_controls": acl}, ())
    assert ctx.problems[0].message == "permissions need exactly one target"
