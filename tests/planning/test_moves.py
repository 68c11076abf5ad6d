from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import StateError
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.planning.moves import apply_moves
from data_iac.planning.planner import make_plan
from tests.fakes import desired, schema_of, thing


def state() -> StateSnapshot:
    snapshot = StateSnapshot.empty()
    snapshot = snapshot.with_resource(
        Address.parse("fake_thing.old"), ResourceState("fake_thing", "id-1", {"name": "new"})
    )
    return snapshot.with_resource(
        Address.parse("fake_thing.user"),
        ResourceState("fake_thing", "id-2", {"name": "user"}, (Address.parse("fake_thing.old"),)),
    )


def test_a_move_renames_the_entry_and_the_dependencies_on_it():
    moved = apply_moves(state(), [("fake_thing.old", "fake_thing.new")])
    assert {str(a) for a in moved.resources} == {"fake_thing.new", "fake_thing.user"}
    assert moved.resources[Address.parse("fake_thing.new")].remote_id == "id-1"
    assert moved.resources[Address.parse("fake_thing.user")].dependencies == (
        Address.parse("fake_thing.new"),
    )


def test_after_a_move_the_renamed_resource_plans_no_change():
    config = desired(thing("new"), thing("user", ("new",)))
    assert not make_plan(config, state(), schema_of).is_empty  # delete old + create new
    moved = apply_moves(state(), [("fake_thing.old", "fake_thing.new")])
    assert make_plan(config, moved, schema_of).is_empty


def test_a_done_move_is_skipped_and_a_clash_is_refused():
    moved = apply_moves(state(), [("fake_thing.old", "fake_thing.new")])
    assert apply_moves(moved, [("fake_thing.old", "fake_thing.new")]) is moved
    with pytest.raises(StateError, match="already in the state"):
        apply_moves(state(), [("fake_thing.old", "fake_thing.user")])
