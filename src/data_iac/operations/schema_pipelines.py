"""The editor schema's data pipelines: ``pipelines:`` entries with ``nodes:``.

Their models (``data_iac.pipelines.spec``) accept more than their JSON Schema shows: names
under pydantic ``AliasChoices`` (``expr`` for ``sql_expr``), enums in any case, Laktory's
one ``source:`` and ``transformer: {nodes: [...]}``. Those are added here, for
config/stack/schema_editor.py (which imports no pipelines: the export passes this in).
"""

from __future__ import annotations

import re
import sys
from typing import Any

__all__ = ["add_data_pipelines"]


def add_data_pipelines(schema: dict[str, Any], section_ref: re.Pattern[str]) -> None:
    """``pipelines:`` entries may be data pipelines (``nodes:``, docs/pipelines.md) as
    well as Databricks pipelines: the section's entries accept either."""
    from data_iac.pipelines.spec import Pipeline

    data = Pipeline.model_json_schema(ref_template="#/$defs/DataPipeline_{model}")
    defs = schema["$defs"]
    for name, node in data.pop("$defs", {}).items():
        defs[f"DataPipeline_{name}"] = node
    defs["DataPipeline"] = data
    for name in [n for n in defs if n.startswith("DataPipeline")]:
        _any_case_enums(defs[name])  # the pipelines' models fold the case of their enums
    _alias_choices(defs, "DataPipeline_")
    node = defs.get("DataPipeline_Node", {})
    props = node.get("properties", {})
    if "sources" in props and "source" not in props:  # Laktory's one-source spelling
        props["source"] = {
            "anyOf": [props["sources"], *props["sources"].get("anyOf", [])[:0]],
            "description": "One source (Laktory's `source`), or a list like `sources`",
        }
        items = props["sources"].get("items")
        if isinstance(items, dict):
            props["source"]["anyOf"].append(items)
        if "sources" in node.get("required", []):
            node["required"].remove("sources")
    steps = props.get("transformer")
    if isinstance(steps, dict):  # Laktory's transformer: {nodes: [...]} is the list too
        wrapped = {"type": "object", "properties": {"nodes": steps}, "additionalProperties": False}
        props["transformer"] = {"anyOf": [steps, wrapped], "description": "The node's steps"}
    resources = defs.get("StackResources", {}).get("properties", {})
    wrapper = None
    for option in resources.get("pipelines", {}).get("anyOf", []):
        found = section_ref.match(str(option.get("$ref", "")))
        wrapper = found["name"] if found else wrapper
    section = defs.get(wrapper) if wrapper else None
    if isinstance(section, dict) and isinstance(section.get("additionalProperties"), dict):
        databricks = section["additionalProperties"]
        section["additionalProperties"] = {
            "anyOf": [databricks, {"$ref": "#/$defs/DataPipeline"}],
            "description": "A data pipeline (with nodes:) or a Databricks pipeline",
        }


def _alias_choices(defs: dict[str, Any], prefix: str) -> None:
    """A field validated under several names (pydantic's ``AliasChoices``, which a JSON
    Schema shows under the first only) gets its other names as properties too."""

    from pydantic import AliasChoices, BaseModel

    classes = {
        name: value
        for module in ("data_iac.pipelines.spec", "data_iac.pipelines.spec_io")
        for name, value in vars(sys.modules[module]).items()
        if isinstance(value, type) and issubclass(value, BaseModel)
    }
    for name, cls in classes.items():
        props = defs.get(f"{prefix}{name}", {}).get("properties")
        if not isinstance(props, dict):
            continue
        for field in cls.model_fields.values():
            alias = field.validation_alias
            if not isinstance(alias, AliasChoices):
                continue
            names = [c for c in alias.choices if isinstance(c, str)]
            shown = next((n for n in names if n in props), None)
            for other in names:
                if shown is not None and other not in props:
                    props[other] = {**props[shown], "description": f"The same as `{shown}`"}


def _any_case_enums(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _any_case_enums(item)
    elif isinstance(node, dict):
        values = node.get("enum")
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            if "ndjson" in values:  # pipelines/spec_io.py reads Laktory's jsonl as ndjson
                values = [*values, "jsonl"]
            node["enum"] = sorted(
                {*values, *(v.upper() for v in values), *(v.lower() for v in values)}
            )
        for value in node.values():
            _any_case_enums(value)
