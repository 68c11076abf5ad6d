"""Policies in CEL over a plan and the desired state: located violations, deny and warn,
and the starter set shipped in examples/policies."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.cli.failure import render_error
from data_iac.errors import ConfigError, SourceLocation
from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.model.resource import DesiredState, Resource
from data_iac.policy import check_policies, load_rules

STARTER = Path(__file__).parents[2] / "examples" / "policies"
HERE = SourceLocation("stack.yml", 12, 5)


def desired(*resources: Resource) -> DesiredState:
    return DesiredState({r.address: r for r in resources})


def plan_of(*changes: ResourceChange) -> Plan:
    return Plan(plan_id="p", prior_lineage="l", prior_serial=1, changes=changes)


def test_starter_set_denies_a_catalog_delete_and_warns_on_a_missing_owner_tag() -> None:
    job = Resource(Address("databricks_job", "nightly"), {"name": "n", "tags": {"team": "x"}},
                   location=HERE)  # fmt: skip
    catalog = Address("databricks_catalog", "main")
    plan = plan_of(
        ResourceChange(catalog, Action.DELETE, {"name": "main"}, None),
        ResourceChange(job.address, Action.CREATE, None, dict(job.spec)),
    )
    found = check_policies(load_rules(STARTER), plan, desired(job))
    assert [(v.level, v.rule.name, str(v.address)) for v in found] == [
        ("deny", "no-catalog-or-project-delete", "databricks_catalog.main"),
        ("warn", "job-has-owner-tag", "databricks_job.nightly"),
    ]
    assert found[1].location == HERE
    assert str(found[0].rule.location).endswith("starter.yml:5:5")


def test_grants_in_either_form_and_plan_wide_limits() -> None:
    as_list = Resource(
        Address("databricks_grants", "catalog/a"),
        {"grants": [{"principal": "account users", "privileges": ["ALL_PRIVILEGES"]}]},
    )
    as_map = Resource(
        Address("databricks_grants", "catalog/b"), {"grants": {"account users": ["SELECT"]}}
    )
    deletes = [
        ResourceChange(Address("databricks_schema", f"s{i}"), Action.DELETE, {}, None)
        for i in range(11)
    ]
    found = check_policies(load_rules(STARTER), plan_of(*deletes), desired(as_list, as_map))
    assert {(v.rule.name, str(v.address)) for v in found} == {
        ("no-all-privileges-to-account-users", "databricks_grants.catalog/a"),
        ("at-most-10-destroys", "None"),
    }


def test_a_rule_that_cannot_be_evaluated_is_a_violation(tmp_path: Path) -> None:
    (tmp_path / "p.yml").write_text(
        "policies:\n  - name: owner\n    assert: change.after.tags.owner == 'x'\n"
    )
    plan = plan_of(ResourceChange(Address("k", "a"), Action.CREATE, None, {"name": "a"}))
    [found] = check_policies(load_rules(tmp_path), plan, desired())
    assert found.level == "deny" and "could not be evaluated" in found.reason


def test_bad_rules_are_located(tmp_path: Path) -> None:
    (tmp_path / "p.yml").write_text("policies:\n  - name: broken\n    assert: '1 +'\n")
    with pytest.raises(ConfigError) as caught:
        load_rules(tmp_path)
    text = render_error(caught.value)
    assert "does not compile" in text and "p.yml:2:" in text
    (tmp_path / "p.yml").write_text("policies:\n  - name: x\n    assert: 'true'\n    levle: warn\n")
    with pytest.raises(ConfigError, match="unknown field"):
        load_rules(tmp_path)
    with pytest.raises(ConfigError, match="does not exist"):
        load_rules(tmp_path / "missing")
