"""DSS project routes, driven through dataikuapi's own methods."""

from __future__ import annotations

from typing import Any

import pytest
from dataikuapi.utils import DataikuException

from data_iac.emulator import Emulator


def test_create_list_and_summary(dss: Any) -> None:
    dss.create_project("DEMO", "Demo", "admin", description="d", tags=["b", "a", "b"])
    [listed] = dss.list_projects()
    assert listed["projectKey"] == "DEMO" and listed["name"] == "Demo"
    assert listed["tags"] == ["a", "b"]  # sorted and unique, as DSS answers
    summary = dss.get_project("DEMO").get_summary()
    assert summary["owner"] == "admin" and summary["versionTag"]["versionNumber"] == 0


def test_create_answers_a_bare_json_string(emulator: Emulator, dss: Any) -> None:
    text = dss._perform_text("POST", "/projects/", body={"projectKey": "RAW", "name": "r"})
    assert text == '"RAW"'


def test_duplicate_and_invalid_keys_are_refused(dss: Any) -> None:
    dss.create_project("DEMO", "Demo", "admin")
    with pytest.raises(DataikuException, match="already exists"):
        dss.create_project("DEMO", "Again", "admin")
    with pytest.raises(DataikuException, match="DSSIllegalArgumentException: Invalid project key"):
        dss.create_project("lower_case", "x", "admin")


def test_missing_project_answers_unauthorized(dss: Any) -> None:
    with pytest.raises(DataikuException, match="UnauthorizedException: Failed to read project"):
        dss.get_project("NOPE").get_metadata()


def test_metadata_round_trip_drops_unknown_fields(project: Any) -> None:
    metadata = project.get_metadata()
    metadata.update({"label": "Renamed", "tags": ["z", "a"], "bogus": 1})
    project.set_metadata(metadata)
    back = project.get_metadata()
    assert back["label"] == "Renamed" and back["tags"] == ["a", "z"] and "bogus" not in back
    assert project.get_summary()["versionTag"]["versionNumber"] == 1


def test_variables_permissions_and_settings(project: Any) -> None:
    project.set_variables({"standard": {"a": 2}, "local": {"l": 1}})
    project.update_variables({"b": 3})
    assert project.get_variables() == {"standard": {"a": 2, "b": 3}, "local": {"l": 1}}
    permissions = project.get_permissions()
    permissions["permissions"].append({"group": "analysts", "readProjectContent": True})
    project.set_permissions(permissions)
    [entry] = project.get_permissions()["permissions"]
    assert entry["readProjectContent"] is True and entry["admin"] is False
    settings = project.get_settings()
    settings.settings["settings"]["codeEnvs"]["python"]["mode"] = "INHERIT"
    settings.settings["x"] = 1
    settings.save()
    again = project.get_settings().settings
    assert again["settings"]["codeEnvs"]["python"]["mode"] == "INHERIT" and "x" not in again


def test_delete_removes_the_project_and_everything_in_it(dss: Any, project: Any) -> None:
    project.create_dataset("ds", "Filesystem")
    project.delete()
    assert dss.list_project_keys() == []
    again = dss.create_project("DEMO", "Demo", "admin")
    assert again.list_datasets() == []
