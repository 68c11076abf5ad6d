"""DSS recipe routes, driven through dataikuapi's recipe creators and settings."""

from __future__ import annotations

import json
from typing import Any

import pytest
from dataikuapi.utils import DataikuException


@pytest.fixture
def flow(project: Any) -> Any:
    for name in ("a", "b", "out"):
        project.create_dataset(name, "Filesystem")
    return project


def test_python_recipe_with_a_new_output_and_a_script(flow: Any) -> None:
    creator = flow.new_recipe("python", "py").with_input("a")
    creator.with_new_output_dataset("made", "filesystem_managed").with_script("print(1)")
    recipe = creator.create()
    settings = recipe.get_settings()
    assert settings.get_payload() == "print(1)"
    assert settings.get_flat_input_refs() == ["a"] and settings.get_flat_output_refs() == ["made"]
    assert flow.get_dataset("made").get_settings().get_raw()["managed"] is True


def test_sql_query_recipe(flow: Any) -> None:
    recipe = flow.new_recipe("sql_query", "q").with_input("a").with_output("out").create()
    settings = recipe.get_settings()
    settings.set_payload("SELECT 1")
    settings.save()
    assert recipe.get_settings().get_payload() == "SELECT 1"
    assert recipe.get_settings().type == "sql_query"


@pytest.mark.parametrize("recipe_type", ["sync", "shaker"])
def test_visual_single_output_recipes(flow: Any, recipe_type: str) -> None:
    recipe = flow.new_recipe(recipe_type, f"r_{recipe_type}").with_input("a").with_output("out")
    settings = recipe.create().get_settings()
    assert settings.get_recipe_outputs() == {
        "main": {"items": [{"ref": "out", "appendMode": False}]}
    }


def test_grouping_payload_holds_the_group_key(flow: Any) -> None:
    creator = flow.new_recipe("grouping", "g").with_input("a").with_output("out")
    settings = creator.with_group_key("city").create().get_settings()
    assert settings.obj_payload["keys"] == [{"column": "city"}]


def test_join_recipe_with_two_inputs(flow: Any) -> None:
    creator = flow.new_recipe("join", "j").with_input("a").with_input("b").with_output("out")
    settings = creator.create().get_settings()
    # JoinRecipeSettings.raw_virtual_inputs: "index" is the input's place in the inputs
    assert [v["index"] for v in json.loads(settings.get_payload())["virtualInputs"]] == [0, 1]


def test_save_updates_params_and_bumps_the_version(flow: Any) -> None:
    recipe = flow.new_recipe("sync", "s").with_input("a").with_output("out").create()
    settings = recipe.get_settings()
    settings.raw_params["engine"] = "DSS"
    settings.save()
    data = recipe.get_settings().data
    assert data["recipe"]["params"] == {"engine": "DSS"}
    assert data["recipe"]["versionTag"]["versionNumber"] == 1


def test_missing_input_duplicate_and_delete(flow: Any) -> None:
    with pytest.raises(DataikuException, match=r"dataset does not exist: DEMO\.nope"):
        flow.new_recipe("sync", "s").with_input("nope").with_output("out").create()
    recipe = flow.new_recipe("sync", "s").with_input("a").with_output("out").create()
    with pytest.raises(DataikuException, match="already exists"):
        flow.new_recipe("sync", "s").with_input("a").with_output("out").create()
    recipe.delete()
    with pytest.raises(DataikuException, match="NotFoundException: recipe does not exist"):
        recipe.get_settings()
