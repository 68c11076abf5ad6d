"""DSS rename actions, driven through dataikuapi's ``rename()`` methods."""

from __future__ import annotations

from typing import Any

import pytest
from dataikuapi.utils import DataikuException


def test_renaming_a_dataset_follows_recipes_and_zones(project: Any) -> None:
    project.create_dataset("src", "Filesystem")
    project.create_dataset("dst", "Filesystem")
    recipe = project.new_recipe("sync", "copy").with_input("src").with_output("dst").create()
    zone = project.get_flow().create_zone("Ingest")
    zone.add_item(project.get_dataset("src"))
    dataset = project.get_dataset("src")
    dataset.rename("source")
    assert sorted(d["name"] for d in project.list_datasets()) == ["dst", "source"]
    assert recipe.get_settings().get_flat_input_refs() == ["source"]
    assert project.get_flow().get_zone_of_object(dataset).name == "Ingest"


def test_renaming_a_recipe_and_a_folder(project: Any) -> None:
    project.create_dataset("src", "Filesystem")
    project.create_dataset("dst", "Filesystem")
    recipe = project.new_recipe("sync", "copy").with_input("src").with_output("dst").create()
    recipe.rename("copy2")
    assert [r["name"] for r in project.list_recipes()] == ["copy2"]
    folder = project.create_managed_folder("mf")
    folder.rename("models")
    assert folder.get_settings().get_raw()["name"] == "models"


def test_renaming_onto_an_existing_name_is_refused(project: Any) -> None:
    project.create_dataset("a", "Filesystem")
    project.create_dataset("b", "Filesystem")
    with pytest.raises(DataikuException, match="already exists"):
        project.get_dataset("a").rename("b")
