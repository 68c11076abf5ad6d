"""Paths and locations of nodes."""

from __future__ import annotations

from dataclasses import dataclass

from data_iac.config.locations import format_path, locate, relocate


@dataclass
class FakeMark:
    name: str
    line: int
    column: int


def test_format_path() -> None:
    assert format_path(("datasets", 3, "type")) == "datasets[3].type"
    assert format_path(()) == ""
    assert format_path((0, "name")) == "[0].name"


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    marks = {("a",): FakeMark("f.yml", 0, 2)}
    assert str(locate(marks, ("a", "b", 1))) == "f.yml:1:3"
    assert locate(marks, ("z",)) is None


def test_relocate_copies_a_subtree() -> None:
    marks = {("env", "x"): FakeMark("f", 4, 0), ("env", "x", "k"): FakeMark("f", 5, 2)}
    relocate(marks, ("env", "x"), ("x",))
    assert locate(marks, ("x", "k")).line == 6  # type: ignore[union-attr]
    assert ("env", "x", "k") in marks
