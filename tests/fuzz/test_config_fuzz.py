"""Fuzzed configurations: ``iac validate`` on a config directory (a stack with includes
of every kind of trouble, a Dataiku project, a shared file) with one file mutated, line
by line or byte by byte. Every run exits 0 or 1 with a located message; none prints a
traceback or "internal error", and the caps keep each run short (no timing asserted)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.support import (
    PROJECT,
    SHARED,
    STACK,
    assert_clean,
    mutate_lines,
    run_iac,
    write_tree,
)

FILES = ("stack.yaml", "project.yml", "settings.yml")
SEEDS = {"stack.yaml": STACK, "project.yml": PROJECT, "settings.yml": SHARED}
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

edits = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 10_000), st.integers(0, 10_000)),
    min_size=1,
    max_size=4,
)


def _validate(texts: dict[str, bytes]) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as scratch:
        config = write_tree(Path(scratch), STACK, PROJECT, SHARED)
        targets = {
            "stack.yaml": config / "lake" / "stack.yaml",
            "project.yml": config / "sales" / "project.yml",
            "settings.yml": config / "settings.yml",
        }
        for name, data in texts.items():
            targets[name].write_bytes(data)
        return run_iac(["validate", "-c", str(config), "--no-color"])


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IAC_ALLOW_PATHS", raising=False)


def test_the_seed_config_is_valid() -> None:
    code, output = _validate({})
    assert code == 0, output


@FUZZ
@given(target=st.sampled_from(FILES), changes=edits)
def test_line_mutations_give_exit_1_and_a_located_message(
    target: str, changes: list[tuple[int, int, int]]
) -> None:
    text = mutate_lines(SEEDS[target], changes)
    code, output = _validate({target: text.encode("utf-8")})
    assert_clean(code, output, FILES)


@FUZZ
@given(
    target=st.sampled_from(FILES),
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=6),
)
def test_byte_mutations_give_exit_1_and_a_located_message(
    target: str, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(SEEDS[target].encode("utf-8"))
    for where, value in flips:
        data[where % len(data)] = value
    code, output = _validate({target: bytes(data)})
    assert_clean(code, output, FILES)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(text=st.text(max_size=300))
def test_arbitrary_text_as_a_stack_file(text: str) -> None:
    code, output = _validate({"stack.yaml": text.encode("utf-8", "surrogatepass")})
    assert_clean(code, output, FILES)
