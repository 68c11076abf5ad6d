"""Pipelines API through the real SDK against the emulator."""

from __future__ import annotations

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import BadRequest, ResourceConflict, ResourceDoesNotExist
from databricks.sdk.service import pipelines

from data_iac.emulator.server import Emulator
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture

LIBRARIES = [pipelines.PipelineLibrary(notebook=pipelines.NotebookLibrary(path="/Shared/dlt"))]


def _create(w: WorkspaceClient, name: str = "p", **extra: object) -> str:
    created = w.pipelines.create(name=name, catalog="main", schema="s", **extra)
    assert created.pipeline_id is not None
    return created.pipeline_id


def test_create_sends_the_captured_body_and_get_shows_the_spec(emu: Emulator, w: WorkspaceClient):
    sent = capture(emu)
    pipeline_id = _create(w, libraries=LIBRARIES, serverless=True)
    assert bodies(sent) == [
        {
            "catalog": "main",
            "libraries": [{"notebook": {"path": "/Shared/dlt"}}],
            "name": "p",
            "schema": "s",
            "serverless": True,
        }
    ]
    got = w.pipelines.get(pipeline_id)
    assert got.state == pipelines.PipelineState.IDLE and got.last_modified
    assert got.spec and got.spec.id == pipeline_id and got.spec.libraries == LIBRARIES
    raw = w.api_client.do("GET", f"/api/2.0/pipelines/{pipeline_id}")
    assert isinstance(raw, dict)
    assert_round_trips(pipelines.GetPipelineResponse, raw)


def test_names_are_unique_unless_duplicates_are_allowed(w: WorkspaceClient):
    first = _create(w)
    with pytest.raises(BadRequest, match="already used by another pipeline"):
        _create(w)
    second = _create(w, allow_duplicate_names=True)
    assert first != second


def test_dry_run_returns_effective_settings_and_creates_nothing(w: WorkspaceClient):
    created = w.pipelines.create(name="p", catalog="main", schema="s", dry_run=True)
    assert created.pipeline_id is None
    assert created.effective_settings and created.effective_settings.channel == "CURRENT"
    assert list(w.pipelines.list_pipelines()) == []


def test_update_replaces_and_checks_expected_last_modified(emu: Emulator, w: WorkspaceClient):
    pipeline_id = _create(w, development=True)
    stamp = w.pipelines.get(pipeline_id).last_modified
    sent = capture(emu)
    w.pipelines.update(pipeline_id, name="p", catalog="main", schema="s")
    assert bodies(sent) == [{"catalog": "main", "name": "p", "schema": "s"}]
    got = w.pipelines.get(pipeline_id)
    assert got.spec and got.spec.development is None
    with pytest.raises(ResourceConflict):
        w.pipelines.update(pipeline_id, name="p", expected_last_modified=stamp)


def test_a_deleted_pipeline_is_not_found_on_the_next_get(w: WorkspaceClient):
    # databricks/cli acceptance/pipelines/destroy/destroy-pipeline/output.txt (commit
    # 7bbe285213): `pipelines get` right after the destroy answers "The specified pipeline
    # <id> was not found."; libs/testserver/pipelines.go answers 404 with that message.
    pipeline_id = _create(w, "gone")
    w.pipelines.delete(pipeline_id)
    with pytest.raises(ResourceDoesNotExist, match=f"The specified pipeline {pipeline_id} was"):
        w.pipelines.get(pipeline_id)
    assert [p.name for p in w.pipelines.list_pipelines()] == []
    assert _create(w, "gone") != pipeline_id  # the name is free again


def test_list_pages_and_filters_by_name(small_w: WorkspaceClient):
    for name in ("alpha", "beta", "alps", "gamma", "al_x"):
        _create(small_w, name)
    assert sorted(p.name or "" for p in small_w.pipelines.list_pipelines()) == [
        "al_x",
        "alpha",
        "alps",
        "beta",
        "gamma",
    ]
    found = small_w.pipelines.list_pipelines(filter="name LIKE 'alp%'")
    assert sorted(p.name or "" for p in found) == ["alpha", "alps"]
    raw = small_w.api_client.do("GET", "/api/2.0/pipelines")
    assert isinstance(raw, dict) and raw["next_page_token"]
    assert_round_trips(pipelines.ListPipelinesResponse, raw)


def test_updates_finish_on_first_poll(w: WorkspaceClient):
    pipeline_id = _create(w)
    update_id = w.pipelines.start_update(pipeline_id).update_id
    assert update_id is not None
    update = w.pipelines.get_update(pipeline_id, update_id).update
    assert update and update.state == pipelines.UpdateInfoState.COMPLETED
    continuous = _create(w, "c", continuous=True)
    w.pipelines.start_update(continuous)
    assert w.pipelines.get(continuous).state == pipelines.PipelineState.RUNNING
    w.pipelines.stop(continuous)
    assert w.pipelines.get(continuous).state == pipelines.PipelineState.IDLE


def test_list_and_delete_send_the_captured_shapes(emu: Emulator, w: WorkspaceClient):
    pipeline_id = _create(w)
    sent = capture(emu)
    list(w.pipelines.list_pipelines(filter="name LIKE 'p%'"))
    w.pipelines.delete(pipeline_id)
    assert [(r.method, r.path, dict(r.query)) for r in sent] == [
        ("GET", "/api/2.0/pipelines", {"filter": ["name LIKE 'p%'"]}),
        ("DELETE", f"/api/2.0/pipelines/{pipeline_id}", {}),
    ]


def test_run_as_is_kept_beside_the_spec(w: WorkspaceClient):
    pipeline_id = _create(w, run_as=pipelines.RunAs(service_principal_name="sp-1"))
    got = w.pipelines.get(pipeline_id)
    assert got.run_as_user_name == "sp-1" and got.run_as and got.spec
    assert got.run_as.service_principal_name == "sp-1" and got.spec.id == pipeline_id
