"""Node dependencies: order, upstreams, cycles, unknown nodes, node selection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_iac.cli.failure import render_error
from data_iac.errors import DependencyCycleError, PipelineError, SourceLocation
from data_iac.pipelines.graph import node_graph, ordered_nodes, referenced_nodes, select_nodes

from .conftest import make_pipeline

CSV = {"path": "a.csv", "format": "csv"}


def node(name, source=None, steps=()):
    return {"name": name, "source": source or CSV, "transformer": list(steps)}


def test_references_come_from_sources_sql_joins_and_unions():
    pipeline = make_pipeline(
        [
            node("a"),
            node("b"),
            node("c"),
            node(
                "d",
                {"node_name": "a"},
                [
                    {
                        "sql_expr": "SELECT * FROM {df} JOIN {nodes.b} USING (k) "
                        "JOIN {nodes.a} USING (k)"
                    },
                    {"func_name": "join", "func_kwargs": {"other": "nodes.c", "on": "k"}},
                    {"func_name": "union", "func_kwargs": {"others": ["b"]}},
                ],
            ),
        ]
    )
    assert referenced_nodes(pipeline.node("d")) == ("a", "b", "c")


def test_nodes_come_after_their_upstreams_and_ties_keep_yaml_order():
    pipeline = make_pipeline(
        [
            node("gold", {"node_name": "silver"}),
            node("silver", {"node_name": "bronze"}),
            node("bronze"),
            node("other"),
        ]
    )
    planned = ordered_nodes(pipeline)
    assert [(p.name, p.upstreams) for p in planned] == [
        ("bronze", ()),
        ("other", ()),
        ("silver", ("bronze",)),
        ("gold", ("silver",)),
    ]


def test_a_cycle_is_reported_with_its_path_and_location():
    pipeline = make_pipeline(
        [
            node("a", {"node_name": "c"}),
            node("b", {"node_name": "a"}),
            node("c", {"node_name": "b"}),
        ]
    )
    where = {name: SourceLocation("p.yml", i + 3, 5) for i, name in enumerate("abc")}
    with pytest.raises(DependencyCycleError) as caught:
        ordered_nodes(pipeline, locations=where)
    cycle = caught.value.cycle
    assert len(cycle) == 4 and cycle[0] == cycle[-1] and set(cycle) == {"a", "b", "c"}
    assert " -> ".join(cycle) in render_error(caught.value)
    assert "p.yml:" in render_error(caught.value)


def test_an_unknown_node_reference_is_located():
    pipeline = make_pipeline([node("a", {"node_name": "ghost"})])
    with pytest.raises(PipelineError, match=r"unknown node 'ghost' \(at p.yml:3:5\)"):
        node_graph(pipeline, locations={"a": SourceLocation("p.yml", 3, 5)})


def test_selecting_nodes_brings_their_upstreams_only():
    pipeline = make_pipeline(
        [
            node("a"),
            node("b", {"node_name": "a"}),
            node("c", {"node_name": "b"}),
            node("d", {"node_name": "a"}),
        ]
    )
    planned = ordered_nodes(pipeline)
    assert [p.name for p in select_nodes(planned, ["c"])] == ["a", "b", "c"]
    with pytest.raises(PipelineError, match="unknown node 'zz'"):
        select_nodes(planned, ["zz"])


def test_the_pipelines_package_imports_no_dataframe_library():
    import subprocess
    import sys

    code = (
        "import sys, data_iac.pipelines, data_iac.pipelines.graph, data_iac.pipelines.runner;"
        "print(sorted(m for m in ('polars', 'pyspark', 'deltalake') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "[]"


@given(
    st.lists(st.lists(st.integers(min_value=0, max_value=20), max_size=3), min_size=1, max_size=12)
)
def test_any_acyclic_graph_is_ordered_upstreams_first(edges):
    # Node i may only read nodes with a smaller index, so the graph is acyclic by construction.
    nodes = []
    for i, targets in enumerate(edges):
        upstream = sorted({t % i for t in targets}) if i else []
        steps = [{"func_name": "union", "func_kwargs": {"others": [f"n{u}" for u in upstream]}}]
        nodes.append(node(f"n{i}", None, steps if upstream else ()))
    planned = ordered_nodes(make_pipeline(list(reversed(nodes))))
    seen: set[str] = set()
    for item in planned:
        assert set(item.upstreams) <= seen
        seen.add(item.name)
    assert len(seen) == len(nodes)
