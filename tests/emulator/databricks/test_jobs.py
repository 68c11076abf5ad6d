"""Jobs API through the real SDK against the emulator."""

from __future__ import annotations

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, ResourceDoesNotExist
from databricks.sdk.service import jobs

from data_iac.emulator.server import Emulator
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture

NOTEBOOK = jobs.NotebookTask(notebook_path="/Shared/nb")


def _task(key: str) -> jobs.Task:
    return jobs.Task(task_key=key, existing_cluster_id="c1", notebook_task=NOTEBOOK)


def test_create_sends_the_captured_body_and_get_fills_server_defaults(
    emu: Emulator, w: WorkspaceClient
):
    sent = capture(emu)
    created = w.jobs.create(name="j", tags={"a": "b"}, max_concurrent_runs=1, tasks=[_task("t1")])
    assert bodies(sent)[-1] == {
        "max_concurrent_runs": 1,
        "name": "j",
        "tags": {"a": "b"},
        "tasks": [
            {
                "existing_cluster_id": "c1",
                "notebook_task": {"notebook_path": "/Shared/nb"},
                "task_key": "t1",
            }
        ],
    }
    job = w.jobs.get(created.job_id)
    assert job.creator_user_name and job.run_as_user_name and job.created_time
    settings = job.settings
    assert settings is not None and settings.tags == {"a": "b"}
    assert settings.format == jobs.Format.MULTI_TASK and settings.timeout_seconds == 0
    assert settings.tasks and settings.tasks[0].run_if == jobs.RunIf.ALL_SUCCESS


def test_get_response_round_trips_and_omits_the_page_token(w: WorkspaceClient):
    job_id = w.jobs.create(name="j", tasks=[_task("t1")]).job_id
    raw = w.api_client.do("GET", "/api/2.2/jobs/get", query={"job_id": job_id})
    assert isinstance(raw, dict) and "next_page_token" not in raw
    assert_round_trips(jobs.Job, raw)


def test_older_api_version_is_served(w: WorkspaceClient):
    job_id = w.jobs.create(name="j").job_id
    raw = w.api_client.do("GET", "/api/2.1/jobs/get", query={"job_id": job_id})
    assert isinstance(raw, dict) and raw["job_id"] == job_id


def test_get_pages_tasks_by_100_and_the_sdk_merges_them(emu: Emulator, w: WorkspaceClient):
    job_id = w.jobs.create(name="big", tasks=[_task(f"t{i}") for i in range(230)]).job_id
    sent = capture(emu)
    job = w.jobs.get(job_id)
    assert job.settings is not None and len(job.settings.tasks or []) == 230
    assert [r.arg("page_token") for r in sent] == [None, "1", "2"]


def test_two_jobs_may_share_a_name(w: WorkspaceClient):
    first = w.jobs.create(name="same").job_id
    second = w.jobs.create(name="same").job_id
    assert first != second
    assert sorted(j.job_id for j in w.jobs.list(name="SAME")) == sorted([first, second])


def test_list_pages_and_expands_tasks(small_w: WorkspaceClient, small: Emulator):
    ids = [small_w.jobs.create(name=f"j{i}", tasks=[_task("t")]).job_id for i in range(5)]
    listed = list(small_w.jobs.list())
    assert [j.job_id for j in listed] == ids
    assert all(j.settings and not j.settings.tasks for j in listed)
    expanded = list(small_w.jobs.list(expand_tasks=True))
    assert all(j.settings and j.settings.tasks for j in expanded)
    raw = small_w.api_client.do("GET", "/api/2.2/jobs/list", query={"expand_tasks": "true"})
    assert isinstance(raw, dict) and raw["has_more"] is True and len(raw["jobs"]) == 2
    assert_round_trips(jobs.ListJobsResponse, raw)


