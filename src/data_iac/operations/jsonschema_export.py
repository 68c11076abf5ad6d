"""JSON Schema of the config formats, generated from the pydantic models, for editors.

``python -m data_iac.operations.jsonschema_export [DIR]`` writes ``dataiku-project.schema.json``
and ``stack.schema.json`` into DIR (default: ``schemas/``), and ``stack/<section>.schema.json``
for files a stack includes with ``!use`` (config/stack/schema_editor.py). The files are
checked in; a test regenerates them and fails when a checked-in file is stale. Point an
editor at one with ``# yaml-language-server: $schema=<path or URL>`` as the first line of a
config file.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, create_model

from data_iac.config.dataiku.schema import DataikuConfig
from data_iac.config.stack.schema import StackConfig, section_model
from data_iac.config.stack.schema_editor import editor_schema, included_file_schemas
from data_iac.kinds import section_key, specs_of
from data_iac.operations.schema_docs import describe
from data_iac.operations.schema_pipelines import add_data_pipelines

__all__ = ["SCHEMA_FILES", "render_schemas", "write_schemas"]

SCHEMA_FILES = ("dataiku-project.schema.json", "stack.schema.json")
_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _stack_model() -> type[BaseModel]:
    """StackConfig with ``resources`` spelled out kind by kind (both spellings of each)."""
    sections: dict[str, Any] = {}
    for spec in specs_of("databricks"):
        if not spec.sections or spec.config_model is None:
            continue
        key = section_key(spec.sections[0])
        model = section_model(key, docs=True)
        for name in sorted({key, f"databricks_{key}", *spec.sections}):
            sections[name] = (model | None, Field(default=None))
    sections["providers"] = (dict[str, Any] | None, Field(default=None))
    resources = create_model("StackResources", **sections)
    return create_model(
        "Stack", __base__=StackConfig, resources=(resources | None, Field(default=None))
    )


def _schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True)
    return {"$schema": _DIALECT, "title": title, **schema}


@cache
def render_schemas() -> dict[str, str]:
    """File name (relative to the schemas directory) -> JSON text, exactly as written."""
    described = describe(_schema(_stack_model(), "data-iac Databricks stack"))
    stack = editor_schema(described, add_data_pipelines)
    schemas = {
        SCHEMA_FILES[0]: _schema(DataikuConfig, "data-iac Dataiku project"),
        SCHEMA_FILES[1]: stack,
    }
    for section, schema in included_file_schemas(stack, _DIALECT).items():
        schemas[f"stack/{section}.schema.json"] = schema
    return {
        name: json.dumps(body, indent=2, sort_keys=True) + "\n" for name, body in schemas.items()
    }


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema file into ``directory``; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemas")
    for path in write_schemas(out):
        print(path)
