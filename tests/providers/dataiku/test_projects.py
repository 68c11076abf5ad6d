"""dataiku_project through the real DSSClient against the in-process emulator."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.providers.dataiku import make_handlers
from data_iac.providers.dataiku.projects import ProjectHandler, normalise_permissions, to_observed

ADDRESS = Address("dataiku_project", "SALES")
SPEC: dict[str, Any] = {
    "project_key": "SALES",
    "name": "Sales analytics",
    "description": "Everything sales",
    "tags": ["team-b", "finance"],
    "settings": {
        "owner": "data_team",
        "exposed": True,
        "git": {"enabled": True, "remote": "git@github.com:example/sales.git"},
    },
}


@pytest.fixture
def dss(dss_settings: dict[str, Any]) -> Any:
    """A plain dataikuapi client, to look at what the handler wrote."""
    from dataikuapi import DSSClient

    return DSSClient(dss_settings["url"], dss_settings["api_key"])


@pytest.fixture
def handler(dss_settings: dict[str, Any]) -> ProjectHandler:
    handler = make_handlers(dss_settings)["dataiku_project"]
    assert isinstance(handler, ProjectHandler)
    return handler


def test_create_then_read_matches_the_whole_spec(handler: ProjectHandler) -> None:
    created = handler.create(ADDRESS, SPEC)
    read = handler.read(ADDRESS, "SALES")
    assert read is not None
    assert created.remote_id == "SALES"
    assert diff_attributes(SPEC, read.attributes, handler.schema) == []
    assert read.attributes["tags"] == ["finance", "team-b"]
    assert read.version is not None


def test_update_changes_fields_and_keeps_unmanaged_ones(handler: ProjectHandler) -> None:
    observed = handler.create(ADDRESS, SPEC)
    changed = {**SPEC, "name": "Sales v2", "description": "renamed"}
    updated = handler.update(ADDRESS, observed, changed)
    assert diff_attributes(changed, updated.attributes, handler.schema) == []
    assert int(updated.version or 0) > int(observed.version or 0)


def test_delete_then_read_is_none_and_delete_again_is_fine(handler: ProjectHandler) -> None:
    observed = handler.create(ADDRESS, SPEC)
    handler.delete(ADDRESS, observed)
    assert handler.read(ADDRESS, "SALES") is None
    handler.delete(ADDRESS, observed)


def test_list_finds_every_project_or_one(handler: ProjectHandler) -> None:
    handler.create(ADDRESS, SPEC)
    handler.create(Address("dataiku_project", "OTHER"), {"project_key": "OTHER", "name": "O"})
    assert [a.key for a, _ in handler.list({})] == ["OTHER", "SALES"]
    assert [a.key for a, _ in handler.list({"project_key": "SALES"})] == ["SALES"]


def test_normaliser_drops_false_permission_flags() -> None:
    raw = [{"group": "g", "admin": False, "readProjectContent": True, "user": None}]
    assert normalise_permissions(raw) == [{"group": "g", "readProjectContent": True}]


def test_normaliser_on_recorded_documents() -> None:
    # Shapes from reference/wire/dku_wire.txt (create body and metadata PUT).
    summary = {"projectKey": "DEMO", "name": "Demo", "owner": "admin"}
    metadata = {"label": "Demo", "tags": ["t"]}
    permissions = {"owner": "admin", "permissions": []}
    observed = to_observed(summary, metadata, permissions, None)
    assert observed == {
        "project_key": "DEMO",
        "name": "Demo",
        "description": "",
        "tags": ["t"],
        "settings": {
            "owner": "admin",
            "exposed": None,
            "git": {"enabled": True, "remote": None},
            "code_envs": {"python": None, "r": None},
        },
        "owner": "admin",
    }


def test_settings_are_stored_where_dss_keeps_them(handler: ProjectHandler, dss: Any) -> None:
    # dataikuapi/dss/project.py: get_permissions() holds "the owner and the permissions";
    # DSSProjectGit.get_remote() reads the remote origin; get_metadata() the custom metadata.
    handler.create(ADDRESS, SPEC)
    project = dss.get_project("SALES")
    assert project.get_permissions()["owner"] == "data_team"
    assert project.get_project_git().get_remote() == "git@github.com:example/sales.git"
    assert project.get_metadata()["custom"]["kv"]["exposed"] is True


def test_settings_read_back_after_a_change_outside(handler: ProjectHandler, dss: Any) -> None:
    observed = handler.create(ADDRESS, SPEC)
    dss.get_project("SALES").get_project_git().set_remote("git@github.com:example/other.git")
    read = handler.read(ADDRESS, "SALES")
    assert read is not None
    [drift] = diff_attributes(SPEC, read.attributes, handler.schema)
    assert drift.path == "settings.git.remote"
    updated = handler.update(ADDRESS, observed, SPEC)
    assert diff_attributes(SPEC, updated.attributes, handler.schema) == []


def test_unset_settings_are_left_alone(handler: ProjectHandler, dss: Any) -> None:
    handler.create(ADDRESS, {**SPEC, "settings": {"exposed": False}})
    project = dss.get_project("SALES")
    assert project.get_project_git().get_remote() is None
    assert project.get_permissions()["owner"] == "admin"  # the connection's login
