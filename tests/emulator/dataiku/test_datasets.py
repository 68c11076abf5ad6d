"""DSS dataset routes, driven through dataikuapi's own methods."""

from __future__ import annotations

from typing import Any

import pytest
from dataikuapi.utils import DataikuException


def test_create_list_and_settings(project: Any) -> None:
    project.create_dataset("ds1", "Filesystem",
                           params={"connection": "filesystem_managed", "path": "/DEMO/ds1"},
                           formatType="csv", formatParams={"separator": ","})  # fmt: skip
    [listed] = project.list_datasets()
    assert listed["name"] == "ds1" and listed["formatParams"] == {"separator": ","}
    raw = project.get_dataset("ds1").get_settings().get_raw()
    assert raw["versionTag"]["versionNumber"] == 0 and raw["creationTag"]["versionNumber"] == 0
    assert raw["managed"] is False and raw["schema"]["columns"] == []


def test_managed_dataset_defaults(project: Any) -> None:
    project.new_managed_dataset("ds3").with_store_into("filesystem_managed").create()
    raw = project.get_dataset("ds3").get_settings().get_raw()
    assert raw["type"] == "Filesystem" and raw["managed"] is True
    assert raw["params"]["connection"] == "filesystem_managed"
    assert raw["params"]["path"] == "${projectKey}/ds3"
    assert raw["formatType"] == "csv" and raw["formatParams"]["separator"] == "\t"


def test_save_increments_the_version_and_drops_unknown_fields(project: Any) -> None:
    dataset = project.create_dataset("ds1", "Filesystem")
    settings = dataset.get_settings()
    settings.get_raw().update({"description": "x", "tags": ["b", "a"], "unknownField": 1})
    settings.get_raw()["schema"]["columns"] = [{"name": "id", "type": "bigint"}]
    settings.save()
    settings.save()
    raw = dataset.get_settings().get_raw()
    assert raw["versionTag"]["versionNumber"] == 2
    assert raw["description"] == "x" and raw["tags"] == ["a", "b"] and "unknownField" not in raw
    assert raw["schema"]["columns"] == [{"name": "id", "type": "bigint"}]


def test_exists_delete_and_missing(project: Any) -> None:
    dataset = project.create_dataset("ds1", "Filesystem")
    assert dataset.exists()
    dataset.delete()
    assert not dataset.exists()
    with pytest.raises(
        DataikuException, match=r"NotFoundException: dataset does not exist: DEMO\.ds1"
    ):
        dataset.get_settings()


def test_duplicate_and_invalid_names_are_refused(project: Any) -> None:
    project.create_dataset("ds1", "Filesystem")
    with pytest.raises(DataikuException, match="already exists"):
        project.create_dataset("ds1", "Filesystem")
    with pytest.raises(DataikuException, match="Invalid dataset name"):
        project.create_dataset("bad name", "Filesystem")


def test_deleting_an_input_dataset_deletes_its_recipes(project: Any) -> None:
    project.create_dataset("src", "Filesystem")
    project.create_dataset("dst", "Filesystem")
    project.new_recipe("sync", "copy").with_input("src").with_output("dst").create()
    project.get_dataset("dst").delete()
    assert [r["name"] for r in project.list_recipes()] == ["copy"]  # only inputs cascade
    project.get_dataset("src").delete()
    assert project.list_recipes() == []
