from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from data_iac.diff.compare import (
    MISSING,
    AttributeDiff,
    diff_attributes,
    forces_replace,
    removed_fields,
    values_equal,
)
from data_iac.model.kind import SERVER_SET
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


JOB = KindSchema(
    "k",
    list_keys={"tasks": "task_key", "tasks.libraries": ("whl", "pypi"), "clusters": "label"},
    defaults={
        "tasks.run_if": "ALL_SUCCESS",
        "tasks.new_cluster.node_type_id": SERVER_SET,
        "clusters.label": "default",
    },
    write_only=frozenset({"tasks.new_cluster.apply_policy_default_values"}),
    ignore_remote=frozenset({"tasks.new_cluster.aws_attributes"}),
    immutable=frozenset({"tasks.new_cluster.spark_version"}),
)


def _task(**fields: Any) -> dict[str, Any]:
    return {"task_key": "etl", "new_cluster": {"spark_version": "15"}, **fields}


def test_list_elements_are_matched_on_their_key_not_their_position():
    want = {"tasks": [_task(), {"task_key": "b"}]}
    have = {"tasks": [{"task_key": "b"}, _task()]}
    assert diff_attributes(want, have, JOB) == []


def test_an_element_only_one_side_has_is_added_or_removed_by_key():
    want = {"tasks": [_task(), {"task_key": "new"}]}
    have = {"tasks": [_task(), {"task_key": "old"}]}
    assert diff_attributes(want, have, JOB) == [
        AttributeDiff("tasks[new]", MISSING, {"task_key": "new"}),
        AttributeDiff("tasks[old]", {"task_key": "old"}, MISSING),
    ]


def test_inside_an_element_backend_defaults_are_ignored_other_remote_fields_differ():
    remote = _task(run_if="ALL_SUCCESS", new_cluster={"spark_version": "15", "node_type_id": "i3"})
    assert diff_attributes({"tasks": [_task()]}, {"tasks": [remote]}, JOB) == []
    changed = {**remote, "run_if": "ALL_DONE", "timeout_seconds": 60}
    assert diff_attributes({"tasks": [_task()]}, {"tasks": [changed]}, JOB) == [
        AttributeDiff("tasks[etl].run_if", "ALL_DONE", MISSING),
        AttributeDiff("tasks[etl].timeout_seconds", 60, MISSING),
    ]


def test_input_only_and_remotely_ignored_nested_fields_never_differ():
    want = _task(new_cluster={"spark_version": "15", "apply_policy_default_values": True,
                              "aws_attributes": {"zone_id": "auto"}})  # fmt: skip
    have = _task(new_cluster={"spark_version": "15", "aws_attributes": {"zone_id": "us-1a"}})
    assert diff_attributes({"tasks": [want]}, {"tasks": [have]}, JOB) == []


def test_a_user_value_equal_to_the_default_the_service_leaves_out_is_no_difference():
    assert (
        diff_attributes({"tasks": [_task(run_if="ALL_SUCCESS")]}, {"tasks": [_task()]}, JOB) == []
    )


def test_an_unnamed_element_takes_the_name_the_backend_gives_it():
    want = {"clusters": [{"num_workers": 1}]}
    have = {"clusters": [{"label": "default", "num_workers": 2}]}
    assert diff_attributes(want, have, JOB) == [
        AttributeDiff("clusters[default].num_workers", 2, 1)
    ]


def test_a_library_is_named_by_its_coordinates():
    want = {"tasks": [_task(libraries=[{"pypi": {"package": "polars"}}, {"whl": "/a.whl"}])]}
    have = {"tasks": [_task(libraries=[{"whl": "/a.whl"}, {"pypi": {"package": "polars"}}])]}
    assert diff_attributes(want, have, JOB) == []
    assert [d.path for d in diff_attributes(have, {"tasks": [_task()]}, JOB)] == [
        "tasks[etl].libraries"
    ]


def test_a_nested_immutable_field_forces_a_replace_wherever_its_element_is():
    diffs = diff_attributes(
        {"tasks": [_task()]}, {"tasks": [_task(new_cluster={"spark_version": "14"})]}, JOB
    )
    assert [d.path for d in diffs] == ["tasks[etl].new_cluster.spark_version"]
    assert forces_replace(JOB, diffs[0].path)
    assert diffs[0].top == "tasks"
    assert not forces_replace(JOB, "tasks[etl].new_cluster.num_workers")


def test_elements_without_a_key_are_compared_as_whole_lists():
    want = {"tasks": [{"run_if": "ALL_DONE"}]}
    assert [d.path for d in diff_attributes(want, {"tasks": [{}]}, JOB)] == ["tasks"]


def test_a_field_the_config_no_longer_sets_is_removed_where_updates_replace_the_object():
    whole = KindSchema(
        "k", update_replaces=True, defaults={"format": SERVER_SET, "timeout": 0},
        computed=frozenset({"id"}), write_only=frozenset({"token"}),
    )  # fmt: skip
    current = {"name": "n", "schedule": {"cron": "x"}, "format": "M", "timeout": 0, "id": 1}
    configured = ("name", "schedule", "format", "timeout", "id", "token")
    assert removed_fields({"name": "n"}, configured, current, whole) == [
        AttributeDiff("schedule", {"cron": "x"}, MISSING)
    ]
    assert removed_fields({"name": "n"}, configured, current, whole, ignore=("schedule",)) == []
    assert removed_fields({"name": "n"}, configured, current, PLAIN) == []  # a PATCH keeps it
