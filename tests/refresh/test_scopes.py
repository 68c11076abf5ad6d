"""Grouping state entries into listings: pure."""

from __future__ import annotations

from data_iac.model.state import ResourceState
from data_iac.refresh.scopes import Strategy, refresh_groups, scope_of


def entry(kind: str, remote_id: str, version: str | None = None) -> ResourceState:
    return ResourceState(kind=kind, remote_id=remote_id, version=version)


def test_scopes_come_from_remote_ids() -> None:
    assert scope_of(entry("dataiku_dataset", "P.A.B")) == (
        Strategy.LISTING,
        (("project_key", "P"),),
    )
    assert scope_of(entry("databricks_volume", "main.raw.files"))[1] == (
        ("catalog_name", "main"),
        ("schema_name", "raw"),
    )
    assert scope_of(entry("databricks_notebook", "/Shared/etl/ingest")) == (
        Strategy.MARKERS,
        (("path", "/Shared/etl"),),
    )
    assert scope_of(entry("databricks_grants", "catalog/main"))[0] is Strategy.READ
    assert scope_of(entry("some_new_kind", "x"))[0] is Strategy.READ


def test_one_group_per_kind_and_scope() -> None:
    entries = [
        ("dataiku_dataset.P.A", entry("dataiku_dataset", "P.A")),
        ("dataiku_dataset.P.B", entry("dataiku_dataset", "P.B")),
        ("dataiku_dataset.Q.A", entry("dataiku_dataset", "Q.A")),
        ("databricks_job.x", entry("databricks_job", "1")),
        ("databricks_job.y", entry("databricks_job", "2")),
    ]
    groups = refresh_groups(entries)
    assert [(g.kind, g.scope, sorted(g.entries)) for g in groups] == [
        ("databricks_job", (), ["databricks_job.x", "databricks_job.y"]),
        (
            "dataiku_dataset",
            (("project_key", "P"),),
            ["dataiku_dataset.P.A", "dataiku_dataset.P.B"],
        ),
        ("dataiku_dataset", (("project_key", "Q"),), ["dataiku_dataset.Q.A"]),
    ]
