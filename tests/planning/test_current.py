from __future__ import annotations

from data_iac.addresses import Address
from data_iac.model.plan import Action
from data_iac.model.resource import Observed, Resource
from data_iac.model.sensitive import sensitive_digest
from data_iac.model.state import ResourceState
from data_iac.planning.current import current_attributes, sensitive_diffs
from tests.fakes import SCHEMAS

THING = Address("fake_thing", "a")
SECRET = Address("fake_secret", "s")


def test_without_refresh_state_is_the_truth():
    entry = ResourceState("fake_thing", "id-a", {"name": "a", "size": 1})
    resource = Resource(THING, {"name": "a", "size": 2})
    current, drift = current_attributes(THING, entry, resource, SCHEMAS["fake_thing"], None)
    assert current == {"name": "a", "size": 1} and drift == []


def test_a_managed_field_changed_outside_is_drift_an_unmanaged_one_is_not():
    entry = ResourceState("fake_thing", "id-a", {"name": "a", "size": 1, "note": "x"})
    resource = Resource(THING, {"name": "a", "size": 1})
    live = {THING: Observed("id-a", {"name": "a", "size": 3, "note": "changed"})}
    current, drift = current_attributes(THING, entry, resource, SCHEMAS["fake_thing"], live)
    assert current is not None and current["size"] == 3
    (change,) = drift
    assert change.action is Action.UPDATE and change.after == {"size": 3}


def test_an_object_deleted_outside_is_reported_gone():
    entry = ResourceState("fake_thing", "id-a", {"name": "a"})
    resource = Resource(THING, {"name": "a"})
    current, drift = current_attributes(
        THING, entry, resource, SCHEMAS["fake_thing"], {THING: None}
    )
    assert current is None and drift[0].action is Action.DELETE


def test_a_write_only_value_is_kept_from_state_since_it_cannot_be_read():
    entry = ResourceState("fake_secret", "id-s", {"name": "s", "value": "kept"})
    resource = Resource(SECRET, {"name": "s"})
    live = {SECRET: Observed("id-s", {"name": "s"})}
    current, _ = current_attributes(SECRET, entry, resource, SCHEMAS["fake_secret"], live)
    assert current is not None and current["value"] == "kept"


def test_sensitive_values_compare_through_the_digest_only():
    digest = sensitive_digest("hunter2", str(SECRET))
    entry = ResourceState("fake_secret", "id-s", {"name": "s"}, sensitive_hashes={"value": digest})
    same = Resource(SECRET, {"name": "s", "value": "hunter2"})
    other = Resource(SECRET, {"name": "s", "value": "hunter3"})
    assert sensitive_diffs(same, entry, SCHEMAS["fake_secret"]) == []
    (diff,) = sensitive_diffs(other, entry, SCHEMAS["fake_secret"])
    assert diff.before == diff.after == "(sensitive)"
