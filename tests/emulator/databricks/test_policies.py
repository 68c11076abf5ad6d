"""Cluster policies through the real SDK against the emulator."""

from __future__ import annotations

import json

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import BadRequest, NotFound
from databricks.sdk.service import compute

from data_iac.emulator.server import Emulator
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture

DEFINITION = json.dumps({"spark_version": {"type": "fixed", "value": "15.4.x-scala2.12"}})


def test_create_get_round_trip(emu: Emulator, w: WorkspaceClient):
    sent = capture(emu)
    policy_id = w.cluster_policies.create(
        name="p", definition=DEFINITION, description="d"
    ).policy_id
    assert bodies(sent) == [{"definition": DEFINITION, "description": "d", "name": "p"}]
    policy = w.cluster_policies.get(policy_id)
    assert (policy.name, policy.definition, policy.creator_user_name) == (
        "p",
        DEFINITION,
        "emulator-user@example.com",
    )
    raw = w.api_client.do("GET", "/api/2.0/policies/clusters/get", query={"policy_id": policy_id})
    assert isinstance(raw, dict)
    assert_round_trips(compute.Policy, raw)


def test_names_are_unique_on_create_and_edit(w: WorkspaceClient):
    first = w.cluster_policies.create(name="p", definition=DEFINITION).policy_id
    second = w.cluster_policies.create(name="q", definition=DEFINITION).policy_id
    with pytest.raises(BadRequest, match="already exists"):
        w.cluster_policies.create(name="p", definition=DEFINITION)
    with pytest.raises(BadRequest, match="already exists"):
        w.cluster_policies.edit(second, name="p", definition=DEFINITION)
    w.cluster_policies.edit(first, name="p", definition="{}", description="new")
    assert w.cluster_policies.get(first).description == "new"


def test_invalid_definition_is_refused(w: WorkspaceClient):
    with pytest.raises(BadRequest, match="Invalid policy definition"):
        w.cluster_policies.create(name="p", definition="{not json")


def test_list_and_delete(w: WorkspaceClient):
    ids = [w.cluster_policies.create(name=n, definition="{}").policy_id for n in ("b", "a")]
    listed = w.cluster_policies.list(sort_column=compute.ListSortColumn.POLICY_NAME)
    assert [p.name for p in listed] == ["a", "b"]
    raw = w.api_client.do("GET", "/api/2.0/policies/clusters/list")
    assert isinstance(raw, dict)
    assert_round_trips(compute.ListPoliciesResponse, raw)
    w.cluster_policies.delete(ids[0])
    with pytest.raises(NotFound, match="Can't find a cluster policy"):
        w.cluster_policies.get(ids[0])
