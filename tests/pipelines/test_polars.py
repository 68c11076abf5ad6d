"""The Polars engine: every portable operation, native methods, and one collect per node."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from data_iac.errors import PipelineError
from data_iac.pipelines.engines.polars import PolarsEngine
from data_iac.pipelines.operations import SqlQuery
from data_iac.pipelines.parsing import parse_operation
from data_iac.pipelines.spec import Expectation

ENGINE = PolarsEngine()
PRICES = pl.LazyFrame({"k": ["a", "a", "b", None], "v": [1, 1, 3, 4], "d": ["2024-01-02"] * 4})
OTHER = pl.LazyFrame({"k": ["a", "b"], "w": [10, 30]})


def apply(name, args=(), kwargs=None, frame=PRICES):
    operation = parse_operation(name, list(args), kwargs or {})
    return ENGINE.apply(frame, operation, {"other": OTHER}).collect()


@pytest.mark.parametrize(
    ("name", "args", "kwargs", "expected"),
    [
        ("select", ["k", "v * 2 AS w"], {}, {"k": ["a", "a", "b", None], "w": [2, 2, 6, 8]}),
        ("filter", ["v > 1"], {}, {"k": ["b", None], "v": [3, 4]}),
        ("with_columns", [], {"w": "v + 1"}, {"w": [2, 2, 4, 5]}),
        ("rename", [], {"v": "value"}, {"value": [1, 1, 3, 4]}),
        ("limit", [2], {}, {"v": [1, 1]}),
        ("sort", ["v"], {"descending": True}, {"v": [4, 3, 1, 1]}),
    ],
)
def test_column_operations(name, args, kwargs, expected):
    result = apply(name, args, kwargs)
    for column, values in expected.items():
        assert result[column].to_list() == values


def test_drop_duplicates_cast_and_drop():
    assert apply("drop_duplicates").height == 3
    assert apply("drop_duplicates", kwargs={"subset": ["k"]}).height == 3
    cast = apply("cast", kwargs={"d": "date", "v": "double"})
    assert cast["d"][0] == dt.date(2024, 1, 2) and cast["v"].dtype == pl.Float64
    assert apply("drop", ["d"]).columns == ["k", "v"]


def test_relational_operations_take_other_nodes():
    joined = apply("join", kwargs={"other": "nodes.other", "on": ["k"], "how": "full"})
    assert joined.columns == ["k", "v", "d", "w"]
    assert joined.height == 4
    union = apply("union", kwargs={"others": ["other"]})
    assert union.height == 6 and union.columns == ["k", "v", "d", "w"]
    grouped = apply("group_by", kwargs={"by": ["k"], "agg": {"n": "count(*)", "s": "sum(v)"}})
    assert sorted(grouped.rows(), key=str) == sorted(
        [("a", 2, 2), ("b", 1, 3), (None, 1, 4)], key=str
    )
    sql = ENGINE.apply(
        PRICES,
        SqlQuery("SELECT p.k, o.w FROM {df} p JOIN {nodes.other} o ON p.k = o.k"),
        {"other": OTHER},
    )
    assert sorted(sql.collect().rows()) == [("a", 10), ("a", 10), ("b", 30)]


def test_native_methods_run_on_polars_and_spark_ones_are_refused():
    unpivoted = apply("polars.unpivot", kwargs={"index": "k", "on": ["v"]})
    assert unpivoted.columns == ["k", "variable", "value"]
    with pytest.raises(PipelineError, match=r"spark.dropna is a spark method") as caught:
        apply("spark.dropna")
    assert "--engine spark" in caught.value.hint


def test_evaluate_counts_failures_and_keep_drops_only_drop_expectations():
    expectations = [
        Expectation(name="positive", expr="v > 1", action="drop"),
        Expectation(name="known", expr="k IS NOT NULL", action="warn"),
        Expectation(name="null_is_failure", expr="k = 'a'", action="warn"),
    ]
    evaluated = ENGINE.evaluate(PRICES, expectations)
    assert (evaluated.total_rows, evaluated.failed, evaluated.dropped_rows) == (4, (2, 1, 2), 2)
    kept = ENGINE.keep(evaluated).collect()
    assert kept.columns == ["k", "v", "d"] and kept["v"].to_list() == [3, 4]


def test_evaluate_collects_exactly_once(monkeypatch):
    calls = []
    real = pl.LazyFrame.collect
    monkeypatch.setattr(
        pl.LazyFrame, "collect", lambda self, *a, **k: calls.append(1) or real(self, *a, **k)
    )
    ENGINE.evaluate(PRICES, [Expectation(name="e", expr="v > 1", action="drop")])
    assert len(calls) == 1
