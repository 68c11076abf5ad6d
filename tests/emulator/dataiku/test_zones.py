"""DSS flow zone routes, driven through dataikuapi's flow methods."""

from __future__ import annotations

from typing import Any

import pytest
from dataikuapi.utils import DataikuException


def test_create_list_and_default_zone(project: Any) -> None:
    flow = project.get_flow()
    zone = flow.create_zone("Ingest")
    assert zone.name == "Ingest" and zone.color == "#2ab1ac"
    assert [z.name for z in flow.list_zones()] == ["Default", "Ingest"]
    assert flow.get_default_zone().id == "default"


def test_items_move_between_zones_and_back_to_default(project: Any) -> None:
    dataset = project.create_dataset("ds1", "Filesystem")
    folder = project.create_managed_folder("mf")
    flow = project.get_flow()
    first, second = flow.create_zone("One"), flow.create_zone("Two")
    first.add_item(dataset)
    assert first._raw["items"] == [{"objectId": "ds1", "objectType": "DATASET"}]
    second.add_items([dataset, folder])
    assert flow.get_zone_of_object(dataset).name == "Two"
    assert flow.get_zone(first.id)._raw["items"] == []
    second.delete()
    assert flow.get_zone_of_object(dataset).id == "default"
    assert {"objectId": folder.id, "objectType": "MANAGED_FOLDER"} in flow.get_default_zone()._raw[
        "items"
    ]


def test_save_renames_and_colors(project: Any) -> None:
    zone = project.get_flow().create_zone("Ingest")
    settings = zone.get_settings()
    settings.name, settings.color = "Ingest2", "#000000"
    settings.save()
    again = project.get_flow().get_zone(zone.id)
    assert (again.name, again.color) == ("Ingest2", "#000000")


def test_duplicate_name_and_missing_zone(project: Any) -> None:
    flow = project.get_flow()
    flow.create_zone("Ingest")
    with pytest.raises(DataikuException, match="already exists"):
        flow.create_zone("Ingest")
    with pytest.raises(DataikuException, match="NotFoundException"):
        flow.get_zone("nope")


def test_deleting_an_object_removes_it_from_its_zone(project: Any) -> None:
    dataset = project.create_dataset("ds1", "Filesystem")
    zone = project.get_flow().create_zone("Ingest")
    zone.add_item(dataset)
    dataset.delete()
    assert project.get_flow().get_zone(zone.id)._raw["items"] == []
