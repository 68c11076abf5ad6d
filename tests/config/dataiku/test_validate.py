"""Dataiku rules: naming, duplicates, references, cycles; all reported in one run."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.cli.failure import render_diagnostic
from data_iac.config.dataiku.validate import validate_dataiku


def project(**sections: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"version": "1.0", "project": {"key": "SALES", "name": "SALES"}}
    data.update(sections)
    return data


def ds(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": "managed", **extra}


def recipe(name: str, inputs: list[str], outputs: list[str], **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": "python", "inputs": inputs, "outputs": outputs, **extra}


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    _, found = validate_dataiku(data, {})
    return [(p.path, p.message) for p in found]


def test_a_valid_project_has_no_problem() -> None:
    data = project(datasets=[ds("A"), ds("B")], recipes=[recipe("r", ["A"], ["B"])])
    model, found = validate_dataiku(data, {})
    assert found == [] and model is not None


def test_project_key_rule_with_hint() -> None:
    _, [problem] = validate_dataiku({"project": {"key": "customer-analytics", "name": "CA"}}, {})
    assert render_diagnostic(problem).splitlines() == [
        "error: project.key: 'customer-analytics' must match ^[A-Z][A-Z0-9_]*$",
        "  hint: Dataiku project keys are upper case, e.g. CUSTOMER_ANALYTICS",
    ]


def test_dataset_names_follow_dss_rules_by_default() -> None:
    data = project(datasets=[ds("lower_ok"), ds("bad-name")])
    assert problems(data) == [("datasets[1].name", "'bad-name' must match ^[A-Za-z0-9_]+$")]


def test_strict_naming_wants_upper_datasets_and_lower_recipes() -> None:
    data = project(
        naming="strict",
        datasets=[ds("lower"), ds("UPPER")],
        recipes=[recipe("Prep", ["lower"], ["UPPER"])],
    )
    assert [path for path, _ in problems(data)] == ["datasets[0].name", "recipes[0].name"]


@pytest.mark.parametrize("section", ["datasets", "scenarios", "managed_folders", "zones"])
def test_duplicate_names(section: str) -> None:
    item = ds("A") if section == "datasets" else {"name": "A"}
    [(path, message)] = problems(project(**{section: [item, dict(item)]}))
    assert path == f"{section}[1].name" and message.startswith("duplicate name 'A'")


def test_two_recipes_writing_one_output() -> None:
    data = project(
        datasets=[ds("A"), ds("B")],
        recipes=[recipe("r1", ["A"], ["B"]), recipe("r2", ["A"], ["B"])],
    )
    assert problems(data) == [("recipes[1].outputs[0]", "'B' is already written by recipe 'r1'")]


def test_recipe_references_must_exist_with_a_suggestion() -> None:
    data = project(datasets=[ds("ORDERS")], recipes=[recipe("r", ["ORDER"], ["ORDERS"])])
    _, [problem] = validate_dataiku(data, {})
    assert problem.path == "recipes[0].inputs[0]"
    assert problem.hint == "did you mean 'ORDERS'?"


def test_managed_folders_count_as_recipe_references() -> None:
    data = project(
        datasets=[ds("A")],
        managed_folders=[{"name": "models"}],
        recipes=[recipe("train", ["A"], ["models"])],
    )
    assert problems(data) == []


def test_dataset_and_folder_with_one_name_clash() -> None:
    data = project(datasets=[ds("X")], managed_folders=[{"name": "X"}])
    assert problems(data)[0][0] == "managed_folders[0].name"


def test_zones_must_exist() -> None:
    data = project(zones=[{"name": "raw"}], datasets=[ds("A", zone="raw"), ds("B", zone="gold")])
    assert problems(data) == [("datasets[1].zone", "unknown zone 'gold'")]


def test_cycles_print_the_cycle() -> None:
    data = project(
        datasets=[ds("A"), ds("B")],
        recipes=[recipe("ab", ["A"], ["B"]), recipe("ba", ["B"], ["A"])],
    )
    [(_, message)] = problems(data)
    assert message.startswith("dependency cycle: recipe ")
    assert "recipe ab" in message and "recipe ba" in message


def test_unknown_lower_case_dataset_type() -> None:
    data = project(datasets=[{"name": "A", "type": "snowflak"}, {"name": "B", "type": "MyPlugin"}])
    assert problems(data) == [("datasets[0].type", "unknown dataset type 'snowflak'")]


def test_five_mistakes_give_five_located_diagnostics() -> None:
    data = project(
        datasets=[ds("A"), ds("A"), {"name": "C", "typ": "managed"}],
        recipes=[recipe("r", ["MISSING"], ["A"], zone="nowhere")],
    )
    data["project"]["key"] = "sales"
    _, found = validate_dataiku(data, {})
    assert len(found) == 6  # unknown key + missing type for C, key, duplicate, ref, zone
    assert len({p.path for p in found}) == 6


def hints(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    _, found = validate_dataiku(data, {})
    return [(p.path, p.message, p.hint) for p in found]


# The rules below are at least as strict as the seed's own validator
# (hangtime79/dataiku-api-client-python dataikuapi/iac/config/validator.py and
# dataikuapi/iac/schemas/config_v1.schema.json).


def test_recipe_type_typo_has_a_suggestion() -> None:
    data = project(
        datasets=[ds("A"), ds("B")], recipes=[{**recipe("r", ["A"], ["B"]), "type": "pyhton"}]
    )
    assert hints(data) == [
        ("recipes[0].type", "unknown recipe type 'pyhton'", "did you mean 'python'?")
    ]


def test_seed_and_dss_recipe_types_pass() -> None:
    types = ["python", "sql", "join", "group", "window", "sort", "topn", "distinct", "grouping"]
    types += ["pivot", "split", "sync", "shaker", "prepare", "vstack", "CustomCode_my-plugin"]
    datasets = [ds(f"D{i}") for i in range(len(types) + 1)]
    recipes = [
        {**recipe(f"r{i}", [f"D{i}"], [f"D{i + 1}"]), "type": kind} for i, kind in enumerate(types)
    ]
    assert problems(project(datasets=datasets, recipes=recipes)) == []


def test_format_type_is_checked() -> None:
    data = project(datasets=[ds("A", format_type="parquet"), ds("B", format_type="parket")])
    assert hints(data) == [
        ("datasets[1].format_type", "unknown format_type 'parket'", "did you mean 'parquet'?")
    ]


@pytest.mark.parametrize("outputs", [None, []])
def test_a_recipe_needs_outputs(outputs: list[str] | None) -> None:
    item = {"name": "r", "type": "python", "inputs": ["A"]}
    if outputs is not None:
        item["outputs"] = outputs
    [(path, message, hint)] = hints(project(datasets=[ds("A")], recipes=[item]))
    assert message == "recipe 'r' has no outputs" and "add outputs" in hint
    assert path == ("recipes[0].outputs" if outputs == [] else "recipes[0]")


def test_a_project_needs_a_name() -> None:
    assert problems({"project": {"key": "SALES"}}) == [("project", "missing required key 'name'")]
    assert problems({"project": {"key": "SALES", "name": ""}})[0][0] == "project.name"


def test_settings_beyond_the_managed_ones_are_rejected_with_the_list() -> None:
    data = project()
    data["project"]["settings"] = {"exposed": True, "container": {}}
    [(path, message, hint)] = hints(data)
    assert (path, message) == ("project.settings.container", "unknown key 'container'")
    assert hint == "known keys: code_envs, exposed, git, owner"


def test_dss_spelling_of_code_envs_gets_a_did_you_mean() -> None:
    data = project()
    data["project"]["settings"] = {"codeEnvs": {"python": "ml"}}
    [(path, _, hint)] = hints(data)
    assert path == "project.settings.codeEnvs"
    assert hint.startswith("did you mean 'code_envs'?")


def test_git_cannot_be_disabled() -> None:
    data = project()
    data["project"]["settings"] = {"git": {"enabled": False}}
    [(path, _)] = problems(data)
    assert path == "project.settings.git.enabled"


def test_seed_metadata_schema_extras_and_recipe_description_are_accepted() -> None:
    data = project(
        metadata={"description": "d", "author": "me", "created": "2024-01-01", "team": "x"},
        datasets=[
            ds(
                "A",
                schema={
                    "columns": [{"name": "id", "type": "bigint", "comment": "c"}],
                    "userModified": True,
                },
            ),
            ds("B", type="azure_blob", connection="blob"),
        ],
        recipes=[recipe("r", ["A"], ["B"], description="copies A")],
    )
    assert problems(data) == []


def test_unknown_schema_key_lists_the_known_ones() -> None:
    data = project(datasets=[ds("A", schema={"columns": [], "colums": []})])
    [(_, message, hint)] = hints(data)
    assert message == "unknown key 'colums'" and "columns, userModified" in hint
