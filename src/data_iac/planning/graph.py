"""The dependency graph of a desired state, and orders over it (graphlib)."""

from __future__ import annotations

import graphlib
from collections.abc import Mapping

from data_iac.addresses import Address
from data_iac.errors import DependencyCycleError
from data_iac.model.resource import DesiredState

__all__ = ["Graph", "build_graph", "topological_order"]

Graph = Mapping[Address, frozenset[Address]]


def build_graph(desired: DesiredState) -> dict[Address, frozenset[Address]]:
    """Address -> the addresses it depends on, restricted to the desired resources."""
    known = desired.resources
    return {
        address: frozenset(dep for dep in resource.depends_on if dep in known)
        for address, resource in known.items()
    }


def topological_order(graph: Graph) -> list[Address]:
    """Dependencies first; ties broken by address so the order is stable.

    Raises DependencyCycleError naming the cycle.
    """
    sorter = graphlib.TopologicalSorter({a: sorted(d) for a, d in sorted(graph.items())})
    try:
        sorter.prepare()
    except graphlib.CycleError as exc:
        cycle = [str(a) for a in exc.args[1]]
        raise DependencyCycleError(list(reversed(cycle))) from exc
    order: list[Address] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        order.extend(ready)
        sorter.done(*ready)
    return order
