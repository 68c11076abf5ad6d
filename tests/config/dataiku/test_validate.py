"""Dataiku rules: naming, duplicates, references, cycles; all reported in one run."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.cli.failure import render_diagnostic
from data_iac.config.dataiku.validate import validate_dataiku


def project(**sections: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"version": "1.0", "project": {"key": "SALES"}}
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
    _, [problem] = validate_dataiku({"project": {"key": "customer-analytics"}}, {})
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
