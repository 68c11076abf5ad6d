from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from data_iac.diff.compare import MISSING, AttributeDiff, diff_attributes, values_equal
from data_iac.providers.base import KindSchema

PLAIN = KindSchema("k")


def test_only_desired_keys_are_compared_recursively():
    want = {"name": "a", "params": {"table": "t"}}
    have = {"name": "a", "params": {"table": "t", "server_set": 1}, "owner": "someone"}
    assert diff_attributes(want, have, PLAIN) == []


def test_a_nested_difference_is_reported_at_its_path():
    want = {"params": {"conn": {"host": "new"}}}
    have = {"params": {"conn": {"host": "old", "port": 5}}}
    assert diff_attributes(want, have, PLAIN) == [AttributeDiff("params.conn.host", "old", "new")]


def test_an_attribute_missing_on_the_platform_differs():
    assert diff_attributes({"x": 1}, {}, PLAIN) == [AttributeDiff("x", MISSING, 1)]


def test_booleans_are_not_numbers_but_ints_equal_floats():
    assert not values_equal(True, 1)
    assert values_equal(1, 1.0)
    assert diff_attributes({"active": True}, {"active": 1}, PLAIN) != []


def test_unordered_lists_compare_as_sets_others_in_order():
    schema = KindSchema("k", unordered=frozenset({"tags"}))
    assert diff_attributes({"tags": ["a", "b"]}, {"tags": ["b", "a"]}, schema) == []
    assert diff_attributes({"order": ["a", "b"]}, {"order": ["b", "a"]}, schema) != []


def test_ignored_and_computed_paths_are_left_alone():
    schema = KindSchema("k", computed=frozenset({"id"}))
    want = {"id": 1, "params": {"a": 1, "b": 2}}
    have = {"id": 2, "params": {"a": 9, "b": 2}}
    assert diff_attributes(want, have, schema, ignore=("params.a",)) == []
    assert diff_attributes(want, have, schema) == [AttributeDiff("params.a", 9, 1)]


def test_closed_mapping_reports_keys_that_will_be_removed():
    want = {"grants": {"alice": ["USE"]}}
    have = {"grants": {"alice": ["USE"], "bob": ["BROWSE"]}}
    closed = frozenset({"grants"})
    assert diff_attributes(want, have, PLAIN, closed=closed) == [
        AttributeDiff("grants.bob", ["BROWSE"], MISSING)
    ]
    assert diff_attributes(want, have, PLAIN) == []


json_leaf = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
json_value = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=10,
)
specs = st.dictionaries(st.text(min_size=1, max_size=4), json_value, max_size=5)


@given(specs)
def test_a_spec_never_differs_from_itself(spec: dict[str, Any]):
    assert diff_attributes(spec, spec, PLAIN) == []


@given(specs, st.text(min_size=1, max_size=4), json_leaf, json_leaf)
def test_a_changed_top_level_leaf_is_reported_at_its_key(
    spec: dict[str, Any], key: str, old: Any, new: Any
):
    if values_equal(old, new):
        return
    want, have = {**spec, key: new}, {**spec, key: old}
    assert AttributeDiff(key, old, new) in diff_attributes(want, have, PLAIN)
