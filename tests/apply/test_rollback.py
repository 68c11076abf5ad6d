"""Rollback on the fakes: fail the k-th action for every k; the platform and the state come
back to the before-image."""

from __future__ import annotations

import pytest

from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.journal import Journal, MemoryJournal
from data_iac.apply.result import OutcomeStatus
from data_iac.apply.rollback import plan_rollback, rollback_warnings, run_rollback
from data_iac.model.plan import Action
from data_iac.planning.planner import make_plan
from tests.apply.scripted import NO_WAIT, Script, platform_view, scripted_handlers
from tests.fakes import FakePlatform, MemoryState, desired, schema_of, thing

BEFORE = desired(thing("a", v=1), thing("b", v=1), thing("c", ("a",), v=1), thing("d", v=1))
# a updated, b deleted, c updated, d untouched, e and f (on e) created, g (on a) created.
AFTER = desired(
    thing("a", v=2),
    thing("c", ("a",), v=2),
    thing("d", v=1),
    thing("e", v=1),
    thing("f", ("e",), v=1),
    thing("g", ("a",), v=1),
)
ACTIONS = 6


def _setup():
    platform, state = FakePlatform(), MemoryState()
    plan = make_plan(BEFORE, state.current, schema_of)
    assert apply_plan(plan, scripted_handlers(platform, Script()), state.current, state.write).ok
    return platform, state


def _apply_and_roll_back(platform: FakePlatform, state: MemoryState, script: Script):
    before = state.current
    journal = Journal(MemoryJournal())
    options = ApplyOptions(parallelism=3, stop_on_failure=True, journal=journal, retry=NO_WAIT)
    handlers = scripted_handlers(platform, script)
    plan = make_plan(AFTER, before, schema_of)
    assert len(plan.actionable) == ACTIONS
    result = apply_plan(plan, handlers, before, state.write, options)
    assert not result.ok
    rollback = plan_rollback(plan, result, before, schema_of)
    final = run_rollback(rollback, result, handlers, state.write, options)
    return before, result, rollback, final


@pytest.mark.parametrize("mode", ["fail", "break_after"])
@pytest.mark.parametrize("k", range(1, ACTIONS + 1))
def test_failing_action_k_rolls_everything_back(k: int, mode: str) -> None:
    platform, state = _setup()
    original = platform_view(platform)
    before, _, _, final = _apply_and_roll_back(platform, state, Script(k, mode))
    assert final.rollback is not None and final.rollback.ok
    assert platform_view(platform) == original
    assert final.final_state == state.current
    assert {k: (e.remote_id, dict(e.attributes)) for k, e in state.current.resources.items()} == {
        k: (e.remote_id, dict(e.attributes)) for k, e in before.resources.items()
    }
    assert make_plan(BEFORE, state.current, schema_of).is_empty
    statuses = {o.status for o in final.outcomes}
    assert OutcomeStatus.FAILED in statuses and OutcomeStatus.DONE not in statuses
    assert len(final.with_status(OutcomeStatus.FAILED)) == 1


def test_the_rollback_is_an_ordinary_plan_in_reverse_finish_order() -> None:
    platform, state = _setup()
    before = state.current
    plan = make_plan(AFTER, before, schema_of)
    script = Script(ACTIONS, "fail")
    options = ApplyOptions(parallelism=1, stop_on_failure=True, retry=NO_WAIT)
    result = apply_plan(plan, scripted_handlers(platform, script), before, state.write, options)
    rollback = plan_rollback(plan, result, before, schema_of)
    failed = result.with_status(OutcomeStatus.FAILED)[0].address
    assert [c.address for c in rollback.changes] == [
        a for a in reversed(result.order) if a != failed
    ]
    for earlier, later in zip(rollback.changes, rollback.changes[1:], strict=False):
        assert later.depends_on == (earlier.address,)
    actions = {str(c.address): c.action for c in rollback.changes}
    assert actions.get("fake_thing.b") in (None, Action.CREATE)
    assert all(a in (Action.CREATE, Action.UPDATE, Action.DELETE) for a in actions.values())
    assert rollback.to_json()["summary"]


def test_a_failing_rollback_leaves_state_equal_to_the_platform() -> None:
    platform, state = _setup()
    before = state.current
    handlers = scripted_handlers(platform, Script(2, "fail"))
    options = ApplyOptions(parallelism=1, stop_on_failure=True, retry=NO_WAIT)
    plan = make_plan(AFTER, before, schema_of)
    result = apply_plan(plan, handlers, before, state.write, options)
    rollback = plan_rollback(plan, result, before, schema_of)
    handlers["fake_thing"].script.at = handlers["fake_thing"].script.calls + 1
    final = run_rollback(rollback, result, handlers, state.write, options)
    assert final.rollback is not None and not final.rollback.ok
    assert {e.remote_id for e in state.current.resources.values()} == set(platform.objects)
    for key, entry in state.current.resources.items():
        assert dict(entry.attributes) == platform.objects[entry.remote_id], key


def test_recreating_a_deleted_object_warns_that_data_is_not_restored() -> None:
    platform, state = _setup()
    before = state.current
    plan = make_plan(desired(thing("a", v=1)), before, schema_of)  # deletes b, c, d
    options = ApplyOptions(parallelism=1, stop_on_failure=True, retry=NO_WAIT)
    result = apply_plan(
        plan, scripted_handlers(platform, Script(3, "fail")), before, state.write, options
    )
    rollback = plan_rollback(plan, result, before, schema_of)
    warnings = rollback_warnings(rollback, before)
    assert warnings and all("not restored" in w for w in warnings)
    run_rollback(rollback, result, scripted_handlers(platform, Script()), state.write, options)
    assert make_plan(BEFORE, state.current, schema_of).is_empty
