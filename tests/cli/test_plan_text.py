from __future__ import annotations

from data_iac.addresses import Address
from data_iac.cli.views.plan_text import render_plan, summary_line
from data_iac.model.plan import Action, Plan, ResourceChange


def plan_of(*changes: ResourceChange) -> Plan:
    return Plan(plan_id="p", prior_lineage="l", prior_serial=1, changes=changes)


def text(plan: Plan) -> str:
    return "\n".join(line for line, _ in render_plan(plan))


def test_summary_counts_replace_as_add_and_destroy():
    plan = plan_of(
        ResourceChange(Address("k", "a"), Action.CREATE, None, {"x": 1}),
        ResourceChange(Address("k", "b"), Action.UPDATE, {"x": 1}, {"x": 2}, ("x",)),
        ResourceChange(Address("k", "c"), Action.REPLACE, {"t": 1}, {"t": 2}, ("t",)),
        ResourceChange(Address("k", "d"), Action.DELETE, {"x": 1}, None),
    )
    assert summary_line(plan) == "Plan: 2 to add, 1 to change, 2 to destroy."


def test_symbols_and_nested_attribute_lines():
    plan = plan_of(
        ResourceChange(Address("k", "a"), Action.CREATE, None, {"params": {"table": "t"}}),
        ResourceChange(
            Address("k", "b"),
            Action.UPDATE,
            {"params": {"table": "old"}},
            {"params": {"table": "new"}},
            ("params.table",),
        ),
        ResourceChange(Address("k", "c"), Action.REPLACE, {"type": "A"}, {"type": "B"}, ("type",)),
    )
    out = text(plan)
    assert "  + k.a" in out and '+ table = "t"' in out
    assert '~ params.table = "old" -> "new"' in out
    assert "-/+ k.c" in out and "forces replacement: type" in out


def test_sensitive_values_never_printed():
    plan = plan_of(
        ResourceChange(
            Address("k", "s"), Action.CREATE, None, {"value": "hunter2"}, sensitive=("value",)
        ),
        ResourceChange(
            Address("k", "t"),
            Action.UPDATE,
            {},
            {"value": "hunter3"},
            ("value",),
            sensitive=("value",),
        ),
    )
    out = text(plan)
    assert "hunter" not in out and "(sensitive)" in out
    assert "hunter" not in str(plan.to_json())


def test_empty_plan_says_no_changes():
    noop = ResourceChange(Address("k", "a"), Action.NOOP, {"x": 1}, {"x": 1})
    assert "No changes." in text(plan_of(noop))
