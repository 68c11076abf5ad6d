from __future__ import annotations

from data_iac.addresses import Address
from data_iac.model.plan import Action, Plan, ResourceChange


def test_plan_summary_and_emptiness():
    noop = ResourceChange(Address("k", "a"), Action.NOOP, {}, {})
    plan = Plan("p", "lineage", 3, changes=(noop,))
    assert plan.is_empty and not plan.has_destroys
    replace = ResourceChange(Address("k", "b"), Action.REPLACE, {"t": 1}, {"t": 2}, ("t",))
    plan = Plan("p", "lineage", 3, changes=(noop, replace))
    assert plan.summary() == {"create": 0, "update": 0, "replace": 1, "delete": 0}
    assert plan.has_destroys and plan.actionable == (replace,)


def test_plan_json_round_trip_masks_sensitive_values():
    change = ResourceChange(
        Address("databricks_secret", "s.k"),
        Action.CREATE,
        None,
        {"key": "k", "string_value": "hunter2"},
        sensitive=("string_value",),
        dependencies=(Address.parse("databricks_secret_scope.s"),),
        diffs=(("key", None, "k"),),
    )
    data = Plan("p", "lineage", 7, changes=(change,)).to_json()
    assert data["changes"][0]["after"]["string_value"] == "(sensitive)"
    assert "hunter2" not in str(data)
    back = Plan.from_json(data)
    assert back.prior_serial == 7 and back.changes[0].dependencies == change.dependencies
    assert back.changes[0].diffs == change.diffs
