"""Clusters API through the real SDK against the emulator."""

from __future__ import annotations

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, ResourceDoesNotExist
from databricks.sdk.service import compute

from data_iac.emulator.server import Emulator
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture

SPEC = {"cluster_name": "c", "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge"}


def _create(w: WorkspaceClient, **extra: object) -> str:
    cluster_id = w.clusters.create(**{**SPEC, "num_workers": 1, **extra}).response.cluster_id
    assert cluster_id is not None
    return cluster_id


def test_create_sends_the_captured_body_and_is_running_on_first_get(
    emu: Emulator, w: WorkspaceClient
):
    sent = capture(emu)
    cluster_id = _create(w, autotermination_minutes=20, custom_tags={"team": "x"})
    assert bodies(sent) == [
        {
            "autotermination_minutes": 20,
            "cluster_name": "c",
            "custom_tags": {"team": "x"},
            "node_type_id": "i3.xlarge",
            "num_workers": 1,
            "spark_version": "15.4.x-scala2.12",
        }
    ]
    details = w.clusters.get(cluster_id)
    assert details.state == compute.State.RUNNING
    assert details.cluster_source == compute.ClusterSource.API
    assert details.custom_tags == {"team": "x"}
    assert details.default_tags and details.default_tags["ClusterId"] == cluster_id


def test_get_response_round_trips(w: WorkspaceClient):
    cluster_id = _create(w, autoscale=compute.AutoScale(1, 3), spark_conf={"a": "b"})
    raw = w.api_client.do("GET", "/api/2.1/clusters/get", query={"cluster_id": cluster_id})
    assert isinstance(raw, dict)
    assert_round_trips(compute.ClusterDetails, raw)


def test_edit_replaces_the_spec(emu: Emulator, w: WorkspaceClient):
    cluster_id = _create(w)
    sent = capture(emu)
    w.clusters.edit(cluster_id, num_workers=2, **SPEC)
    assert bodies(sent) == [
        {
            "cluster_id": cluster_id,
            "cluster_name": "c",
            "node_type_id": "i3.xlarge",
            "num_workers": 2,
            "spark_version": "15.4.x-scala2.12",
        }
    ]
    details = w.clusters.get(cluster_id)
    assert details.num_workers == 2 and details.state == compute.State.RUNNING


def test_delete_terminates_and_permanent_delete_removes(w: WorkspaceClient):
    cluster_id = _create(w)
    w.clusters.delete(cluster_id)
    assert w.clusters.get(cluster_id).state == compute.State.TERMINATED
    w.clusters.start(cluster_id)
    assert w.clusters.get(cluster_id).state == compute.State.RUNNING
    w.clusters.permanent_delete(cluster_id)
    with pytest.raises(ResourceDoesNotExist, match=f"Cluster {cluster_id} does not exist"):
        w.clusters.get(cluster_id)


def test_missing_cluster_answers_400_invalid_parameter_value(w: WorkspaceClient):
    with pytest.raises(ResourceDoesNotExist) as caught:
        w.clusters.get("nope")
    assert caught.value.error_code == "INVALID_PARAMETER_VALUE"
    with pytest.raises(InvalidParameterValue, match="Cluster nope does not exist"):
        w.clusters.edit("nope", **SPEC)


def test_list_pages(small_w: WorkspaceClient):
    ids = sorted(_create(small_w, cluster_name=f"c{i}") for i in range(5))
    assert sorted(c.cluster_id for c in small_w.clusters.list()) == ids
    raw = small_w.api_client.do("GET", "/api/2.1/clusters/list")
    assert isinstance(raw, dict) and len(raw["clusters"]) == 2 and raw["next_page_token"]
    assert_round_trips(compute.ListClustersResponse, raw)


def test_reference_lists(w: WorkspaceClient):
    assert w.clusters.select_spark_version(latest=True, long_term_support=False)
    assert w.clusters.list_node_types().node_types
