from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import DependencyCycleError, LifecycleError
from data_iac.model.plan import Action
from data_iac.model.resource import Lifecycle, Observed
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.planning.planner import PlanOptions, make_plan
from tests.fakes import desired, schema_of, thing


def state_with(**entries: dict) -> StateSnapshot:
    snapshot = StateSnapshot.empty()
    for key, attrs in entries.items():
        deps = tuple(Address.parse(d) for d in attrs.pop("__deps", ()))
        snapshot = snapshot.with_resource(
            Address.parse(f"fake_thing.{key}"),
            ResourceState("fake_thing", f"id-{key}", attrs, deps),
        )
    return snapshot


def actions(plan) -> dict[str, Action]:
    return {str(c.address): c.action for c in plan.changes}


def test_new_resources_are_created_in_dependency_order():
    plan = make_plan(desired(thing("b", ("a",)), thing("a")), StateSnapshot.empty(), schema_of)
    assert [str(c.address) for c in plan.changes] == ["fake_thing.a", "fake_thing.b"]
    assert all(c.action is Action.CREATE for c in plan.changes)
    assert plan.changes[1].depends_on == (Address("fake_thing", "a"),)


def test_unchanged_resource_is_noop_and_plan_is_empty():
    plan = make_plan(desired(thing("a", size=1)), state_with(a={"name": "a", "size": 1}), schema_of)
    assert plan.is_empty
    assert actions(plan) == {"fake_thing.a": Action.NOOP}


def test_unset_field_is_never_a_difference():
    current = state_with(a={"name": "a", "size": 1, "extra": "server"})
    assert make_plan(desired(thing("a", size=1)), current, schema_of).is_empty


def test_nested_change_is_reported_to_the_attribute():
    current = state_with(a={"name": "a", "params": {"x": 1, "y": 2}})
    plan = make_plan(desired(thing("a", params={"x": 1, "y": 3})), current, schema_of)
    (change,) = plan.actionable
    assert change.action is Action.UPDATE
    assert change.reasons == ("params.y",)


def test_immutable_field_change_plans_replace():
    current = state_with(a={"name": "old"})
    plan = make_plan(desired(thing("a")), current, schema_of)
    assert actions(plan)["fake_thing.a"] is Action.REPLACE


def test_unordered_list_compared_as_set():
    current = state_with(a={"name": "a", "tags": ["y", "x"]})
    assert make_plan(desired(thing("a", tags=["x", "y"])), current, schema_of).is_empty


def test_removed_resources_are_deleted_dependants_first():
    current = state_with(
        proj={"name": "proj"},
        ds={"name": "ds", "__deps": ["fake_thing.proj"]},
        rec={"name": "rec", "__deps": ["fake_thing.ds", "fake_thing.proj"]},
    )
    plan = make_plan(desired(), current, schema_of)
    assert [str(c.address) for c in plan.changes] == [
        "fake_thing.rec",
        "fake_thing.ds",
        "fake_thing.proj",
    ]
    by = {str(c.address): c for c in plan.changes}
    assert Address("fake_thing", "ds") in by["fake_thing.proj"].depends_on


def test_prevent_destroy_refuses_replace_and_destroy():
    guarded = thing("a", lifecycle=Lifecycle(prevent_destroy=True))
    with pytest.raises(LifecycleError):
        make_plan(
            desired(guarded), state_with(a={"name": "a"}), schema_of, PlanOptions(destroy=True)
        )
    with pytest.raises(LifecycleError):
        make_plan(desired(guarded), state_with(a={"name": "other"}), schema_of)


def test_ignore_changes_leaves_named_fields_alone():
    resource = thing("a", size=2, lifecycle=Lifecycle(ignore_changes=("size",)))
    assert make_plan(desired(resource), state_with(a={"name": "a", "size": 1}), schema_of).is_empty


def test_cycle_is_an_error_naming_the_loop():
    with pytest.raises(DependencyCycleError) as info:
        make_plan(desired(thing("a", ("b",)), thing("b", ("a",))), StateSnapshot.empty(), schema_of)
    assert "fake_thing.a" in str(info.value) and "fake_thing.b" in str(info.value)


def test_refresh_reports_drift_and_plans_the_way_back():
    current = state_with(a={"name": "a", "size": 1})
    observed = {Address("fake_thing", "a"): Observed("id-a", {"name": "a", "size": 5})}
    plan = make_plan(
        desired(thing("a", size=1)), current, schema_of, PlanOptions(observed=observed)
    )
    assert [d.reasons for d in plan.drift] == [("changed outside data-iac",)]
    assert actions(plan)["fake_thing.a"] is Action.UPDATE


def test_object_deleted_outside_is_recreated():
    current = state_with(a={"name": "a"})
    plan = make_plan(
        desired(thing("a")),
        current,
        schema_of,
        PlanOptions(observed={Address("fake_thing", "a"): None}),
    )
    assert actions(plan)["fake_thing.a"] is Action.CREATE
    assert plan.drift[0].action is Action.DELETE


def test_target_limits_plan_to_address_and_dependencies():
    plan = make_plan(
        desired(thing("a"), thing("b", ("a",)), thing("c")),
        StateSnapshot.empty(),
        schema_of,
        PlanOptions(targets=frozenset({Address("fake_thing", "b")})),
    )
    assert set(actions(plan)) == {"fake_thing.a", "fake_thing.b"}


def test_plan_round_trips_through_json():
    from data_iac.model.plan import Plan

    plan = make_plan(desired(thing("b", ("a",)), thing("a")), StateSnapshot.empty(), schema_of)
    assert Plan.from_json(plan.to_json(include_noop=True)).changes == plan.changes


def test_a_reference_to_a_replaced_object_is_known_only_after_apply():
    from data_iac.model.references import canonical_reference
    from data_iac.model.resource import Resource

    ref = canonical_reference(Address("fake_thing", "a"), "id")
    user = Resource(Address("fake_thing", "b"), {"name": "b", "parent": ref},
                    frozenset({Address("fake_thing", "a")}))  # fmt: skip
    current = state_with(a={"name": "old"}, b={"name": "b", "parent": "id-a"})
    unchanged = make_plan(
        desired(thing("a", size=1), user),
        state_with(a={"name": "a", "size": 1}, b={"name": "b", "parent": "id-a"}),
        schema_of,
    )
    assert unchanged.is_empty
    plan = make_plan(desired(thing("a"), user), current, schema_of)
    assert actions(plan) == {"fake_thing.a": Action.REPLACE, "fake_thing.b": Action.UPDATE}
    (user_change,) = [c for c in plan.changes if c.address == user.address]
    assert user_change.reasons == ("parent",)
    assert user_change.depends_on == (Address("fake_thing", "a"),)
