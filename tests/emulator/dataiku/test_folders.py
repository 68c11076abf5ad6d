"""DSS managed folder routes, driven through dataikuapi's own methods."""

from __future__ import annotations

import re
from typing import Any

import pytest
from dataikuapi.utils import DataikuException


def test_create_answers_an_eight_character_id(project: Any) -> None:
    folder = project.create_managed_folder("mf")
    assert re.fullmatch(r"[A-Za-z0-9]{8}", folder.id)
    [listed] = project.list_managed_folders()
    assert listed["id"] == folder.id and listed["name"] == "mf" and listed["type"] == "Filesystem"
    assert listed["params"]["connection"] == "filesystem_folders"


def test_settings_save_and_delete(project: Any) -> None:
    folder = project.create_managed_folder("mf")
    settings = folder.get_settings()
    settings.get_raw()["params"]["path"] = "elsewhere"
    settings.save()
    raw = folder.get_settings().get_raw()
    assert raw["params"]["path"] == "elsewhere" and raw["versionTag"]["versionNumber"] == 1
    folder.delete()
    assert project.list_managed_folders() == []
    with pytest.raises(DataikuException, match="NotFoundException"):
        folder.get_settings()


def test_duplicate_name_is_refused(project: Any) -> None:
    project.create_managed_folder("mf")
    with pytest.raises(DataikuException, match="already exists"):
        project.create_managed_folder("mf")
