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
