"""Pydantic errors mapped back to located diagnostics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from data_iac.config.dataiku.schema import DataikuConfig
from data_iac.config.schema import SharedConfig
from data_iac.config.schema_errors import validate_model
from data_iac.config.stack.schema import section_model


@dataclass
class FakeMark:
    name: str
    line: int
    column: int


def test_unknown_key_gets_a_suggestion_and_location() -> None:
    data = {"project": {"key": "A", "name": "A"}, "datasets": [{"name": "D", "typ": "managed"}]}
    marks: dict[Any, Any] = {("datasets", 0, "typ"): FakeMark("p.yml", 5, 4)}
    model, problems = validate_model(DataikuConfig, data, marks)
    assert model is None
    messages = {(p.path, p.message) for p in problems}
    assert ("datasets[0].typ", "unknown key 'typ'") in messages
    assert ("datasets[0]", "missing required key 'type'") in messages
    unknown = next(p for p in problems if p.message.startswith("unknown"))
    assert unknown.hint.startswith("did you mean 'type'?")
    assert str(unknown.location) == "p.yml:6:5"


def test_union_tags_are_not_part_of_the_path() -> None:
    _, problems = validate_model(SharedConfig, {"backend": {"type": "s3", "bukket": "x"}}, {})
    assert sorted((p.path, p.message) for p in problems) == [
        ("backend", "missing required key 'bucket'"),
        ("backend.bukket", "unknown key 'bukket'"),
    ]


def test_keys_inside_a_section_mapping_are_suggested() -> None:
    data = {"dev": {"name": "dev", "isolation_mod": "OPEN"}}
    _, [problem] = validate_model(section_model("catalogs"), data, {}, ("resources", "catalogs"))
    assert problem.path == "resources.catalogs.dev.isolation_mod"
    assert problem.hint.startswith("did you mean 'isolation_mode'?")


def test_valid_data_gives_the_model() -> None:
    model, problems = validate_model(DataikuConfig, {"project": {"key": "A", "name": "A"}}, {})
    assert problems == [] and model is not None and model.project.key == "A"