def test_reset_replaces_and_update_merges(emu: Emulator, w: WorkspaceClient):
    job_id = w.jobs.create(
        name="j", tasks=[_task("a"), _task("b")], schedule=jobs.CronSchedule("0 0 * * * ?", "UTC")
    ).job_id
    sent = capture(emu)
    w.jobs.update(
        job_id,
        new_settings=jobs.JobSettings(
            name="j3",
            tasks=[jobs.Task(task_key="b", existing_cluster_id="c2", notebook_task=NOTEBOOK)],
        ),
        fields_to_remove=["schedule", "tasks/a"],
    )
    assert bodies(sent)[-1] == {
        "fields_to_remove": ["schedule", "tasks/a"],
        "job_id": job_id,
        "new_settings": {
            "name": "j3",
            "tasks": [
                {
                    "existing_cluster_id": "c2",
                    "notebook_task": {"notebook_path": "/Shared/nb"},
                    "task_key": "b",
                }
            ],
        },
    }
    settings = w.jobs.get(job_id).settings
    assert settings is not None and settings.name == "j3" and settings.schedule is None
    assert [(t.task_key, t.existing_cluster_id) for t in settings.tasks or []] == [("b", "c2")]
    w.jobs.reset(job_id, new_settings=jobs.JobSettings(name="j2"))
    assert bodies(sent)[-1] == {"job_id": job_id, "new_settings": {"name": "j2"}}
    settings = w.jobs.get(job_id).settings
    assert settings is not None and settings.name == "j2" and not settings.tasks


def test_missing_job_answers_400_invalid_parameter_value(w: WorkspaceClient):
    with pytest.raises(ResourceDoesNotExist, match=r"Job 123 does not exist\."):
        w.jobs.get(123)
    for call in (
        lambda: w.jobs.delete(123),
        lambda: w.jobs.reset(123, new_settings=jobs.JobSettings(name="x")),
        lambda: w.jobs.update(123, new_settings=jobs.JobSettings(name="x")),
    ):
        with pytest.raises(InvalidParameterValue, match=r"Job 123 does not exist\."):
            call()


def test_delete_removes_the_job(emu: Emulator, w: WorkspaceClient):
    job_id = w.jobs.create(name="j").job_id
    sent = capture(emu)
    w.jobs.delete(job_id)
    assert bodies(sent)[-1] == {"job_id": job_id}
    assert list(w.jobs.list()) == []


def test_run_now_finishes_at_once(w: WorkspaceClient):
    job_id = w.jobs.create(name="j").job_id
    run_id = w.jobs.run_now(job_id).response.run_id
    assert run_id is not None
    run = w.jobs.get_run(run_id)
    assert run.state and run.state.result_state == jobs.RunResultState.SUCCESS
    assert [r.run_id for r in w.jobs.list_runs(job_id=job_id)] == [run_id]
    raw = w.api_client.do("GET", "/api/2.2/jobs/runs/get", query={"run_id": run_id})
    assert isinstance(raw, dict)
    assert_round_trips(jobs.Run, raw)


def test_invalid_tasks_are_refused(w: WorkspaceClient):
    with pytest.raises(InvalidParameterValue, match="Duplicate task key: a"):
        w.jobs.create(name="j", tasks=[_task("a"), _task("a")])
    dangling = jobs.Task(
        task_key="b", depends_on=[jobs.TaskDependency("zz")], notebook_task=NOTEBOOK
    )
    with pytest.raises(InvalidParameterValue, match="depends on zz"):
        w.jobs.create(name="j", tasks=[_task("a"), dangling])


def test_run_as_sets_run_as_user_name(w: WorkspaceClient):
    job_id = w.jobs.create(name="j", run_as=jobs.JobRunAs(service_principal_name="sp-1")).job_id
    assert w.jobs.get(job_id).run_as_user_name == "sp-1"
    w.jobs.reset(job_id, new_settings=jobs.JobSettings(name="j"))
    assert w.jobs.get(job_id).run_as_user_name == "sp-1"  # kept: see the test below
    back = jobs.JobRunAs(user_name="emulator-user@example.com")
    w.jobs.reset(job_id, new_settings=jobs.JobSettings(name="j", run_as=back))
    assert w.jobs.get(job_id).run_as_user_name == "emulator-user@example.com"


def test_reset_without_run_as_keeps_the_previous_identity(w: WorkspaceClient):
    # databricks/cli libs/testserver/jobs.go (commit 7bbe285213), JobsReset: "jobs/reset is a
    # full replace, but omitting run_as from new_settings does NOT clear it — cloud keeps the
    # previously configured identity".
    run_as = jobs.JobRunAs(service_principal_name="0b8c2d5e-7a1f-4c33-9e0d-4f5b6a7c8d9e")
    created = w.jobs.create(name="j", run_as=run_as, tasks=[_task("t1")])
    assert created.job_id is not None
    w.jobs.reset(created.job_id, jobs.JobSettings(name="j2", tasks=[_task("t1")]))
    settings = w.jobs.get(created.job_id).settings
    assert settings is not None and settings.name == "j2"
    assert settings.run_as == run_as
