"""The dependency graph between the nodes of one pipeline (pure; no engine imports).

A node depends on another when its source is ``node_name: X``, when a ``sql_expr`` step names
``{nodes.X}``, or when a ``join`` / ``union`` step takes X. ``ordered_nodes`` is the one public
order every consumer uses: the local runner, and later the deploy step that turns each node
into a job task with ``depends_on`` its upstreams.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from typing import Any

from data_iac.errors import DependencyCycleError, PipelineError, SourceLocation
from data_iac.pipelines.operations import (
    NODE_REFERENCE,
    FrameRef,
    Join,
    LaktoryCall,
    NwCall,
    Operation,
    PackageCall,
    SqlQuery,
    Union,
)
from data_iac.pipelines.spec import Node, NodeSource, Pipeline

__all__ = [
    "PlannedNode",
    "node_graph",
    "ordered_nodes",
    "referenced_nodes",
    "select_nodes",
]


@dataclass(frozen=True, slots=True)
class PlannedNode:
    """A node with the names of the nodes it needs, in dependency order."""

    node: Node
    upstreams: tuple[str, ...]

    @property
    def name(self) -> str:
        """The node's name."""
        return self.node.name


def _frame_refs(value: Any) -> list[str]:
    if isinstance(value, FrameRef):
        return [value.key]
    if isinstance(value, Mapping):
        return [name for item in value.values() for name in _frame_refs(item)]
    if isinstance(value, list | tuple):
        return [name for item in value for name in _frame_refs(item)]
    return []


def _step_references(operation: Operation) -> list[str]:
    match operation:
        case SqlQuery(query=query):
            return list(NODE_REFERENCE.findall(query))
        case Join(other=other):
            return [other]
        case Union(others=others):
            return list(others)
        case NwCall(args=args, kwargs=kwargs) | LaktoryCall(args=args, kwargs=kwargs):
            return _frame_refs([args, kwargs])
        case PackageCall(args=args, kwargs=kwargs):
            return _frame_refs([args, kwargs])
    return []


def referenced_nodes(node: Node) -> tuple[str, ...]:
    """Names of the nodes ``node`` reads, in first-mention order, without repeats.

    Sources with ``node_name``, ``{nodes.X}`` in SQL and in arguments, ``join`` / ``union``
    others, and Laktory's explicit ``depends_on``; ``{df}`` and ``{sources.X}`` are not nodes.
    """
    names = [s.node_name for s in node.sources if isinstance(s, NodeSource)]
    for step in node.transformer:
        names.extend(_step_references(step.operation))
    names.extend(node.depends_on)
    kept = [n for n in names if n != "df" and not n.startswith("sources.")]
    return tuple(dict.fromkeys(kept))


def node_graph(
    pipeline: Pipeline, *, locations: Mapping[str, SourceLocation] | None = None
) -> dict[str, tuple[str, ...]]:
    """Map each node name to its upstream names.

    Raises:
        PipelineError: a node refers to a node that is not in the pipeline.
    """
    known = {node.name for node in pipeline.nodes}
    graph = {}
    for node in pipeline.nodes:
        upstreams = referenced_nodes(node)
        for name in upstreams:
            if name not in known:
                where = (locations or {}).get(node.name)
                raise PipelineError(
                    f"node {node.name!r} refers to unknown node {name!r}"
                    + (f" (at {where})" if where else ""),
                    hint=f"nodes of pipeline {pipeline.name!r}: {', '.join(sorted(known))}",
                )
        graph[node.name] = upstreams
    return graph


def _cycle_path(graph: Mapping[str, Iterable[str]], error: CycleError) -> list[str]:
    # graphlib reports the cycle as [x, ..., x] in dependency order; show it as "reads" order.
    cycle = [str(name) for name in error.args[1]]
    return list(reversed(cycle)) if cycle else sorted(graph)


def ordered_nodes(
    pipeline: Pipeline, *, locations: Mapping[str, SourceLocation] | None = None
) -> list[PlannedNode]:
    """Every node after all its upstreams; ties keep the order of the YAML.

    Raises:
        PipelineError: an unknown node is referenced.
        DependencyCycleError: nodes depend on each other in a loop (the message lists it).
    """
    graph = node_graph(pipeline, locations=locations)
    sorter = TopologicalSorter(graph)
    try:
        sorter.prepare()
    except CycleError as exc:
        cycle = _cycle_path(graph, exc)
        raise DependencyCycleError(cycle, location=(locations or {}).get(cycle[0])) from exc
    position = {node.name: i for i, node in enumerate(pipeline.nodes)}
    order: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.__getitem__)
        order.extend(ready)
        sorter.done(*ready)
    return [PlannedNode(pipeline.node(name), graph[name]) for name in order]


def select_nodes(planned: list[PlannedNode], wanted: Iterable[str]) -> list[PlannedNode]:
    """The wanted nodes and everything they (transitively) need, in the same order.

    Raises:
        PipelineError: a wanted name is not a node of the pipeline.
    """
    by_name = {p.name: p for p in planned}
    pending = list(wanted)
    unknown = [name for name in pending if name not in by_name]
    if unknown:
        raise PipelineError(
            f"unknown node {', '.join(map(repr, unknown))}",
            hint=f"nodes: {', '.join(by_name)}",
        )
    needed: set[str] = set()
    while pending:
        name = pending.pop()
        if name not in needed:
            needed.add(name)
            pending.extend(by_name[name].upstreams)
    return [p for p in planned if p.name in needed]
