"""Fuzzed state files: ``iac plan --refresh=false`` (which reads the state, and plans from
it without a platform) and ``iac state list`` over a state with one field replaced by any
JSON value, a field removed, or its bytes damaged. Every run exits 0, 1 or 2 (a plan with
changes); an exit 1 names the state file; none prints a traceback or "internal error", and
a state that could not be read is left byte for byte as it was."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.support import run_iac

PROJECT = """\
version: 1
project:
  key: SALES
  name: Sales
datasets:
  - name: orders
    type: managed
"""
STATE: dict[str, Any] = {
    "format_version": 1,
    "lineage": "6b0f8a53-3f0c-4d8e-9a7e-2a4f3c1d5e6f",
    "serial": 3,
    "environment": "default",
    "resources": {
        "dataiku_project.SALES": {
            "kind": "dataiku_project",
            "remote_id": "SALES",
            "attributes": {"project_key": "SALES", "name": "Sales"},
            "dependencies": [],
        },
        "dataiku_dataset.SALES.orders": {
            "kind": "dataiku_dataset",
            "remote_id": "SALES.orders",
            "attributes": {
                "name": "orders",
                "project_key": "SALES",
                "type": "Filesystem",
                "managed": True,
                "connection": "filesystem_managed",
                "tags": ["a"],
            },
            "dependencies": ["dataiku_project.SALES"],
            "sensitive_hashes": {"password": "sha256:00"},
            "version": "7",
        },
    },
}
FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a node of a JSON document (the root excluded)."""
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in children:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


PATHS = sorted(_paths(STATE), key=repr)


def _replace(document: Any, path: tuple[Any, ...], value: Any, delete: bool) -> Any:
    copy = json.loads(json.dumps(document))
    parent = copy
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return copy


def _plan(data: bytes) -> tuple[int, str, bytes]:
    with tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch):
        root = Path(scratch)
        (root / "sales").mkdir()
        (root / "sales" / "project.yml").write_text(PROJECT)
        state = root / ".iac" / "state" / "SALES" / "default.json"
        state.parent.mkdir(parents=True)
        state.write_bytes(data)
        config = "sales"  # the state's place is relative to the working directory
        listed, listing = run_iac(["state", "list", "-c", config, "--no-color"])
        code, output = run_iac(["plan", "-c", config, "--refresh=false", "--no-color"])
        assert listed in (0, 1) and "Traceback" not in listing, listing
        assert (listed == 1) == (code == 1), (listing, output)
        return code, output, state.read_bytes()


@pytest.fixture(autouse=True)
def _no_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("DKU_DSS_URL", "DKU_API_KEY", "DATABRICKS_HOST", "DATABRICKS_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def _assert_clean(code: int, output: str, before: bytes, after: bytes) -> None:
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert code in (0, 1, 2), (code, output)
    if code == 1:
        assert "default.json" in output, output
        assert after == before, "a state that could not be read was rewritten"


def test_the_seed_state_plans() -> None:
    code, output, _ = _plan(json.dumps(STATE).encode())
    assert code == 0 and "No changes" in output, output  # the state was read


@FUZZ
@given(path=st.sampled_from(PATHS), value=json_values, delete=st.booleans())
def test_any_field_replaced_or_removed(path: tuple[Any, ...], value: Any, delete: bool) -> None:
    data = json.dumps(_replace(STATE, path, value, delete)).encode()
    code, output, after = _plan(data)
    _assert_clean(code, output, data, after)


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=4),
    cut=st.none() | st.integers(0, 10_000),
)
def test_damaged_bytes(flips: list[tuple[int, int]], cut: int | None) -> None:
    data = bytearray(json.dumps(STATE, indent=2).encode())
    for where, value in flips:
        data[where % len(data)] = value
    if cut is not None:
        del data[cut % len(data) :]
    code, output, after = _plan(bytes(data))
    _assert_clean(code, output, bytes(data), after)
