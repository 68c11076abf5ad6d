"""The emulator refuses what the services refuse, with their error code, through the real
SDK: cluster ``autotermination_minutes`` outside 0 / 10-10000 and a negative
``num_workers`` (databricks-sdk 0.162.0 compute.ClusterSpec docstrings), warehouse
``auto_stop_mins`` below 10 but not 0 and ``max_num_clusters`` above 40
(sql.CreateWarehouseRequest docstrings), a job cluster no task uses, ``max_concurrent_runs``
above 1000 (jobs.JobSettings docstring), a jobs listing ``limit`` above 100 (jobs.list
docstring), a pipelines listing
``max_results`` above 100 (pipelines.list_pipelines) and a negative Unity Catalog
``max_results`` (catalogs.list docstring)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue

from data_iac.emulator.server import Emulator
from tests.shared_emulator import _shared_emulator, emulator, sdk_client  # noqa: F401

SPARK = "15.4.x-scala2.12"


@pytest.fixture
def w(emulator: Emulator) -> WorkspaceClient:  # noqa: F811
    return sdk_client(emulator, "dapi-test")


def _job(**settings: Any) -> dict[str, Any]:
    return {
        "name": "j",
        "tasks": [{"task_key": "a", "job_cluster_key": "main",
                   "notebook_task": {"notebook_path": "/a"}}],
        "job_clusters": [{"job_cluster_key": "main",
                          "new_cluster": {"spark_version": SPARK, "num_workers": 1}}],
        **settings,
    }  # fmt: skip


IDLE = {"job_cluster_key": "idle", "new_cluster": {"spark_version": SPARK, "num_workers": 1}}
REFUSED: dict[str, Callable[[WorkspaceClient], Any]] = {
    "autotermination 5": lambda w: w.clusters.create(
        spark_version=SPARK, num_workers=1, autotermination_minutes=5
    ),
    "autotermination 10001": lambda w: w.clusters.create(
        spark_version=SPARK, num_workers=1, autotermination_minutes=10001
    ),
    "negative workers": lambda w: w.clusters.create(spark_version=SPARK, num_workers=-1),
    "auto stop 9": lambda w: w.warehouses.create(name="x", cluster_size="Small", auto_stop_mins=9),
    "41 clusters": lambda w: w.warehouses.create(
        name="x", cluster_size="Small", max_num_clusters=41
    ),
    "unused job cluster": lambda w: w.api_client.do(
        "POST", "/api/2.2/jobs/create", body=_job(job_clusters=[*_job()["job_clusters"], IDLE])
    ),
    "undefined job cluster": lambda w: w.api_client.do(
        "POST", "/api/2.2/jobs/create", body=_job(job_clusters=[{**IDLE, "job_cluster_key": "x"}])
    ),
    "26 job tags": lambda w: w.api_client.do(
        "POST", "/api/2.2/jobs/create", body=_job(tags={f"t{i}": "x" for i in range(26)})
    ),
    "1001 tasks": lambda w: w.api_client.do(
        "POST",
        "/api/2.2/jobs/create",
        body=_job(job_clusters=[], tasks=[{"task_key": f"t{i}"} for i in range(1001)]),
    ),
    "46 cluster tags": lambda w: w.clusters.create(
        spark_version=SPARK, num_workers=1, custom_tags={f"t{i}": "x" for i in range(46)}
    ),
    "1001 runs": lambda w: w.api_client.do(
        "POST", "/api/2.2/jobs/create", body=_job(max_concurrent_runs=1001)
    ),
    "limit 101": lambda w: list(w.jobs.list(limit=101)),
    "pipelines 101": lambda w: list(w.pipelines.list_pipelines(max_results=101)),
    "negative max_results": lambda w: list(w.catalogs.list(max_results=-1)),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_emulator_refuses_what_the_service_refuses(w: WorkspaceClient, case: str) -> None:
    with pytest.raises(InvalidParameterValue):
        REFUSED[case](w)


def test_the_limits_themselves_are_accepted(w: WorkspaceClient) -> None:
    w.clusters.create(spark_version=SPARK, num_workers=0, autotermination_minutes=0)
    w.clusters.create(spark_version=SPARK, num_workers=1, autotermination_minutes=10000)
    w.warehouses.create(name="a", cluster_size="Small", auto_stop_mins=0, max_num_clusters=40)
    w.warehouses.create(name="b", cluster_size="Small", auto_stop_mins=10)
    w.api_client.do("POST", "/api/2.2/jobs/create", body=_job(max_concurrent_runs=1000))
    assert len(list(w.jobs.list(limit=100))) == 1
