"""The JSON Schemas an editor checks Laktory stacks with (schemas/stack.schema.json and
schemas/stack/<section>.schema.json): Laktory's quickstart stacks and the files they
include pass, read as the YAML language server reads them when told Laktory's tags
(``yaml.customTags``: a tagged value is its text); typos do not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.compat.laktory_support import copy_quickstart

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
OURS = Path(__file__).resolve().parent / "fixtures"


class _TagsAsText(yaml.SafeLoader):
    """``!use FILE`` / ``!extend FILE`` / ``!update FILE`` read as the text FILE."""


for _tag in ("!use", "!extend", "!update"):
    _TagsAsText.add_constructor(_tag, lambda loader, node: loader.construct_scalar(node))


def _errors(data: Any, schema_file: str) -> list[str]:
    schema = json.loads((SCHEMAS / schema_file).read_text())
    validator = jsonschema.Draft202012Validator(schema)
    return [_message(e) for e in validator.iter_errors(data)]


def _message(error: jsonschema.ValidationError) -> str:
    """The error and, for an anyOf, each option's reasons (what an editor shows)."""
    found = [f"{list(error.absolute_path)}: {error.message[:120]}"]
    for reason in error.context or []:
        found.append(_message(reason))
    return "\n".join(found)


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(), Loader=_TagsAsText)


@pytest.mark.parametrize("stack", ["workspace", "unity-catalog", "workflows"])
def test_a_quickstart_and_the_files_it_includes_pass(stack: str, tmp_path: Path) -> None:
    root = copy_quickstart(stack, tmp_path)
    assert _errors(_read(root / "stack.yaml"), "stack.schema.json") == []
    for section, entries in (_read(root / "stack.yaml").get("resources") or {}).items():
        included = [entries] if isinstance(entries, str) else [
            v for v in (entries or {}).values() if isinstance(v, str)
        ]  # fmt: skip
        for name in [n for n in included if n.endswith((".yaml", ".yml"))]:
            assert _errors(_read(root / name), f"stack/{section}.schema.json") == [], name


@pytest.mark.parametrize(
    "stack",
    sorted(str(p.relative_to(OURS)) for p in OURS.glob("laktory*/**/stack.yaml")),
)
def test_our_laktory_stacks_pass(stack: str) -> None:
    assert _errors(_read(OURS / stack), "stack.schema.json") == []


def _job(**fields: Any) -> dict[str, Any]:
    job = {"name": "j", "tasks": [{"task_key": "a", "notebook_task": {"notebook_path": "/n"}}]}
    return {"name": "s", "resources": {"databricks_jobs": {"j": {**job, **fields}}}}


def test_a_typo_an_enum_and_a_type_are_errors_placeholders_and_includes_are_not() -> None:
    assert _errors(_job(max_concurent_runs=2), "stack.schema.json")  # typo
    assert _errors(_job(edit_mode="SOMETIMES"), "stack.schema.json")  # enum
    assert _errors(_job(max_concurrent_runs="two"), "stack.schema.json")  # type
    assert _errors(_job(max_concurrent_runs="${vars.runs}"), "stack.schema.json") == []
    assert _errors(_job(edit_mode="${{ 'UI_LOCKED' }}"), "stack.schema.json") == []
    assert _errors(_job(tasks="tasks/ingest.yaml"), "stack.schema.json") == []  # !use
    with_include = {"name": "s", "resources": {"databricks_jobs": "jobs.yaml"}}
    assert _errors(with_include, "stack.schema.json") == []


def test_terraform_singular_blocks_and_lookups_pass() -> None:
    task = {"task_key": "a", "notebook_task": {"notebook_path": "/n"}}
    singular = {"name": "s", "resources": {"databricks_jobs": {"j": {"name": "j", "task": task}}}}
    assert _errors(singular, "stack.schema.json") == []
    lookup = {"lookup_existing": {"path": "/Shared/x"}}
    looked_up = {"name": "s", "resources": {"databricks_notebooks": {"n": lookup}}}
    assert _errors(looked_up, "stack.schema.json") == []
    missing = {"name": "s", "resources": {"databricks_notebooks": {"n": {"path": "/x"}}}}
    assert any(
        "'source' is a required property" in e for e in _errors(missing, "stack.schema.json")
    )


def test_an_included_entry_file_is_checked_by_its_sections_schema() -> None:
    entry = {"name": "wh", "cluster_size": "2X-Small", "auto_stop_min": 5}
    assert _errors(entry, "stack/databricks_warehouses.schema.json")
    entry["auto_stop_mins"] = entry.pop("auto_stop_min")
    assert _errors(entry, "stack/databricks_warehouses.schema.json") == []
    assert _errors({"wh": entry}, "stack/databricks_warehouses.schema.json") == []


@pytest.mark.parametrize(
    "model",
    ["Catalog", "Schema", "Volume", "User", "Group", "SecretScope", "Notebook", "Warehouse"],
)
def test_every_field_of_a_kind_has_a_description(model: str) -> None:
    defs = json.loads((SCHEMAS / "stack.schema.json").read_text())["$defs"]
    undescribed = [f for f, v in defs[model]["properties"].items() if "description" not in v]
    assert undescribed == []


def test_a_string_field_the_sdk_types_as_an_enum_has_its_values() -> None:
    defs = json.loads((SCHEMAS / "stack.schema.json").read_text())["$defs"]
    volume_type = defs["Volume"]["properties"]["volume_type"]["anyOf"][0]
    assert volume_type["enum"] == ["MANAGED", "EXTERNAL"]  # catalog.VolumeType
    assert _errors({"name": "v", "volume_type": "MANGED"}, "stack/databricks_volumes.schema.json")
