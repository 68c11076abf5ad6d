"""Jobs, clusters, DLT pipelines and warehouses are checked against models derived from
the SDK's create requests: a typo or a wrong enum value fails validate, not apply."""

from __future__ import annotations

import json
from typing import Any

import pytest

from data_iac.config.schema_errors import validate_model
from data_iac.config.stack.schema import section_model
from data_iac.operations.jsonschema_export import render_schemas


def problems(kind: str, entry: dict[str, Any]) -> list[tuple[str, str, str]]:
    _, found = validate_model(section_model(kind), {"k": entry}, {}, ("resources", kind))
    return [(p.path, p.message, p.hint) for p in found]


def test_a_typo_in_a_job_is_a_located_error_with_a_suggestion() -> None:
    [(path, message, hint)] = problems("jobs", {"name": "j", "max_concurent_runs": 2})
    assert (path, message) == (
        "resources.jobs.k.max_concurent_runs",
        "unknown key 'max_concurent_runs'",
    )
    assert hint.startswith("did you mean 'max_concurrent_runs'?")


def test_nested_fields_enums_and_numbers_are_checked() -> None:
    job = {
        "tasks": [
            {"task_key": "t", "notebook_task": {"notebook_path": "/x", "source": "GITT"}},
            {"task_key": "u", "timeout_seconds": "ten", "sql_task": {"warehouse": "w"}},
        ]
    }
    found = {path: message for path, message, _ in problems("jobs", job)}
    assert "GIT" in found["resources.jobs.k.tasks[0].notebook_task.source"]
    assert "whole number" in found["resources.jobs.k.tasks[1].timeout_seconds"]
    assert found["resources.jobs.k.tasks[1].sql_task.warehouse"] == "unknown key 'warehouse'"


@pytest.mark.parametrize(
    ("kind", "entry"),
    [
        ("warehouses", {"cluster_size": "2X-Small", "enable_serverless_compute": True,
                        "warehouse_type": "PRO", "auto_stop_mins": 10}),
        ("clusters", {"spark_version": "16.3.x-scala2.12", "num_workers": 2,
                      "autoscale": {"min_workers": 1, "max_workers": "${vars.max}"}}),
        ("pipelines", {"catalog": "main", "schema": "x", "serverless": True,
                       "libraries": [{"notebook": {"path": "/p"}}], "development": True}),
        ("jobs", {"tasks": [{"task_key": "t", "pipeline_task": {
            "pipeline_id": "${resources.p.id}", "full_refresh": "${vars.full}"}}]}),
    ],
)  # fmt: skip
def test_valid_entries_and_placeholders_pass(kind: str, entry: dict[str, Any]) -> None:
    assert problems(kind, entry) == []


def test_the_json_schema_carries_descriptions_and_enums() -> None:
    schema = json.loads(render_schemas()["stack.schema.json"])
    text = json.dumps(schema)
    notebook_task = next(v for k, v in schema["$defs"].items() if k == "NotebookTask")
    assert notebook_task["properties"]["notebook_path"]["description"]
    assert '"GIT"' in text and '"WORKSPACE"' in text
    assert schema["$defs"]["NotebookTask"]["additionalProperties"] is False
