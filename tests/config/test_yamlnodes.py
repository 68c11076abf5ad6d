"""YAML parsing: plain data, a mark per node, duplicate keys and includes."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.config.locations import locate
from data_iac.config.yamlnodes import parse_yaml_file, plain_scalar
from data_iac.errors import ConfigError
from tests.config.conftest import WriteFile


def parse(path: Path):  # type: ignore[no-untyped-def]
    return parse_yaml_file(path, path.name, read=lambda p: p.read_bytes())


def test_builds_plain_data_with_yaml_types(write: WriteFile) -> None:
    path = write(
        "a.yml",
        """
        text: hello
        number: 3
        ratio: 0.5
        flag: true
        nothing: null
        empty:
        quoted: "3"
        date: 2024-01-31
        items: [a, 1]
        """,
    )
    data = parse(path).data
    assert data == {
        "text": "hello",
        "number": 3,
        "ratio": 0.5,
        "flag": True,
        "nothing": None,
        "empty": None,
        "quoted": "3",
        "date": "2024-01-31",
        "items": ["a", 1],
    }


def test_every_node_has_a_one_based_location(write: WriteFile) -> None:
    path = write(
        "a.yml",
        """
        project:
          key: customer_analytics
        datasets:
          - name: A
            type: managed
        """,
    )
    parsed = parse(path)
    assert str(locate(parsed.marks, ("project", "key"))) == "a.yml:2:8"
    assert str(locate(parsed.marks, ("datasets", 0, "type"))) == "a.yml:5:11"
    assert str(locate(parsed.marks, ("datasets", 0))) == "a.yml:4:5"


def test_duplicate_keys_are_reported_with_both_lines(write: WriteFile) -> None:
    path = write(
        "a.yml",
        """
        recipes: []
        datasets: []
        recipes: [x]
        """,
    )
    parsed = parse(path)
    [problem] = parsed.problems
    assert problem.message == "duplicate key 'recipes' (first set at line 1)"
    assert str(problem.location) == "a.yml:3:1"
    assert parsed.data["recipes"] == []  # the first value is kept, never silently the last


def test_duplicate_keys_inside_list_items(write: WriteFile) -> None:
    path = write("a.yml", "- name: a\n  name: b\n")
    [problem] = parse(path).problems
    assert problem.path == "[0].name"


def test_anchors_aliases_and_merge_keys(write: WriteFile) -> None:
    path = write(
        "a.yml",
        """
        base: &base {type: managed, format_type: csv}
        copy: *base
        merged:
          <<: *base
          format_type: parquet
        """,
    )
    data = parse(path).data
    assert data["copy"] == {"type": "managed", "format_type": "csv"}
    assert data["merged"] == {"format_type": "parquet", "type": "managed"}


def test_use_and_extend_include_files_relative_to_the_includer(write: WriteFile) -> None:
    write("parts/catalog.yaml", "dev:\n  name: dev\n")
    write("parts/more.yaml", "- c\n- d\n")
    path = write(
        "stack.yaml",
        """
        catalogs: !use parts/catalog.yaml
        items:
          - a
          - !extend parts/more.yaml
        """,
    )
    parsed = parse(path)
    assert parsed.data == {"catalogs": {"dev": {"name": "dev"}}, "items": ["a", "c", "d"]}
    assert [p.name for p in parsed.included] == ["catalog.yaml", "more.yaml"]
    assert locate(parsed.marks, ("catalogs", "dev", "name")).file.endswith("catalog.yaml")


def test_missing_include_and_include_cycle_are_problems(write: WriteFile) -> None:
    write("loop.yaml", "x: !use stack.yaml\n")
    path = write("stack.yaml", "a: !use nowhere.yaml\nb: !use loop.yaml\n")
    messages = [p.message for p in parse(path).problems]
    assert any("nowhere.yaml: no such file" in m for m in messages)
    assert any(
        m.startswith("include cycle: stack.yaml -> loop.yaml -> stack.yaml") for m in messages
    )


def test_syntax_error_is_a_located_config_error(write: WriteFile) -> None:
    path = write("bad.yml", "a: [1, 2\nb: 3\n")
    with pytest.raises(ConfigError) as caught:
        parse(path)
    assert caught.value.location is not None
    assert caught.value.location.file == "bad.yml"


def test_plain_scalar_resolution() -> None:
    assert plain_scalar("Snowflake") == "Snowflake"
    assert plain_scalar("yes") is True
    assert plain_scalar("0x10") == 16
    assert plain_scalar("~") is None
    assert plain_scalar("1.5") == 1.5
    assert plain_scalar("-") == "-"
