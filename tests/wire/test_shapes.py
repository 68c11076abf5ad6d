"""The shape checks themselves: each catches what it is for."""

from __future__ import annotations

from databricks.sdk.service import jobs

from tests.wire.shapes import OneOf, mismatches, unknown_arguments, unknown_fields


def test_mismatches_names_missing_keys_wrong_types_and_enums() -> None:
    shape = {"name": str, "size": int, "kind": OneOf({"A", "B"}), "items": [{"k": str}]}
    assert mismatches({"name": "x", "size": 1, "kind": "A", "items": [{"k": "v"}]}, shape) == []
    assert mismatches({"size": True, "kind": "C", "items": []}, shape) == [
        "$.name: missing",
        "$.size: True is not a int",
        "$.kind: 'C' is not one of ['A', 'B']",
        "$.items: expected a non-empty list, got []",
    ]


def test_unknown_fields_and_arguments_follow_the_sdk_dataclasses() -> None:
    good = {"task_key": "t", "notebook_task": {"notebook_path": "/p", "source": "WORKSPACE"}}
    assert unknown_fields(good, jobs.Task) == []
    bad = {"task_key": "t", "notebook_task": {"path": "/p", "source": "GIT_HUB"}}
    assert unknown_fields(bad, jobs.Task) == [
        "$.notebook_task.path: not a field of NotebookTask",
        "$.notebook_task.source: 'GIT_HUB' is not a Source",
    ]
    assert unknown_arguments({"name": "j", "taks": []}, jobs.JobsAPI.create) == [
        "$.taks: not a parameter of JobsAPI.create"
    ]


def test_the_sdk_route_map_finds_the_method_and_catches_unknown_keys() -> None:
    from tests.wire.sdk_routes import best_route, unknown_answer_fields, unknown_body_keys

    create = best_route("POST", "/api/2.2/jobs/create", lambda r: 0)
    assert create is not None and create.name == "JobsAPI.create"
    assert unknown_body_keys({"name": "j", "tasks": [{"task_key": "t"}]}, create) == []
    assert unknown_body_keys({"nmae": "j"}, create) == ["$.nmae: JobsAPI.create never sends it"]
    get = best_route("GET", "/api/2.1/clusters/get", lambda r: 0)
    assert get is not None and get.name == "ClustersAPI.get"
    assert unknown_answer_fields({"cluster_id": "c", "state": "NAPPING"}, get) == [
        "$.state: 'NAPPING' is not a State"
    ]
    listing = best_route("GET", "/api/2.2/jobs/list", lambda r: 0)
    assert listing is not None
    assert unknown_answer_fields({"jobs": [{"job_id": 1}], "has_more": False}, listing) == []
    assert unknown_answer_fields({"jobs": [], "cursor": "x"}, listing) == [
        "$.cursor: not in a listing"
    ]
