from __future__ import annotations

import json

from data_iac.addresses import Address
from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.result import OutcomeStatus
from data_iac.model.references import canonical_reference
from data_iac.model.resource import Resource
from data_iac.model.state import StateSnapshot
from data_iac.planning.planner import make_plan
from tests.fakes import FakePlatform, MemoryState, desired, handlers, schema_of, thing


def run(config, state: MemoryState, platform: FakePlatform, parallelism: int = 4):
    plan = make_plan(config, state.current, schema_of)
    return apply_plan(
        plan, handlers(platform), state.current, state.write, ApplyOptions(parallelism=parallelism)
    )


def test_apply_creates_everything_and_checkpoints_behind_the_walk():
    platform, state = FakePlatform(), MemoryState()
    config = desired(thing("a"), thing("b", ("a",)), thing("c", ("b",)))
    result = run(config, state, platform)
    assert result.ok
    assert set(platform.objects) == {"id-a", "id-b", "id-c"}
    # Checkpoints coalesce (the journal covers the gap); serials still grow one by one.
    serials = [s.serial for s in state.snapshots]
    assert serials == list(range(len(serials))) and len(serials) >= 2
    assert result.final_state == state.current
    assert make_plan(config, state.current, schema_of).is_empty


def test_failure_skips_dependants_and_lets_independent_actions_finish():
    platform, state = FakePlatform(), MemoryState()
    platform.fail_on.add("fake_thing.b")
    config = desired(thing("a"), thing("b", ("a",)), thing("c", ("b",)), thing("x"))
    result = run(config, state, platform)
    status = {str(o.address): o.status for o in result.outcomes}
    assert status == {
        "fake_thing.a": OutcomeStatus.DONE,
        "fake_thing.b": OutcomeStatus.FAILED,
        "fake_thing.c": OutcomeStatus.SKIPPED,
        "fake_thing.x": OutcomeStatus.DONE,
    }
    assert "fake_thing.b" in result.with_status(OutcomeStatus.SKIPPED)[0].message
    # state records exactly what was done
    assert {str(a) for a in state.current.resources} == {"fake_thing.a", "fake_thing.x"}
    assert set(platform.objects) == {"id-a", "id-x"}


def test_rerun_after_failure_converges():
    platform, state = FakePlatform(), MemoryState()
    platform.fail_on.add("fake_thing.b")
    config = desired(thing("a"), thing("b", ("a",)))
    run(config, state, platform)
    platform.fail_on.clear()
    assert run(config, state, platform).ok
    assert make_plan(config, state.current, schema_of).is_empty


def test_destroy_deletes_in_reverse_dependency_order():
    from data_iac.planning.planner import PlanOptions

    platform, state = FakePlatform(), MemoryState()
    config = desired(thing("a"), thing("b", ("a",)), thing("c", ("b",)))
    run(config, state, platform)
    platform.calls.clear()
    plan = make_plan(config, state.current, schema_of, PlanOptions(destroy=True))
    apply_plan(plan, handlers(platform), state.current, state.write, ApplyOptions(parallelism=8))
    assert [c for op, c in platform.calls if op == "delete"] == [
        "fake_thing.c",
        "fake_thing.b",
        "fake_thing.a",
    ]
    assert not state.current.resources and not platform.objects


def test_references_resolve_from_state_at_apply_time():
    platform, state = FakePlatform(), MemoryState()
    ref = canonical_reference(Address("fake_thing", "a"), "id")
    user = Resource(
        Address("fake_thing", "b"),
        {"name": "b", "parent": ref},
        frozenset({Address("fake_thing", "a")}),
    )
    config = desired(thing("a"), user)
    assert run(config, state, platform).ok
    assert platform.objects["id-b"]["parent"] == "id-a"
    assert make_plan(config, state.current, schema_of).is_empty


def test_sensitive_values_stay_out_of_state_but_changes_are_detected():
    platform, state = FakePlatform(), MemoryState()
    secret = Resource(Address("fake_secret", "s"), {"name": "s", "value": "hunter2"})
    plan = make_plan(desired(secret), state.current, schema_of)
    apply_plan(plan, handlers(platform), state.current, state.write)
    assert "hunter2" not in json.dumps(state.current.to_json())
    assert "hunter2" not in json.dumps(plan.to_json())
    assert make_plan(desired(secret), state.current, schema_of).is_empty
    changed = Resource(secret.address, {"name": "s", "value": "hunter3"})
    (change,) = make_plan(desired(changed), state.current, schema_of).actionable
    assert change.reasons == ("value",)


def test_stop_event_prevents_new_actions():
    platform, state = FakePlatform(), MemoryState()
    options = ApplyOptions(parallelism=1)
    options.stop.set()
    plan = make_plan(desired(thing("a"), thing("b")), StateSnapshot.empty(), schema_of)
    result = apply_plan(plan, handlers(platform), state.current, state.write, options)
    assert result.interrupted and not platform.objects
    assert {o.status for o in result.outcomes} == {OutcomeStatus.SKIPPED}


def test_stop_on_failure_starts_nothing_new_and_says_why() -> None:
    from tests.apply.scripted import NO_WAIT, Script, scripted_handlers

    platform, state = FakePlatform(), MemoryState()
    config = desired(thing("a"), thing("b", ("a",)), thing("c"), thing("d"))
    plan = make_plan(config, state.current, schema_of)
    options = ApplyOptions(parallelism=1, stop_on_failure=True, retry=NO_WAIT)
    result = apply_plan(
        plan, scripted_handlers(platform, Script(1, "fail")), state.current, state.write, options
    )
    by_address = {str(o.address): o for o in result.outcomes}
    assert by_address["fake_thing.a"].status is OutcomeStatus.FAILED
    assert "fake_thing.a" in by_address["fake_thing.b"].message
    assert {by_address[k].message for k in ("fake_thing.c", "fake_thing.d")} == {
        "not started: an action failed and the apply stopped"
    }
    assert result.order == (by_address["fake_thing.a"].address,)


def test_every_finished_action_has_a_duration_and_a_place_in_the_order() -> None:
    platform, state = FakePlatform(), MemoryState()
    result = run(desired(thing("a"), thing("b", ("a",))), state, platform)
    assert [str(a) for a in result.order] == ["fake_thing.a", "fake_thing.b"]
    assert all(o.duration_s > 0 for o in result.outcomes)
    assert all("duration_s" in o for o in result.to_json()["outcomes"])
