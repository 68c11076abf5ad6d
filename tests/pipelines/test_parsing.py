"""Step parsing: one operation value per step, bad arguments refused with a clear message."""

from __future__ import annotations

import pytest

from data_iac.pipelines.operations import (
    PORTABLE_OPERATIONS,
    Cast,
    Drop,
    DropDuplicates,
    Filter,
    GroupBy,
    Join,
    Limit,
    Native,
    Rename,
    Select,
    Sort,
    Union,
    WithColumns,
)
from data_iac.pipelines.parsing import parse_operation


@pytest.mark.parametrize(
    ("name", "args", "kwargs", "expected"),
    [
        ("select", ["a", "b * 2 AS c"], {}, Select(("a", "b * 2 AS c"))),
        ("filter", ["a > 1"], {}, Filter("a > 1")),
        ("where", [], {"expr": "a > 1"}, Filter("a > 1")),
        ("with_column", ["c", "a + 1"], {}, WithColumns((("c", "a + 1"),))),
        ("with_column", [], {"name": "c", "expr": "a"}, WithColumns((("c", "a"),))),
        ("with_columns", [], {"c": "a", "d": "b"}, WithColumns((("c", "a"), ("d", "b")))),
        ("rename", [], {"a": "x"}, Rename((("a", "x"),))),
        ("drop", ["a", "b"], {}, Drop(("a", "b"))),
        ("drop_duplicates", [], {}, DropDuplicates(None)),
        ("drop_duplicates", [], {"subset": ["a"]}, DropDuplicates(("a",))),
        ("unique", [], {"subset": "a"}, DropDuplicates(("a",))),
        ("join", [], {"other": "{nodes.x}", "on": ["k"]}, Join("x", ("k",), "inner")),
        ("join", [], {"other": "nodes.x", "on": "k", "how": "LEFT"}, Join("x", ("k",), "left")),
        ("join", [], {"other": "x", "how": "cross"}, Join("x", (), "cross")),
        ("union", [], {"others": ["nodes.x", "y"]}, Union(("x", "y"))),
        (
            "group_by",
            [],
            {"by": ["k"], "agg": {"n": "count(*)"}},
            GroupBy(("k",), (("n", "count(*)"),)),
        ),
        ("group_by", ["k"], {"agg": ["sum(v) AS s"]}, GroupBy(("k",), (("", "sum(v) AS s"),))),
        ("sort", ["a", "b"], {"descending": [True, False]}, Sort(("a", "b"), (True, False))),
        ("order_by", [], {"by": "a", "descending": True}, Sort(("a",), (True,))),
        ("limit", [5], {}, Limit(5)),
        ("cast", [], {"a": "DATE"}, Cast((("a", "date"),))),
    ],
)
def test_portable_steps_parse_into_operation_values(name, args, kwargs, expected):
    assert parse_operation(name, args, kwargs) == expected


@pytest.mark.parametrize(
    ("name", "args", "kwargs", "message"),
    [
        ("pivotz", [], {}, "unknown operation 'pivotz'"),
        ("filter", [], {}, "filter needs one SQL condition"),
        ("join", [], {"other": "x"}, "join needs `on`"),
        ("join", [], {"other": "x", "on": "k", "how": "outer-ish"}, "join how must be one of"),
        ("union", [], {}, "union needs `others`"),
        ("group_by", [], {"by": "k", "agg": 3}, "group_by `agg` must be a non-empty mapping"),
        ("sort", ["a"], {"descending": [True, False]}, "one bool per `by` column"),
        ("limit", [-1], {}, "non-negative integer"),
        ("cast", [], {"a": "varchar2"}, "unknown type 'varchar2'"),
        ("select", [3], {}, "must be a string or a list of strings"),
    ],
)
def test_bad_steps_are_refused_with_a_message_for_the_user(name, args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        parse_operation(name, args, kwargs)


def test_engine_methods_need_the_engine_prefix_or_flag_and_the_allow_list():
    assert parse_operation("polars.unpivot", [], {"index": "a"}) == Native(
        "polars", "unpivot", (), {"index": "a"}
    )
    assert parse_operation("dropna", [], {}, engine="spark").engine == "spark"
    with pytest.raises(ValueError, match=r"polars.write_csv is not allowed"):
        parse_operation("polars.write_csv", ["/tmp/x"], {})
    with pytest.raises(ValueError, match="unknown engine 'pandas'"):
        parse_operation("pandas.melt", [], {})


def test_every_portable_name_has_a_parser():
    for name in PORTABLE_OPERATIONS:
        try:
            parse_operation(name, [], {})
        except ValueError as error:
            assert "unknown operation" not in str(error)
