"""Validated Dataiku projects -> resources with DSS-vocabulary specs."""

from __future__ import annotations

from typing import Any

from data_iac.addresses import Address
from data_iac.config.dataiku.desired import build_dataiku_resources
from data_iac.config.dataiku.schema import DataikuConfig
from data_iac.model.resource import Lifecycle, Resource


def build(data: dict[str, Any]) -> dict[str, Resource]:
    config = DataikuConfig.model_validate({"project": {"key": "P", "name": "P"}, **data})
    return {str(r.address): r for r in build_dataiku_resources(config, {})}


def test_project_spec_omits_unset_keys_and_variables_are_a_resource() -> None:
    data = {"project": {"key": "P", "name": "P", "variables": {"a": 1}, "tags": ["x"]}}
    resources = build(data)
    assert resources["dataiku_project.P"].spec == {"project_key": "P", "name": "P", "tags": ["x"]}
    variables = resources["dataiku_project_variables.P"]
    assert variables.spec == {"project_key": "P", "standard": {"a": 1}}
    assert variables.depends_on == {Address("dataiku_project", "P")}
    assert "dataiku_project_permissions.P" not in resources  # not written: not managed


def test_managed_dataset_goes_on_the_managed_filesystem() -> None:
    spec = build({"datasets": [{"name": "A", "type": "managed", "format_type": "csv"}]})[
        "dataiku_dataset.P.A"
    ].spec
    assert spec == {
        "project_key": "P",
        "name": "A",
        "type": "Filesystem",
        "managed": True,
        "connection": "filesystem_managed",
        "format_type": "csv",
    }


def test_external_dataset_keeps_its_connection_and_dss_type() -> None:
    dataset = {
        "name": "RAW",
        "type": "snowflake",
        "connection": "sf",
        "params": {"table": "t"},
        "schema": {"columns": [{"name": "id", "type": "bigint"}]},
    }
    spec = build({"datasets": [dataset]})["dataiku_dataset.P.RAW"].spec
    assert spec["type"] == "Snowflake" and spec["managed"] is False
    assert spec["connection"] == "sf" and spec["params"] == {"table": "t"}
    assert spec["schema"] == {"columns": [{"name": "id", "type": "bigint"}]}


def test_recipe_types_and_dependencies() -> None:
    resources = build(
        {
            "zones": [{"name": "z"}],
            "datasets": [{"name": "A", "type": "managed"}],
            "managed_folders": [{"name": "F"}],
            "recipes": [
                {"name": "q", "type": "sql", "inputs": ["A"], "outputs": ["F"], "zone": "z"},
                {"name": "p", "type": "prepare", "inputs": ["A"], "outputs": []},
            ],
        }
    )
    query = resources["dataiku_recipe.P.q"]
    assert query.spec["type"] == "sql_query"
    assert resources["dataiku_recipe.P.p"].spec["type"] == "shaker"
    assert query.depends_on == {
        Address("dataiku_project", "P"),
        Address("dataiku_dataset", "P.A"),
        Address("dataiku_managed_folder", "P.F"),
        Address("dataiku_zone", "P.z"),
    }


def test_scenario_defaults_and_lifecycle() -> None:
    scenario = {
        "name": "nightly",
        "steps": [{"type": "build_flowitem"}],
        "lifecycle": {"prevent_destroy": True, "ignore_changes": ["active"]},
    }
    resource = build({"scenarios": [scenario]})["dataiku_scenario.P.nightly"]
    assert resource.spec == {
        "project_key": "P",
        "name": "nightly",
        "type": "step_based",
        "active": False,
        "steps": [{"type": "build_flowitem"}],
    }
    assert resource.lifecycle == Lifecycle(True, ("active",))


def test_every_item_depends_on_its_project() -> None:
    resources = build({"zones": [{"name": "z", "color": "#fff"}]})
    assert resources["dataiku_zone.P.z"].depends_on == {Address("dataiku_project", "P")}
    assert resources["dataiku_zone.P.z"].spec == {"project_key": "P", "name": "z", "color": "#fff"}


def test_seed_constructs_reach_the_spec() -> None:
    resources = build(
        {
            "metadata": {"author": "me"},  # about the file: no resource, no spec
            "project": {
                "key": "P",
                "name": "P",
                "settings": {"owner": "team", "exposed": True, "git": {"remote": "git@x:y.git"}},
            },
            "datasets": [
                {
                    "name": "A",
                    "type": "azure_blob",
                    "connection": "blob",
                    "schema": {
                        "columns": [{"name": "id", "type": "int", "comment": "key"}],
                        "userModified": True,
                    },
                },
                {"name": "B", "type": "managed"},
            ],
            "recipes": [
                {
                    "name": "g",
                    "type": "group",
                    "inputs": ["A"],
                    "outputs": ["B"],
                    "description": "sums",
                }
            ],
        }
    )
    assert sorted(resources) == [
        "dataiku_dataset.P.A",
        "dataiku_dataset.P.B",
        "dataiku_project.P",
        "dataiku_recipe.P.g",
    ]
    assert resources["dataiku_project.P"].spec["settings"] == {
        "owner": "team",
        "exposed": True,
        "git": {"enabled": True, "remote": "git@x:y.git"},
    }
    dataset = resources["dataiku_dataset.P.A"].spec
    assert dataset["type"] == "Azure"
    assert dataset["schema"] == {
        "columns": [{"name": "id", "type": "int", "comment": "key"}],
        "userModified": True,
    }
    recipe = resources["dataiku_recipe.P.g"].spec
    assert (recipe["type"], recipe["description"]) == ("grouping", "sums")
