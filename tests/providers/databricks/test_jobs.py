"""databricks_job through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.errors import ProviderError, ProviderUnavailable
from data_iac.providers.databricks._create_once import CreateRetry
from data_iac.providers.databricks.client import ADDRESS_TAG, DatabricksClient
from data_iac.providers.databricks.jobs import SCHEMA, Handler, normalize_spec, to_observed
from tests.providers.databricks.faults import fail

ADDRESS = Address("databricks_job", "nightly")
SPEC = {
    "name": "nightly",
    "tags": {"team": "data"},
    "tasks": [
        {
            "task_key": "b",
            "notebook_task": {"notebook_path": "/Shared/b"},
            "depends_on": [{"task_key": "a"}],
        },
        {"task_key": "a", "notebook_task": {"notebook_path": "/Shared/a"}},
    ],
    "schedule": {"quartz_cron_expression": "0 0 1 * * ?", "timezone_id": "UTC"},
}
NO_WAIT = CreateRetry(sleep=lambda seconds: None)


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    return Handler(dbx, retry=NO_WAIT)


def test_create_read_has_no_diff(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    assert diff_attributes(SPEC, created.attributes, SCHEMA) == []
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes == created.attributes
    assert read.attributes["creator_user_name"] and read.attributes["job_id"] == read.remote_id


def test_update_in_place(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    changed = {**SPEC, "max_concurrent_runs": 3, "tasks": SPEC["tasks"][1:]}
    assert diff_attributes(changed, created.attributes, SCHEMA)
    updated = handler.update(ADDRESS, created, changed)
    assert updated.remote_id == created.remote_id
    assert diff_attributes(changed, updated.attributes, SCHEMA) == []
    assert "schedule" in updated.attributes


def test_delete_then_read_is_none_and_delete_again_is_fine(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)


def test_list_maps_tagged_jobs_to_their_addresses(handler: Handler, dbx: DatabricksClient):
    other = Address("databricks_job", "other")
    handler.create(ADDRESS, SPEC)
    handler.create(other, {"name": "nightly"})
    dbx.w.jobs.create(name="by-hand")
    listed = {str(address): observed for address, observed in handler.list({})}
    assert {str(ADDRESS), str(other)} < set(listed)
    assert len(listed) == 3
    named = list(handler.list({"name": "nightly"}))
    assert len(named) == 2


def test_ambiguous_create_failure_adopts_the_job_that_landed(
    emulator: Emulator, handler: Handler, dbx: DatabricksClient
):
    fail(emulator, "POST", r"/api/2\.\d/jobs/create", commit=True)
    created = handler.create(ADDRESS, SPEC)
    jobs = list(dbx.w.jobs.list())
    assert [str(j.job_id) for j in jobs] == [created.remote_id]
    tags = jobs[0].settings.tags if jobs[0].settings else None
    assert tags and tags[ADDRESS_TAG] == str(ADDRESS)


def test_failure_before_commit_is_retried(
    emulator: Emulator, handler: Handler, dbx: DatabricksClient
):
    fail(emulator, "POST", r"/api/2\.\d/jobs/create", times=2)
    created = handler.create(ADDRESS, SPEC)
    assert [str(j.job_id) for j in dbx.w.jobs.list()] == [created.remote_id]


def test_persistent_failure_gives_up_without_duplicates(emulator: Emulator, dbx: DatabricksClient):
    slept: list[float] = []
    handler = Handler(dbx, retry=CreateRetry(attempts=3, sleep=slept.append))
    fail(emulator, "POST", r"/api/2\.\d/jobs/create", times=3)
    with pytest.raises(ProviderUnavailable):
        handler.create(ADDRESS, SPEC)
    assert len(slept) == 2 and slept[0] <= slept[1] * 2
    assert list(dbx.w.jobs.list()) == []


def test_find_by_address(handler: Handler):
    assert handler.find_by_address(ADDRESS) is None
    created = handler.create(ADDRESS, SPEC)
    found = handler.find_by_address(ADDRESS)
    assert found is not None and found.remote_id == created.remote_id


def test_unknown_field_is_a_clear_error(handler: Handler):
    with pytest.raises(ProviderError, match="'nmae' is not a field"):
        handler.create(ADDRESS, {"nmae": "x"})


def test_to_observed_drops_server_defaults_and_the_address_tag():
    raw = {
        "job_id": 7,
        "created_time": 1,
        "settings": {
            "name": "j",
            "tags": {ADDRESS_TAG: "databricks_job.j", "a": "b"},
            "tasks": [
                {
                    "task_key": "t",
                    "run_if": "ALL_SUCCESS",
                    "timeout_seconds": 0,
                    "max_retries": 2,
                    "email_notifications": {},
                }
            ],
        },
    }
    assert to_observed(raw) == {
        "job_id": "7",
        "created_time": 1,
        "name": "j",
        "tags": {"a": "b"},
        "tasks": [{"task_key": "t", "max_retries": 2}],
    }
    explicit = {"tasks": [{"task_key": "t", "run_if": "ALL_SUCCESS", "max_retries": 2}]}
    assert normalize_spec(explicit) == {"tasks": [{"task_key": "t", "max_retries": 2}]}


def test_unknown_field_on_update_is_a_clear_error(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    with pytest.raises(ProviderError, match="'schedul' is not a field"):
        handler.update(ADDRESS, created, {**SPEC, "schedul": {}})


def test_list_falls_back_to_the_job_id_for_foreign_tags(handler: Handler, dbx: DatabricksClient):
    job_id = dbx.w.jobs.create(name="x", tags={ADDRESS_TAG: "not-an-address"}).job_id
    other = dbx.w.jobs.create(name="y", tags={ADDRESS_TAG: "databricks_cluster.c"}).job_id
    assert sorted(str(a) for a, _ in handler.list({})) == sorted(
        [f"databricks_job.{job_id}", f"databricks_job.{other}"]
    )


def test_removing_run_as_sends_the_creator_since_reset_keeps_the_old_one(handler: Handler):
    # The service keeps run_as across a reset that leaves it out (tests/emulator/databricks/
    # test_jobs.py names the evidence): the provider must send the creator explicitly.
    with_run_as = {**SPEC, "run_as": {"service_principal_name": "sp-etl"}}
    created = handler.create(ADDRESS, with_run_as)
    assert created.attributes["run_as"] == {"service_principal_name": "sp-etl"}
    updated = handler.update(ADDRESS, created, SPEC)
    creator = updated.attributes["creator_user_name"]
    assert updated.attributes["run_as"] == {"user_name": creator}
    assert updated.attributes["run_as_user_name"] == creator
    assert diff_attributes(SPEC, updated.attributes, SCHEMA) == []
