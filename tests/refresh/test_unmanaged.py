"""Which listings find unmanaged objects, and unlisted grants: pure."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.model.resource import DesiredState, Observed, Resource
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.refresh.unmanaged import listing_scopes, unlisted_grants


def test_containers_open_the_scopes_of_their_children() -> None:
    state = StateSnapshot(lineage="L")
    for address, entry in (
        ("dataiku_project.P", ResourceState("dataiku_project", "P")),
        ("databricks_catalog.c", ResourceState("databricks_catalog", "main")),
        ("databricks_grants.c", ResourceState("databricks_grants", "catalog/main")),
    ):
        state = state.with_resource(address, entry)
    scopes = listing_scopes(state)
    assert ("dataiku_recipe", (("project_key", "P"),)) in scopes
    assert ("databricks_schema", (("catalog_name", "main"),)) in scopes
    assert ("databricks_catalog", ()) in scopes
    assert not [kind for kind, _ in scopes if kind == "databricks_grants"]


def test_unlisted_principals_are_reported_in_additive_mode_only() -> None:
    address = Address("databricks_grants", "c")
    spec = {
        "securable_type": "catalog",
        "full_name": "main",
        "grants": [{"principal": "eng", "privileges": ["USE_CATALOG"]}],
    }
    live = {
        address: Observed("catalog/main", {"grants": {"eng": ["USE_CATALOG"], "bi": ["SELECT"]}})
    }
    additive = DesiredState({address: Resource(address, spec)})
    [found] = unlisted_grants(additive, live)
    assert found.remote_id == "catalog/main" and found.detail.startswith("bi holds SELECT")
    authoritative = DesiredState(
        {address: Resource(address, {**spec, "grants_mode": "authoritative"})}
    )
    assert unlisted_grants(authoritative, live) == []
