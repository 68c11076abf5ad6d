"""The checked-in JSON Schemas match the models."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from data_iac.operations.jsonschema_export import SCHEMA_FILES, render_schemas, write_schemas

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def test_checked_in_schemas_are_fresh() -> None:
    for name, text in render_schemas().items():
        checked_in = (SCHEMAS / name).read_text(encoding="utf-8")
        assert checked_in == text, (
            f"schemas/{name} is stale: run `python -m data_iac.operations.jsonschema_export`"
        )


def test_schemas_accept_the_examples_and_reject_typos() -> None:
    import yaml

    dataiku = json.loads(render_schemas()[SCHEMA_FILES[0]])
    example = yaml.safe_load((SCHEMAS.parent / "examples/quickstart/project.yml").read_text())
    jsonschema.validate(example, dataiku)
    example["datasets"][0]["colour"] = "red"
    try:
        jsonschema.validate(example, dataiku)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("an unknown key passed the schema")


def test_write_schemas(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "out")
    names = {str(p.relative_to(tmp_path / "out")) for p in written}
    assert set(SCHEMA_FILES) <= names
    assert "stack/databricks_jobs.schema.json" in names  # files a stack includes
    stack = json.loads((tmp_path / "out" / "stack.schema.json").read_text())
    assert "databricks_catalogs" in stack["$defs"]["StackResources"]["properties"]
