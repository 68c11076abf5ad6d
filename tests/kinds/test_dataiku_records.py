"""Every Dataiku kind is one record; the project format, generate and the part files
derive their sections and kinds from the records, and name no kind themselves."""

from __future__ import annotations

import ast
from pathlib import Path

from data_iac.config.dataiku.desired import instance_kinds, project_children, project_kind
from data_iac.config.dataiku.schema import DataikuConfig
from data_iac.config.roots import project_parts
from data_iac.config.schema import SharedKeys
from data_iac.kinds import specs_of

SRC = Path(__file__).resolve().parents[2] / "src" / "data_iac"
# The code that reads the records for Dataiku: none of it may spell a kind.
READERS = (
    "config/dataiku/desired.py",
    "config/dataiku/children.py",
    "config/dataiku/instance.py",
    "config/dataiku/validate.py",
    "config/dataiku/document.py",
    "config/roots.py",
    "generate/dataiku.py",
    "generate/collect.py",
    "operations/generation.py",
)


def test_every_dataiku_kind_has_a_complete_record() -> None:
    for spec in specs_of("dataiku"):
        assert spec.handler, spec.kind
        assert spec.import_id, spec.kind
        inside_parent = spec.sections and "." in spec.sections[0]  # project.variables
        assert spec.sections and (spec.config_model is not None or inside_parent), spec.kind


def test_every_section_of_the_format_is_a_record() -> None:
    children = {str(s.section): s.kind for s in project_children()}
    instance = {str(s.section): s.kind for s in instance_kinds()}
    shared = set(SharedKeys.model_fields)
    sections = set(DataikuConfig.model_fields) - shared - {"version", "metadata", "project"}
    assert sections == set(children) | set(instance)
    assert set(project_parts()) == set(children)
    assert all(s.build is not None for s in (*project_children(), *instance_kinds()))
    assert project_kind() not in {*children.values(), *instance.values()}


def test_no_reader_of_the_records_spells_a_dataiku_kind() -> None:
    found = []
    for relative in READERS:
        tree = ast.parse((SRC / relative).read_text())
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and text.startswith("dataiku_") and " " not in text:
                found.append(f"{relative}:{node.lineno}: {text}")
    assert found == []
