"""databricks_entitlements on the emulator's workspace SCIM. Facts and sources: the
entitlement values (``allow-cluster-create``, ``workspace-access``...) and the conflict of
``workspace_consume`` with ``workspace_access``/``databricks_sql_access`` are
databricks/terraform-provider-databricks ``scim/entitlements.go`` @f1697cb; values are added
and removed by SCIM PATCH (``remove`` with ``entitlements[value eq "..."]``, the same
file's callers in ``scim/resource_entitlement.go``)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.kinds import spec_of
from data_iac.kinds.databricks.entitlements import Entitlements
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.entitlements import Handler
from tests.providers.databricks.lifecycle import assert_no_diff

KIND = "databricks_entitlements"


def test_lifecycle_on_a_group(dbx: DatabricksClient) -> None:
    group = dbx.w.groups.create(display_name="analysts")
    handler = Handler(dbx)
    spec = {"group_id": group.id, "workspace_access": True, "databricks_sql_access": True}
    changed = {**spec, "databricks_sql_access": False, "allow_cluster_create": True}
    address = Address(KIND, "analysts")
    created = handler.create(address, spec)
    assert created.remote_id == f"group/{group.id}"
    assert_no_diff(handler, spec, created)
    assert diff_attributes(changed, created.attributes, handler.schema)
    updated = handler.update(address, created, changed)
    assert_no_diff(handler, changed, updated)
    handler.delete(address, updated)
    left = {e.value for e in dbx.w.groups.get(group.id).entitlements or []}
    assert left == set()  # delete took back what the resource granted
    # the object lives as long as its principal (the Terraform provider's read, too)
    dbx.w.groups.delete(group.id)
    assert handler.read(address, created.remote_id) is None


def test_unwritten_entitlements_are_left_alone(dbx: DatabricksClient) -> None:
    user = dbx.w.users.create(user_name="ana@example.com")
    handler = Handler(dbx)
    first = handler.create(Address(KIND, "ana"), {"user_id": user.id, "allow_cluster_create": True})
    handler.create(Address(KIND, "ana2"), {"user_id": user.id, "workspace_access": True})
    read = handler.read(Address(KIND, "ana"), first.remote_id)
    assert read is not None
    assert read.attributes["allow_cluster_create"] and read.attributes["workspace_access"]
    assert handler.read(Address(KIND, "x"), "user/404404") is None


def test_the_config_names_one_principal_and_no_conflict() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        Entitlements.model_validate({"workspace_access": True})
    with pytest.raises(ValidationError, match="workspace_consume"):
        Entitlements.model_validate(
            {"group_id": "1", "workspace_consume": True, "workspace_access": True}
        )
    assert spec_of(KIND).immutable == {"user_id", "group_id", "service_principal_id"}
