"""The approval gate: destructive changes are refused unless approved, and the approval is
the digest of exactly one plan."""

from __future__ import annotations

from dataclasses import replace

import pytest

from data_iac.addresses import Address
from data_iac.cli.failure import exit_code_for, render_error
from data_iac.errors import DataIacError
from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.review.gates import (
    ALLOW_DESTROY_ENV,
    destructive_changes,
    plan_digest,
    require_approval,
)

GRANTS = ResourceChange(
    Address("databricks_grants", "catalog/main"),
    Action.UPDATE,
    {},
    {"grants": {}},
    diffs=(
        ("grants.account users", ["ALL_PRIVILEGES", "USE_CATALOG"], ["USE_CATALOG"]),
        ("grants.a.b@example.com", None, ["SELECT"]),
    ),
)
DELETE = ResourceChange(Address("databricks_schema", "main.raw"), Action.DELETE, {"x": 1})
CREATE = ResourceChange(Address("databricks_schema", "main.new"), Action.CREATE, None, {"x": 1})


def plan_of(*changes: ResourceChange, serial: int = 3) -> Plan:
    return Plan(plan_id="random", prior_lineage="lin", prior_serial=serial, changes=changes)


def test_deletes_replaces_and_revoked_privileges_are_destructive() -> None:
    replace_change = ResourceChange(
        Address("dataiku_dataset", "P.x"), Action.REPLACE, {"type": "a"}, {"type": "b"}
    )
    found = destructive_changes(plan_of(CREATE, GRANTS, DELETE, replace_change))
    assert [d.describe() for d in found] == [
        "databricks_grants.catalog/main: revoke ALL_PRIVILEGES from account users",
        "databricks_schema.main.raw: delete",
        "dataiku_dataset.P.x: replace (delete, then create)",
    ]


def test_access_entry_removed_from_a_list_is_a_revocation() -> None:
    old = [{"group_name": "admins", "permission_level": "CAN_MANAGE"}]
    change = ResourceChange(
        Address("databricks_permissions", "job/1"),
        Action.UPDATE,
        {},
        {},
        diffs=(("access_control_list", old, []),),
    )
    [found] = destructive_changes(plan_of(change))
    assert found.what == "revoke group_name=admins, permission_level=CAN_MANAGE"


def test_creates_and_granting_more_are_not_destructive() -> None:
    grant_more = replace(GRANTS, diffs=(("grants.x", ["SELECT"], ["SELECT", "MODIFY"]),))
    plan = plan_of(CREATE, grant_more)
    assert destructive_changes(plan) == []
    require_approval(plan, allow_destroy=False, env={})


def test_refused_without_approval_listing_the_changes() -> None:
    with pytest.raises(DataIacError) as caught:
        require_approval(plan_of(DELETE, GRANTS), allow_destroy=False, env={})
    text = render_error(caught.value)
    assert "refusing to apply 2 destructive change(s)" in text
    assert "databricks_schema.main.raw: delete" in text
    assert f"{ALLOW_DESTROY_ENV}={plan_digest(plan_of(DELETE, GRANTS))}" in text
    assert exit_code_for(caught.value) == 1


def test_the_digest_approves_exactly_that_plan() -> None:
    plan = plan_of(DELETE)
    require_approval(plan, allow_destroy=False, env={ALLOW_DESTROY_ENV: plan_digest(plan)})
    require_approval(plan, allow_destroy=True, env={})
    other = plan_of(DELETE, serial=4)
    with pytest.raises(DataIacError, match="approves another plan"):
        require_approval(other, allow_destroy=False, env={ALLOW_DESTROY_ENV: plan_digest(plan)})


def test_digest_ignores_the_plan_id_and_survives_a_save() -> None:
    plan = plan_of(DELETE, GRANTS)
    again = replace(plan, plan_id="another")
    assert plan_digest(plan) == plan_digest(again)
    assert plan_digest(Plan.from_json(plan.to_json())) == plan_digest(plan)
    assert plan_digest(plan).startswith("sha256:")
