"""The pipeline models: Laktory's YAML shapes, layer defaults, and validation rules."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from data_iac.pipelines.operations import Select, SqlQuery
from data_iac.pipelines.spec import (
    FileSink,
    FileSource,
    Layer,
    NodeSource,
    TableSink,
    TableSource,
    Tolerance,
)

from .conftest import make_pipeline

CSV = {"path": "a.csv", "format": "CSV"}


def test_laktory_node_yaml_is_accepted_as_written():
    pipeline = make_pipeline(
        [
            {"name": "brz", "layer": "bronze", "source": {**CSV, "read_options": {"header": True}}},
            {
                "name": "slv",
                "layer": "SILVER",
                "source": {"node_name": "brz"},
                "sink": {"schema_name": "finance", "table_name": "slv"},
                "transformer": {
                    "nodes": [
                        {"func_name": "select", "func_args": ["a"]},
                        {"sql_expr": "SELECT * FROM {df}"},
                    ]
                },
            },
        ]
    )
    brz, slv = pipeline.nodes
    assert isinstance(brz.source, FileSource)
    assert brz.source.format == "csv"
    assert brz.source.options == {"header": True}
    assert isinstance(slv.source, NodeSource)
    assert [s.operation for s in slv.transformer] == [
        Select(("a",)),
        SqlQuery("SELECT * FROM {df}"),
    ]
    assert slv.sink == TableSink(schema_name="finance", table_name="slv")
    assert slv.layer is Layer.SILVER


def test_sources_and_sinks_are_told_apart_by_their_keys():
    pipeline = make_pipeline(
        [
            {
                "name": "a",
                "source": {"table_name": "t", "catalog_name": "c"},
                "sink": {"path": "o.parquet", "format": "parquet"},
            },
        ]
    )
    node = pipeline.nodes[0]
    assert node.source == TableSource(catalog_name="c", table_name="t")
    assert isinstance(node.sink, FileSink)
    assert node.sink.mode is None and node.sink.write_mode == "overwrite"


@pytest.mark.parametrize(
    ("layer", "override", "drops"),
    [
        (None, None, False),
        ("BRONZE", None, False),
        ("SILVER", None, True),
        ("GOLD", None, False),
        ("SILVER", False, False),
        ("GOLD", True, True),
    ],
)
def test_only_silver_drops_exact_duplicates_by_default(layer, override, drops):
    node = make_pipeline(
        [{"name": "a", "source": CSV, "layer": layer, "drop_duplicates": override}]
    ).nodes[0]
    assert node.drops_exact_duplicates is drops


@pytest.mark.parametrize(
    ("node", "message"),
    [
        ({"name": "a", "source": CSV, "extra": 1}, "Extra inputs are not permitted"),
        ({"name": "a b", "source": CSV}, "use letters, digits"),
        ({"name": "a", "source": {"path": "x", "format": "xml"}}, "Input should be 'csv'"),
        (
            {"name": "a", "source": CSV, "transformer": [{"func_name": "select", "sql_expr": "x"}]},
            "exactly one of func_name or expr",
        ),
        (
            {"name": "a", "source": CSV, "sink": {"table_name": "t", "mode": "merge"}},
            "merge needs primary_keys",
        ),
        (
            {
                "name": "a",
                "source": CSV,
                "expectations": [{"name": "e", "expr": "x", "action": "explode"}],
            },
            "Input should be 'warn'",
        ),
        (
            {
                "name": "a",
                "source": CSV,
                "expectations": [{"name": "e", "expr": "x", "tolerance": {}}],
            },
            "exactly one of abs or rel",
        ),
    ],
)
def test_invalid_nodes_are_refused(node, message):
    with pytest.raises(ValidationError, match=message):
        make_pipeline([node])


def test_duplicate_node_names_are_refused():
    with pytest.raises(ValidationError, match="node name 'a' is used twice"):
        make_pipeline([{"name": "a", "source": CSV}, {"name": "a", "source": CSV}])


@pytest.mark.parametrize(
    ("tolerance", "failed", "total", "exceeded"),
    [
        ({"abs": 0}, 0, 10, False),
        ({"abs": 0}, 1, 10, True),
        ({"abs": 2}, 2, 10, False),
        ({"rel": 0.1}, 1, 10, False),
        ({"rel": 0.1}, 2, 10, True),
        ({"rel": 0.0}, 0, 0, False),
    ],
)
def test_tolerance_decides_when_failures_are_too_many(tolerance, failed, total, exceeded):
    assert Tolerance(**tolerance).exceeded(failed, total) is exceeded


def test_pipeline_node_lookup():
    pipeline = make_pipeline([{"name": "a", "source": CSV}])
    assert pipeline.node("a").name == "a"
    with pytest.raises(KeyError):
        pipeline.node("zz")
