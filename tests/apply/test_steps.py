"""Chained replaces run as delete and create steps, in the order a platform needs."""

from __future__ import annotations

from typing import Any

from data_iac.addresses import Address
from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.result import OutcomeStatus
from data_iac.apply.steps import CREATE_PART, DELETE_PART, Step, plan_steps
from data_iac.errors import ProviderError
from data_iac.model.plan import Action
from data_iac.model.resource import Observed
from data_iac.planning.planner import make_plan
from tests.fakes import FakeHandler, FakePlatform, MemoryState, desired, schema_of, thing


class NonEmptyRefusingHandler(FakeHandler):
    """Like a catalog: cannot be deleted while a child still names it as its parent."""

    def delete(self, address: Address, observed: Observed) -> None:
        name = observed.attributes.get("name")
        children = [o for o in self.platform.objects.values() if o.get("parent") == name]
        if children:
            raise ProviderError(f"{name} is not empty")
        super().delete(address, observed)


def handlers(platform: FakePlatform) -> dict[str, Any]:
    return {"fake_thing": NonEmptyRefusingHandler("fake_thing", platform)}


def apply(config: Any, state: MemoryState, platform: FakePlatform) -> Any:
    plan = make_plan(config, state.current, schema_of)
    return plan, apply_plan(plan, handlers(platform), state.current, state.write,
                            ApplyOptions(parallelism=4))  # fmt: skip


def family(parent: str) -> Any:
    # The parent's name is immutable, so renaming it replaces it; the child's `name` is
    # derived from the parent's, so it is replaced too.
    return desired(thing(parent), thing(f"{parent}.child", (parent,), parent=parent))


def test_a_parent_and_child_replaced_together_succeed():
    platform, state = FakePlatform(), MemoryState()
    assert apply(family("cat"), state, platform)[1].ok
    renamed = desired(thing("cat", name="cat2"),
                      thing("cat.child", ("cat",), name="cat2.child", parent="cat2"))  # fmt: skip
    plan, result = apply(renamed, state, platform)
    assert {c.action for c in plan.actionable} == {Action.REPLACE}
    assert result.ok, [o.message for o in result.outcomes]
    assert {o["name"] for o in platform.objects.values()} == {"cat2", "cat2.child"}
    assert make_plan(renamed, state.current, schema_of).is_empty


def test_only_chained_replaces_are_split_and_deletes_run_children_first():
    platform, state = FakePlatform(), MemoryState()
    apply(family("cat"), state, platform)
    renamed = desired(thing("cat", name="cat2"),
                      thing("cat.child", ("cat",), name="cat2.child", parent="cat2"),
                      thing("solo", name="solo2"))  # fmt: skip
    plan = make_plan(renamed, state.current, schema_of)
    steps, waits = plan_steps({c.address: c for c in plan.actionable})
    parent, child = Address("fake_thing", "cat"), Address("fake_thing", "cat.child")
    assert Step(Address("fake_thing", "solo")) in steps  # a lone replace stays one action
    assert waits[Step(parent, DELETE_PART)] == [Step(child, DELETE_PART)]
    assert waits[Step(child, CREATE_PART)] == [Step(child, DELETE_PART), Step(parent, CREATE_PART)]
    assert steps[Step(parent, DELETE_PART)].action is Action.DELETE


def test_a_failed_create_part_leaves_state_equal_to_the_platform():
    platform, state = FakePlatform(), MemoryState()
    apply(family("cat"), state, platform)
    platform.fail_on.add("fake_thing.cat.child")
    renamed = desired(thing("cat", name="cat2"),
                      thing("cat.child", ("cat",), name="cat2.child", parent="cat2"))  # fmt: skip
    _, result = apply(renamed, state, platform)
    statuses = {str(o.address): o.status for o in result.outcomes}
    assert statuses["fake_thing.cat.child"] is OutcomeStatus.FAILED
    in_state = {e.remote_id for e in state.current.resources.values()}
    assert in_state == set(platform.objects)
