from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_iac.addresses import Address
from data_iac.errors import DependencyCycleError
from data_iac.planning.graph import build_graph, topological_order
from tests.fakes import desired, thing


def test_dependencies_outside_the_config_are_dropped():
    graph = build_graph(desired(thing("a", ("missing",)), thing("b", ("a",))))
    a, b = Address("fake_thing", "a"), Address("fake_thing", "b")
    assert graph == {a: frozenset(), b: frozenset({a})}


def test_a_cycle_names_its_members():
    graph = {Address("k", "a"): frozenset({Address("k", "b")}),
             Address("k", "b"): frozenset({Address("k", "a")})}  # fmt: skip
    with pytest.raises(DependencyCycleError, match=r"k\.a"):
        topological_order(graph)


@given(st.lists(st.lists(st.integers(0, 19), max_size=4), min_size=1, max_size=20))
def test_every_node_comes_after_its_dependencies(edges: list[list[int]]):
    # Edges only point to lower numbers, so the graph is acyclic by construction.
    graph = {
        Address("k", f"{i:02d}"): frozenset(Address("k", f"{d:02d}") for d in deps if d < i)
        for i, deps in enumerate(edges)
    }
    order = topological_order(graph)
    position = {address: n for n, address in enumerate(order)}
    assert sorted(order) == sorted(graph)
    for address, deps in graph.items():
        assert all(position[dep] < position[address] for dep in deps)
