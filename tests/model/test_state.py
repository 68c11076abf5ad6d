from __future__ import annotations

from data_iac.addresses import Address
from data_iac.model.state import ResourceState, StateSnapshot


def test_state_json_round_trip_and_pure_edits():
    empty = StateSnapshot.empty("prod")
    entry = ResourceState(
        "k", "id-1", {"a": 1}, (Address.parse("k.other"),), {"secret": "sha256:x"}, "7"
    )
    grown = empty.with_resource(Address.parse("k.one"), entry)
    assert empty.resources == {} and grown.serial == empty.serial
    back = StateSnapshot.from_json(grown.next_serial().to_json())
    assert back.serial == 1 and back.environment == "prod" and back.lineage == empty.lineage
    assert back.resources[Address.parse("k.one")] == entry
    assert back.without(Address.parse("k.one")).resources == {}


def test_every_new_state_has_its_own_lineage():
    assert StateSnapshot.empty().lineage != StateSnapshot.empty().lineage
