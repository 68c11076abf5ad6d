"""State entries from live objects (refresh and import): pure."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.model.resource import Observed, Resource
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.providers.base import KindSchema
from data_iac.refresh.adopt import imported_entry, managed_view, refreshed_state

SECRET = KindSchema(
    "databricks_secret",
    sensitive=frozenset({"string_value"}),
    write_only=frozenset({"string_value"}),
)
NOTEBOOK = KindSchema("databricks_notebook", write_only=frozenset({"source"}))


def schema_of(kind: str) -> KindSchema:
    return {"databricks_secret": SECRET}.get(kind) or KindSchema(kind)


def test_additive_grants_keep_only_the_recorded_principals() -> None:
    recorded = {"grants_mode": "additive", "grants": {"eng": ["USE_CATALOG"]}}
    live = {"grants": {"eng": ["SELECT", "USE_CATALOG"], "bi": ["USE_CATALOG"]}, "principals": []}
    view = managed_view("databricks_grants", recorded, live)
    assert view["grants"] == {"eng": ["SELECT", "USE_CATALOG"]}
    assert view["principals"] == ["eng"] and view["grants_mode"] == "additive"


def test_refresh_updates_changed_entries_and_drops_deleted_ones() -> None:
    state = StateSnapshot(lineage="L", serial=3).with_resource(
        Address.parse("x_thing.a"), ResourceState("x_thing", "a", {"n": 1}, version="1")
    )
    state = state.with_resource(Address.parse("x_thing.b"), ResourceState("x_thing", "b", {"n": 2}))
    observed = {
        Address("x_thing", "a"): Observed("a", {"n": 5}, "2"),
        Address("x_thing", "b"): None,
    }
    updated, changed, gone = refreshed_state(state, observed, schema_of)
    assert (changed, gone) == (["x_thing.a"], ["x_thing.b"])
    assert updated.resources[Address.parse("x_thing.a")].attributes == {"n": 5}
    assert updated.resources[Address.parse("x_thing.a")].version == "2"
    assert updated.serial == 3 and Address.parse("x_thing.b") not in updated.resources


def test_imported_secret_is_unknown_and_never_in_clear() -> None:
    address = Address("databricks_secret", "etl.pw")
    live = Observed("etl/pw", {"scope": "etl", "key": "pw"})
    resource = Resource(address, {"scope": "etl", "key": "pw", "string_value": ""})
    entry = imported_entry(address, live, SECRET, resource)
    assert entry.sensitive_hashes == {"string_value": "unknown"}
    assert "string_value" not in entry.attributes


def test_imported_write_only_fields_come_from_the_config() -> None:
    address = Address("databricks_notebook", "nb")
    live = Observed("/nb", {"path": "/nb", "content_sha256": "abc"}, "7")
    resource = Resource(
        address,
        {"path": "/nb", "source": "nb.py"},
        depends_on=frozenset({Address("databricks_directory", "d")}),
    )
    entry = imported_entry(address, live, NOTEBOOK, resource)
    assert entry.attributes["source"] == "nb.py" and entry.version == "7"
    assert entry.dependencies == (Address.parse("databricks_directory.d"),)


def test_a_refresh_keeps_the_applied_value_of_a_remotely_ignored_field() -> None:
    """A warehouse's ``tags`` are ``ignore_remote`` (databricks/cli resources.yml): a refresh
    records the other fields as read, and the tags as they were applied."""
    recorded = {"name": "bi", "tags": {"custom_tags": [{"key": "team", "value": "bi"}]}}
    live = {"name": "bi2", "tags": {"custom_tags": []}, "state": "RUNNING"}
    kept = managed_view("databricks_sql_warehouse", recorded, live)
    assert kept == {**live, "tags": recorded["tags"]}
