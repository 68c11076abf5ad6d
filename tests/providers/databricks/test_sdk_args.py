"""_sdk_args: spec dicts to the SDK's typed keyword arguments."""

from __future__ import annotations

import pytest
from databricks.sdk.service import jobs, sql

from data_iac.errors import ProviderError
from data_iac.providers.databricks._sdk_args import typed_kwargs


def test_nested_dataclasses_lists_and_enums_are_converted():
    kwargs = typed_kwargs(
        jobs.JobsAPI.create,
        {
            "name": "j",
            "format": "MULTI_TASK",
            "tasks": [{"task_key": "a", "notebook_task": {"notebook_path": "/x"}}],
        },
    )
    assert kwargs["format"] is jobs.Format.MULTI_TASK
    assert kwargs["tasks"][0].notebook_task == jobs.NotebookTask(notebook_path="/x")
    tags = typed_kwargs(
        sql.WarehousesAPI.create, {"tags": {"custom_tags": [{"key": "a", "value": "b"}]}}
    )["tags"]
    assert tags == sql.EndpointTags(custom_tags=[sql.EndpointTagPair(key="a", value="b")])


def test_only_the_spec_keys_are_sent_and_typos_are_refused():
    assert typed_kwargs(jobs.JobSettings, {"name": "j"}) == {"name": "j"}
    with pytest.raises(ProviderError, match="'nmae' is not a field"):
        typed_kwargs(jobs.JobsAPI.create, {"nmae": "j"}, address="databricks_job.j")
