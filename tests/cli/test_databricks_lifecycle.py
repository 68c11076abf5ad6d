"""Databricks end to end, through the real ``iac`` command in a subprocess on the emulator.

The shipped examples and a stack written for Laktory apply and then plan empty. Every
Databricks kind goes through create, an empty second plan, an update in place, a replace
(where the kind has an immutable field) and a destroy in reverse dependency order; two
configs (Unity Catalog + principals + secrets, workspace + compute) cover every kind.
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from data_iac.kinds import specs_of
from tests.cli.dbx_lifecycle_support import (
    EXAMPLES,
    FIXTURES,
    actions,
    apply,
    assert_no_changes,
    assert_reverse_order,
    destroy_events,
    edit,
    iac,
    live_objects,
    plan,
    state_resources,
    workspace,
)

Edit = tuple[str, str, str]  # (file relative to the config, old text, new text)


@pytest.mark.parametrize(
    ("example", "platforms"),
    [("databricks/lakehouse", {"databricks"}), ("mixed", {"databricks", "dataiku"})],
)
def test_example_applies_then_plans_no_changes(
    tmp_path: Path, example: str, platforms: set[str]
) -> None:
    shutil.copytree(EXAMPLES / example, tmp_path / "cfg")
    first = plan(tmp_path, "cfg", "-e", "dev")
    assert first["summary"]["create"] == len(first["changes"]) >= 10
    assert {address.split("_")[0] for address in actions(first)} == platforms
    apply(tmp_path, "cfg", "-e", "dev")
    assert_no_changes(tmp_path, "cfg", "-e", "dev")


def test_lakehouse_example_lands_on_the_workspace(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "databricks" / "lakehouse", tmp_path / "cfg")
    apply(tmp_path, "cfg", "-e", "dev")
    with workspace(tmp_path) as w:
        schemas = {s.name for s in w.schemas.list("dev_lakehouse")}
        assert schemas >= {"bronze", "gold", "silver"}
        assert [v.name for v in w.volumes.list("dev_lakehouse", "bronze")] == ["landing"]
        [job] = list(w.jobs.list())
        assert job.settings.name == "lakehouse-ingest-dev"
        assert [s.name for s in w.secrets.list_scopes()] == ["lakehouse-ingest"]
        # the emulator returns the defaults the Jobs API fills (docs/diff.md) ...
        settings = w.jobs.get(job.job_id).as_dict()["settings"]
        assert settings["format"] == "MULTI_TASK" and settings["run_as"]
        assert all(task["run_if"] == "ALL_SUCCESS" for task in settings["tasks"])
    # ... and the plan settles on them
    assert_no_changes(tmp_path, "cfg", "-e", "dev")


def test_laktory_stack_plans_and_applies_without_edits(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "laktory_stack", tmp_path / "stack")
    done = iac(tmp_path, "validate", "-c", "stack", "-e", "prod")
    assert done.returncode == 0, done.stderr
    assert "backend: pulumi is ignored" in done.stderr
    assert "organization: is Laktory's" in done.stderr
    found = plan(tmp_path, "stack", "-e", "dev")
    planned = actions(found)
    assert set(planned.values()) == {"create"}
    assert {
        "databricks_catalog.catalog-dev",
        "databricks_schema.catalog-dev.laktory",
        "databricks_grants.catalog-dev.sandbox",
        "databricks_user.user-olivier",
        "databricks_notebook.notebook-dlt",
        "databricks_pipeline.pl-stock-prices",
        "databricks_job.job-stock-prices",
        "databricks_permissions.job-stock-prices",
    } <= set(planned)
    apply(tmp_path, "stack", "-e", "dev")
    assert_no_changes(tmp_path, "stack", "-e", "dev")


@dataclass(frozen=True)
class KindCase:
    """A config of several kinds and the edits that update and replace each of them."""

    fixture: str
    name: str
    kinds: frozenset[str]
    updates: tuple[Edit, ...]
    updated: frozenset[str]
    replaces: tuple[Edit, ...]
    replaced: dict[str, str]
    live: dict[str, int]  # objects the create adds to the workspace, counted by family
    leftover: frozenset[str] = frozenset()  # what destroy leaves: not managed resources


UC = KindCase(
    fixture="dbx_kinds_uc",
    name="kinds-uc",
    kinds=frozenset(
        {
            "catalog",
            "schema",
            "volume",
            "grants",
            "group",
            "user",
            "user_role",
            "group_role",
            "service_principal",
            "service_principal_role",
            "secret_scope",
            "secret",
            "secret_acl",
            "mws_permission_assignment",
        }
    ),
    updates=(
        ("stack.yaml", "comment: cat v1", "comment: cat v2"),
        ("stack.yaml", "permissions: [USER]", "permissions: [ADMIN]"),
        ("stack.yaml", "comment: raw v1", "comment: raw v2"),
        ("stack.yaml", "comment: files v1", "comment: files v2"),
        ("stack.yaml", "privileges: [USE_CATALOG]", "privileges: [USE_CATALOG, CREATE_SCHEMA]"),
        ("stack.yaml", "groups: [grp-eng]", "groups: [grp-eng, grp-spare]"),
        ("stack.yaml", "display_name: Ann", "display_name: Annie"),
        ("stack.yaml", "display_name: ci", "display_name: ci-bot"),
        ("stack.yaml", "value: first", "value: second"),
        ("stack.yaml", "permission: READ", "permission: WRITE"),
    ),
    updated=frozenset(
        {
            "databricks_catalog.cat",
            "databricks_schema.cat.raw",
            "databricks_volume.cat.raw.files",
            "databricks_grants.cat-solo",
            "databricks_group.grp-spare",
            "databricks_user.usr-ann",
            "databricks_service_principal.sp-ci",
            "databricks_secret.scope.token",
            "databricks_secret_acl.scope.eng",
            "databricks_mws_permission_assignment.grp-acct.1234567890123456",
        }
    ),
    replaces=(
        ("stack.yaml", "name: solo\n", "name: solo2\n"),
        ("stack.yaml", "name: lonely", "name: lonely2"),
        ("stack.yaml", "name: drop", "name: drop2"),
        ("stack.yaml", "display_name: spare", "display_name: spare2"),
        ("stack.yaml", "ann@example.com", "anne@example.com"),
        ("stack.yaml", "11111111-1111-1111", "22222222-1111-1111"),
        ("stack.yaml", "name: app\n", "name: app2\n"),
    ),
    replaced={
        "databricks_catalog.cat-solo": "replace",
        "databricks_grants.cat-solo": "replace",  # full_name follows the catalog's name
        "databricks_schema.sch-solo": "replace",
        "databricks_volume.vol-solo": "replace",
        "databricks_group.grp-spare": "replace",
        "databricks_group.grp-eng": "update",  # its member was renamed
        "databricks_user.usr-ann": "replace",
        # its user_id follows the replaced user
        "databricks_user_role.usr-ann.arn:aws:iam::123456789012:instance-profile/etl": "replace",
        "databricks_service_principal.sp-ci": "replace",
        "databricks_service_principal_role.sp-ci.arn:aws:iam::123456789012:instance-profile/ci": (
            "replace"
        ),
        "databricks_secret_scope.scope": "replace",
        "databricks_secret.scope.token": "replace",  # its scope was renamed
        "databricks_secret_acl.scope.eng": "replace",
    },
    # each new catalog comes with its information_schema
    live={"catalog": 2, "schema": 4, "group": 2, "user": 1, "sp": 1, "scope": 1},
)

WS = KindCase(
    fixture="dbx_kinds_ws",
    name="kinds-ws",
    kinds=frozenset(
        {
            "group",
            "directory",
            "notebook",
            "workspace_file",
            "dbfs_file",
            "cluster_policy",
            "cluster",
            "sql_warehouse",
            "job",
            "pipeline",
            "permissions",
        }
    ),
    updates=(
        ("src/etl.py", "etl v1", "etl v2"),
        ("src/settings.json", '"threshold": 1', '"threshold": 2'),
        ("stack.yaml", "description: policy v1", "description: policy v2"),
        ("stack.yaml", "num_workers: 1", "num_workers: 2"),
        ("stack.yaml", "auto_stop_mins: 10", "auto_stop_mins: 20"),
        ("stack.yaml", "max_concurrent_runs: 1", "max_concurrent_runs: 2"),
        ("stack.yaml", "development: true", "development: false"),
        ("stack.yaml", "permission_level: CAN_VIEW", "permission_level: CAN_MANAGE_RUN"),
    ),
    updated=frozenset(
        {
            "databricks_notebook.nb-etl",
            "databricks_notebook.nb-solo",
            "databricks_workspace_file.wf-settings",
            "databricks_dbfs_file.dbfs-settings",
            "databricks_cluster_policy.pol-small",
            "databricks_cluster.cl-dev",
            "databricks_sql_warehouse.wh-bi",
            "databricks_job.job-etl",
            "databricks_pipeline.dlt-etl",
            "databricks_permissions.job-etl",
        }
    ),
    replaces=(
        ("stack.yaml", "path: /Shared/kinds-dir", "path: /Shared/kinds-dir2"),
        ("stack.yaml", "/Shared/kinds/solo", "/Shared/kinds/solo2"),
        ("stack.yaml", "/Shared/kinds/settings.json", "/Shared/kinds/settings2.json"),
        ("stack.yaml", "path: /kinds/settings.json", "path: /kinds/settings2.json"),
        ("stack.yaml", "catalog: main", "catalog: other"),
        # Jobs, clusters, policies and warehouses have no immutable field: renamed in place.
        ("stack.yaml", "name: etl\n", "name: etl-renamed\n"),
        ("stack.yaml", "name: bi\n", "name: bi-renamed\n"),
        ("stack.yaml", "name: small\n", "name: small-renamed\n"),
        ("stack.yaml", "name: dev\n", "name: dev-renamed\n"),
    ),
    replaced={
        "databricks_directory.dir-shared": "replace",
        "databricks_notebook.nb-solo": "replace",
        "databricks_workspace_file.wf-settings": "replace",
        "databricks_dbfs_file.dbfs-settings": "replace",
        "databricks_pipeline.dlt-etl": "replace",
        "databricks_job.job-etl": "update",
        "databricks_sql_warehouse.wh-bi": "update",
        "databricks_cluster_policy.pol-small": "update",
        "databricks_cluster.cl-dev": "update",
    },
    live={
        "group": 1,
        "path": 5,
        "job": 1,
        "pipeline": 1,
        "warehouse": 1,
        "policy": 1,
        "cluster": 1,
    },
    # The notebooks' parent folder is made on upload (mkdirs), not a managed directory.
    leftover=frozenset({"path:/Shared/kinds"}),
)

CASES = [UC, WS]


def test_the_cases_cover_every_hand_written_databricks_kind() -> None:
    """The CASES name real kinds (cluster policies moved onto the generic handler and are
    still exercised here); a hand-written kind they leave out is named by another test
    (kinds on the generic handler go through tests/kinds/test_stack_of_kinds.py)."""
    covered = {f"databricks_{kind}" for case in CASES for kind in case.kinds}
    hand_written = {s.kind for s in specs_of("databricks") if s.handler}
    assert covered <= {s.kind for s in specs_of("databricks")}
    tests = Path(__file__).resolve().parents[1]
    here = Path(__file__).resolve()
    texts = [f.read_text() for f in tests.rglob("test_*.py") if f != here]
    untested = [k for k in sorted(hand_written - covered) if not any(k in t for t in texts)]
    assert untested == []


def _edit_all(config: Path, edits: tuple[Edit, ...]) -> None:
    for file, old, new in edits:
        edit(config / file, (old, new))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_every_kind_creates_updates_replaces_and_destroys(tmp_path: Path, case: KindCase) -> None:
    config = tmp_path / "cfg"
    shutil.copytree(FIXTURES / case.fixture, config)
    with workspace(tmp_path) as w:
        before = live_objects(w)
    apply(tmp_path, "cfg")
    assert_no_changes(tmp_path, "cfg")
    created = {entry["kind"] for entry in state_resources(tmp_path, case.name).values()}
    assert created == {f"databricks_{kind}" for kind in case.kinds}
    with workspace(tmp_path) as w:
        added = Counter(name.split(":")[0] for name in live_objects(w) - before)
    assert added == case.live

    _edit_all(config, case.updates)
    assert actions(plan(tmp_path, "cfg")) == dict.fromkeys(case.updated, "update")
    apply(tmp_path, "cfg")
    assert_no_changes(tmp_path, "cfg")

    _edit_all(config, case.replaces)
    assert actions(plan(tmp_path, "cfg")) == case.replaced
    apply(tmp_path, "cfg")
    assert_no_changes(tmp_path, "cfg")

    resources = state_resources(tmp_path, case.name)
    assert_reverse_order(destroy_events(tmp_path, "cfg"), resources)
    assert state_resources(tmp_path, case.name) == {}
    with workspace(tmp_path) as w:
        assert live_objects(w) - before == case.leftover
    assert plan(tmp_path, "cfg")["summary"]["create"] == len(resources)
