"""Clusters, DLT pipelines, SQL warehouses and cluster policies on the wire.

Sources (databricks/cli at 7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f, ``Cloud = true``):

- ``acceptance/bundle/resources/clusters/deploy/local_ssd_count/out.requests.direct.json``:
  ``POST /api/2.1/clusters/create`` with ``cluster_name``, ``spark_version``,
  ``node_type_id`` (text) and ``autotermination_minutes`` (a number).
- ``acceptance/selftest/record_cloud/pipeline-crud/output.txt``: ``POST /api/2.0/pipelines``
  with ``name`` and ``libraries[]`` of ``{file|notebook: {path}}``; ``PUT
  /api/2.0/pipelines/<id>`` with the whole spec; a deleted pipeline answers
  "The specified pipeline <id> was not found.".
- ``libs/testserver/sql_warehouses.go`` and databricks-sdk 0.162 ``service/sql.py``
  (``WarehousesAPI.create``, ``GetWarehouseResponse``; ``State`` and ``CreateWarehouseRequest
  WarehouseType`` enums) for warehouses; ``service/compute.py`` (``ClusterPoliciesAPI.create``,
  ``Policy``) for policies.

Every key must also be a parameter of the SDK method sending it or a field of the SDK's
answer dataclass.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import NotFound
from databricks.sdk.service import compute, pipelines, sql

from data_iac.addresses import Address
from data_iac.emulator.server import Emulator
from data_iac.providers.base import ResourceHandler
from tests.wire.shapes import OneOf, mismatches, unknown_arguments, unknown_fields
from tests.wire.wire import body_of, create, sent

CLUSTER = {
    "cluster_name": "shared",
    "spark_version": "15.4.x-scala2.12",
    "node_type_id": "i3.xlarge",
    "num_workers": 1,
    "autotermination_minutes": 60,
}
CLUSTER_SHAPE = {
    "cluster_name": str,
    "spark_version": str,
    "node_type_id": str,
    "autotermination_minutes": int,
}
CLUSTER_ANSWER = {
    "cluster_id": str,
    "cluster_name": str,
    "spark_version": str,
    "state": OneOf({s.value for s in compute.State}),
}
PIPELINE = {
    "name": "bronze",
    "catalog": "main",
    "schema": "bronze",
    "libraries": [{"file": {"path": "/whatever.py"}}],
}
PIPELINE_SHAPE = {"name": str, "libraries": [{"file": {"path": str}}]}
PIPELINE_ANSWER = {"pipeline_id": str, "name": str, "spec": {"name": str, "libraries": [dict]}}
WAREHOUSE = {"name": "bi", "cluster_size": "Small", "max_num_clusters": 1, "auto_stop_mins": 15}
WAREHOUSE_SHAPE = {"name": str, "cluster_size": str, "max_num_clusters": int, "auto_stop_mins": int}
WAREHOUSE_ANSWER = {
    "id": str,
    "name": str,
    "cluster_size": str,
    "state": OneOf({s.value for s in sql.State}),
}


def test_cluster_create_and_get(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    requests = sent(emulator)
    created = create(handlers, "databricks_cluster", "shared", CLUSTER)
    body = body_of(requests, "POST", r"/api/2\.\d/clusters/create")
    assert mismatches(body, CLUSTER_SHAPE) == []
    assert unknown_arguments(body, compute.ClustersAPI.create) == []
    answer = w.api_client.do(
        "GET", "/api/2.1/clusters/get", query={"cluster_id": created.remote_id}
    )
    assert mismatches(answer, CLUSTER_ANSWER) == []
    assert unknown_fields(answer, compute.ClusterDetails) == []


def test_pipeline_create_update_get_and_gone(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    requests = sent(emulator)
    created = create(handlers, "databricks_pipeline", "bronze", PIPELINE)
    body = body_of(requests, "POST", r"/api/2\.0/pipelines")
    assert mismatches(body, PIPELINE_SHAPE) == []
    assert unknown_arguments(body, pipelines.PipelinesAPI.create) == []
    requests.clear()
    address = Address("databricks_pipeline", "bronze")
    handlers["databricks_pipeline"].update(address, created, {**PIPELINE, "name": "bronze-2"})
    body = body_of(requests, "PUT", rf"/api/2\.0/pipelines/{created.remote_id}")
    assert mismatches(body, PIPELINE_SHAPE) == []
    assert unknown_arguments(body, pipelines.PipelinesAPI.update) == []
    answer = w.api_client.do("GET", f"/api/2.0/pipelines/{created.remote_id}")
    assert mismatches(answer, PIPELINE_ANSWER) == []
    assert unknown_fields(answer, pipelines.GetPipelineResponse) == []
    handlers["databricks_pipeline"].delete(address, created)
    with pytest.raises(NotFound, match=f"The specified pipeline {created.remote_id} was not found"):
        w.pipelines.get(created.remote_id)


def test_warehouse_create_and_get(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    requests = sent(emulator)
    created = create(handlers, "databricks_sql_warehouse", "bi", WAREHOUSE)
    body = body_of(requests, "POST", r"/api/2\.0/sql/warehouses/?")
    assert mismatches(body, WAREHOUSE_SHAPE) == []
    assert unknown_arguments(body, sql.WarehousesAPI.create) == []
    answer = w.api_client.do("GET", f"/api/2.0/sql/warehouses/{created.remote_id}")
    assert mismatches(answer, WAREHOUSE_ANSWER) == []
    assert unknown_fields(answer, sql.GetWarehouseResponse) == []


def test_cluster_policy_create_and_get(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    definition = {"spark_version": {"type": "fixed", "value": "15.4.x-scala2.12"}}
    requests = sent(emulator)
    created = create(
        handlers, "databricks_cluster_policy", "small", {"name": "small", "definition": definition}
    )
    body = body_of(requests, "POST", r"/api/2\.0/policies/clusters/create")
    assert mismatches(body, {"name": str, "definition": str}) == []
    assert json.loads(body["definition"]) == definition  # a JSON document in a string
    assert unknown_arguments(body, compute.ClusterPoliciesAPI.create) == []
    answer = w.api_client.do(
        "GET", "/api/2.0/policies/clusters/get", query={"policy_id": created.remote_id}
    )
    assert mismatches(answer, {"policy_id": str, "name": str, "definition": str}) == []
    assert unknown_fields(answer, compute.Policy) == []
