"""apply/versions.py: a DSS project and its documents (variables, permissions) share one
change marker, so recording one of them gives the newest marker to the whole family."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.apply.versions import family_of, with_shared_version
from data_iac.model.state import ResourceState, StateSnapshot

PROJECT = Address("dataiku_project", "SALES")
VARIABLES = Address("dataiku_project_variables", "SALES")
PERMISSIONS = Address("dataiku_project_permissions", "SALES")


def _entry(kind: str, version: str | None) -> ResourceState:
    return ResourceState(kind=kind, remote_id="SALES", version=version)


def _state(**versions: str | None) -> StateSnapshot:
    state = StateSnapshot.empty()
    for address in (PROJECT, VARIABLES, PERMISSIONS):
        if address.kind in versions:
            state = state.with_resource(address, _entry(address.kind, versions[address.kind]))
    return state


def test_the_family_is_the_project_and_its_documents_under_one_key() -> None:
    assert set(family_of(VARIABLES)) == {PROJECT, VARIABLES, PERMISSIONS}
    assert set(family_of(PROJECT)) == {PROJECT, VARIABLES, PERMISSIONS}
    dataset = Address("dataiku_dataset", "SALES.orders")
    assert family_of(dataset) == (dataset,)  # a dataset has its own versionTag


def test_a_document_write_moves_the_project_marker() -> None:
    state = _state(dataiku_project="1")
    state = with_shared_version(state, VARIABLES, _entry(VARIABLES.kind, "2"))
    state = with_shared_version(state, PERMISSIONS, _entry(PERMISSIONS.kind, "3"))
    assert {a.kind: e.version for a, e in state.resources.items()} == {
        "dataiku_project": "3",
        "dataiku_project_variables": "3",
        "dataiku_project_permissions": "3",
    }


def test_a_late_commit_of_an_older_read_never_moves_the_marker_back() -> None:
    state = _state(dataiku_project="3", dataiku_project_permissions="3")
    state = with_shared_version(state, VARIABLES, _entry(VARIABLES.kind, "2"))
    assert {e.version for e in state.resources.values()} == {"3"}


def test_other_projects_and_kinds_are_untouched() -> None:
    other = Address("dataiku_project", "OTHER")
    dataset = Address("dataiku_dataset", "SALES.orders")
    state = _state(dataiku_project="1").with_resource(other, _entry(other.kind, "7"))
    state = state.with_resource(dataset, _entry(dataset.kind, "4"))
    state = with_shared_version(state, VARIABLES, _entry(VARIABLES.kind, "2"))
    assert state.resources[other].version == "7"
    assert state.resources[dataset].version == "4"
    assert state.resources[PROJECT].version == "2"
