"""Jobs and their ACLs on the wire: what the providers send and what the emulator answers,
held to shapes taken from runs on real workspaces.

Sources (databricks/cli at 7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f, tests whose
``test.toml`` says ``Cloud = true``):

- ``acceptance/bundle/run_as/job_default/output.txt``: ``POST /api/2.2/jobs/create`` with
  ``name``, ``run_as.user_name``, ``tasks[].task_key``, ``tasks[].notebook_task.notebook_path``,
  ``tasks[].new_cluster.{spark_version, node_type_id, num_workers}``; ``POST
  /api/2.2/jobs/reset`` with ``job_id`` (a number) and ``new_settings``.
- ``acceptance/bundle/resources/permissions/jobs/current_can_manage_run/out.deploy.requests.json``:
  ``PUT /api/2.0/permissions/jobs/<id>`` with ``access_control_list[].permission_level``
  ``IS_OWNER`` for one principal.
- ``acceptance/bundle/resources/permissions/factcheck/check_permissions.py``: the answer
  holds ``access_control_list[].all_permissions[].{permission_level, inherited}``.

Every key sent or answered must also be a field of the SDK's own dataclass
or a parameter of the SDK method sending it (databricks-sdk 0.162 ``service/jobs.py``
``JobsAPI.create``/``reset`` and ``Job``; ``service/iam.py`` ``PermissionsAPI.set`` and
``ObjectPermissions``).
"""

from __future__ import annotations

from collections.abc import Mapping

from databricks.sdk import WorkspaceClient
from databricks.sdk.service import iam, jobs

from data_iac.addresses import Address
from data_iac.emulator.server import Emulator
from data_iac.providers.base import ResourceHandler
from tests.wire.shapes import OneOf, mismatches, unknown_arguments, unknown_fields
from tests.wire.wire import body_of, create, sent

TASK = {
    "task_key": "task_one",
    "notebook_task": {"notebook_path": "/Shared/test"},
    "new_cluster": {
        "spark_version": "15.4.x-scala2.12",
        "node_type_id": "i3.xlarge",
        "num_workers": 1,
    },
}
JOB = {"name": "nightly", "tasks": [TASK], "run_as": {"user_name": "emulator-user@example.com"}}
CREATE_SHAPE = {
    "name": str,
    "run_as": {"user_name": str},
    "tasks": [
        {
            "task_key": str,
            "notebook_task": {"notebook_path": str},
            "new_cluster": {"spark_version": str, "node_type_id": str, "num_workers": int},
        }
    ],
}
RESET_SHAPE = {"job_id": int, "new_settings": {"name": str, "tasks": [{"task_key": str}]}}
# What ``jobs get`` answers: the SDK's ``Job`` (service/jobs.py) and the testserver's
# JobsGet (libs/testserver/jobs.go): a numeric id, the creator, the settings with the
# server-filled ``format``.
GET_SHAPE = {
    "job_id": int,
    "creator_user_name": str,
    "created_time": int,
    "settings": {"name": str, "format": OneOf({"MULTI_TASK", "SINGLE_TASK"})},
}
LEVELS = OneOf({"CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"})
ACL_SHAPE = {"access_control_list": [{"permission_level": LEVELS}]}
ACL_ANSWER_SHAPE = {
    "object_id": str,
    "object_type": OneOf({"job"}),
    "access_control_list": [{"all_permissions": [{"permission_level": LEVELS, "inherited": bool}]}],
}


def test_job_create_reset_and_get(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    requests = sent(emulator)
    created = create(handlers, "databricks_job", "nightly", JOB)
    body = body_of(requests, "POST", r"/api/2\.\d/jobs/create")
    assert mismatches(body, CREATE_SHAPE) == []
    assert unknown_arguments(body, jobs.JobsAPI.create) == []
    requests.clear()
    handlers["databricks_job"].update(
        Address("databricks_job", "nightly"), created, {**JOB, "name": "nightly-2"}
    )
    reset = body_of(requests, "POST", r"/api/2\.\d/jobs/(reset|update)")
    assert mismatches(reset, RESET_SHAPE) == []
    assert unknown_arguments(reset, jobs.JobsAPI.reset) == []
    answer = w.api_client.do("GET", "/api/2.2/jobs/get", query={"job_id": created.remote_id})
    assert mismatches(answer, GET_SHAPE) == []
    assert unknown_fields(answer, jobs.Job) == []


def test_job_acl_put_holds_one_owner_and_the_answer_has_the_real_shape(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    job = create(handlers, "databricks_job", "nightly", JOB)
    spec = {
        "object_type": "jobs",
        "object_id": job.remote_id,
        "access_control_list": [{"group_name": "users", "permission_level": "CAN_VIEW"}],
    }
    requests = sent(emulator)
    create(handlers, "databricks_permissions", "nightly", spec)
    body = body_of(requests, "PUT", rf"/api/2\.0/permissions/jobs/{job.remote_id}")
    assert mismatches(body, ACL_SHAPE) == []
    assert unknown_arguments(body, iam.PermissionsAPI.set) == []
    owners = [e for e in body["access_control_list"] if e["permission_level"] == "IS_OWNER"]
    assert len(owners) == 1
    answer = w.api_client.do("GET", f"/api/2.0/permissions/jobs/{job.remote_id}")
    assert mismatches(answer, ACL_ANSWER_SHAPE) == []
    assert unknown_fields(answer, iam.ObjectPermissions) == []
