"""Environment selection and overlays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from data_iac.config.environments import apply_environment, check_environment_name
from data_iac.config.locations import locate
from data_iac.errors import ConfigError


@dataclass
class FakeMark:
    name: str
    line: int
    column: int


def test_a_config_without_environments_accepts_only_default() -> None:
    check_environment_name("default", [])
    with pytest.raises(ConfigError) as caught:  # never a silent fresh state file
        check_environment_name("prod", [])
    assert "declares no environments" in caught.value.hint
    assert "environments: {prod: {}}" in caught.value.hint


def test_unknown_environment_suggests_the_closest() -> None:
    with pytest.raises(ConfigError) as caught:
        check_environment_name("prd", ["dev", "prod"])
    assert "did you mean 'prod'?" in caught.value.hint
    check_environment_name("default", ["dev", "prod"])  # the base config is always there


def base() -> dict[str, Any]:
    return {
        "variables": {"a": 1, "b": 2},
        "datasets": [{"name": "X", "type": "managed"}, {"name": "Y", "type": "managed"}],
        "environments": {
            "prod": {
                "variables": {"b": 20, "c": 30},
                "datasets": [
                    {"name": "Y", "format_type": "parquet"},
                    {"name": "Z", "type": "managed"},
                ],
                "backend": {"type": "s3", "bucket": "b"},
            },
            "dev": {"variables": {"a": "${vars.only_in_dev}"}},
        },
    }


def test_overlay_deep_merges_and_merges_named_lists() -> None:
    merged, problems = apply_environment(base(), {}, "prod", "dataiku")
    assert problems == []
    assert "environments" not in merged
    assert merged["variables"] == {"a": 1, "b": 20, "c": 30}
    assert merged["datasets"] == [
        {"name": "X", "type": "managed"},
        {"name": "Y", "type": "managed", "format_type": "parquet"},
        {"name": "Z", "type": "managed"},
    ]
    assert merged["backend"] == {"type": "s3", "bucket": "b"}


def test_base_config_is_not_modified() -> None:
    data = base()
    apply_environment(data, {}, "prod", "dataiku")
    assert data["variables"] == {"a": 1, "b": 2}
    assert len(data["datasets"]) == 2


def test_no_overlay_for_default() -> None:
    merged, _ = apply_environment(base(), {}, "default", "dataiku")
    assert merged["variables"] == {"a": 1, "b": 2}


def test_overlaid_nodes_keep_their_locations() -> None:
    marks: dict[Any, Any] = {
        ("environments", "prod", "datasets", 1): FakeMark("p.yml", 20, 4),
        ("environments", "prod", "datasets", 1, "type"): FakeMark("p.yml", 21, 6),
        ("environments", "prod", "datasets", 0, "format_type"): FakeMark("p.yml", 19, 6),
    }
    apply_environment(base(), marks, "prod", "dataiku")
    assert locate(marks, ("datasets", 2, "type")).line == 22  # type: ignore[union-attr]
    assert locate(marks, ("datasets", 1, "format_type")).line == 20  # type: ignore[union-attr]


def test_an_environment_cannot_set_other_keys() -> None:
    data = {"environments": {"prod": {"projet": {"key": "X"}}}}
    _, [problem] = apply_environment(data, {}, "prod", "dataiku")
    assert problem.path == "environments.prod.projet"
    assert "did you mean 'project'?" in problem.hint
