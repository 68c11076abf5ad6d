"""The dependency graph drawn for people: transitive edges left out, resources grouped by
platform and parent (the Dataiku project, the Unity Catalog catalog ...), left to right in
creation order (an arrow goes from a dependency to what needs it). Pure: returns text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from data_iac.addresses import Address

__all__ = ["Graph", "dot", "groups", "mermaid", "reduce_edges"]

Graph = Mapping[Address, frozenset[Address]]


def reduce_edges(graph: Graph, order: Sequence[Address]) -> dict[Address, list[Address]]:
    """Each address's direct dependencies minus those reachable through another one (the
    transitive reduction of a DAG). ``order`` is a topological order, dependencies first."""
    reach: dict[Address, set[Address]] = {}
    kept: dict[Address, list[Address]] = {}
    for address in order:
        deps = [d for d in graph.get(address, ()) if d in reach]
        through = set().union(*(reach[d] for d in deps)) if deps else set()
        kept[address] = sorted(d for d in deps if d not in through)
        reach[address] = through | set(deps)
    return kept


def groups(order: Sequence[Address]) -> dict[str, dict[str, list[Address]]]:
    """platform -> parent -> addresses. The parent is the first part of the key (a project
    key, a catalog name), which also holds the parent itself; any other key without a dot
    groups under its kind (jobs, groups ...)."""
    parents = {a.key.split(".", 1)[0] for a in order if "." in a.key}
    grouped: dict[str, dict[str, list[Address]]] = defaultdict(lambda: defaultdict(list))
    for address in order:
        first = address.key.split(".", 1)[0]
        parent = first if "." in address.key or first in parents else address.kind
        grouped[address.platform][parent].append(address)
    return grouped


def mermaid(graph: Graph, order: Sequence[Address]) -> str:
    ids = {address: f"n{i}" for i, address in enumerate(order)}
    lines = ["graph LR"]
    for p, (platform, parents) in enumerate(sorted(groups(order).items())):
        lines.append(f'  subgraph g{p}["{platform}"]')
        for c, (parent, members) in enumerate(sorted(parents.items())):
            lines.append(f'    subgraph g{p}_{c}["{parent}"]')
            lines += [f'      {ids[a]}["{a}"]' for a in members]
            lines.append("    end")
        lines.append("  end")
    for address, deps in reduce_edges(graph, order).items():
        lines += [f"  {ids[d]} --> {ids[address]}" for d in deps]
    return "\n".join(lines) + "\n"


def dot(graph: Graph, order: Sequence[Address]) -> str:
    ids = {address: f"n{i}" for i, address in enumerate(order)}
    lines = [
        "digraph iac {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
    ]
    for p, (platform, parents) in enumerate(sorted(groups(order).items())):
        lines += [f"  subgraph cluster_{p} {{", f'    label="{platform}";']
        for c, (parent, members) in enumerate(sorted(parents.items())):
            lines += [f"    subgraph cluster_{p}_{c} {{", f'      label="{_q(parent)}";']
            lines += [f'      {ids[a]} [label="{_q(str(a))}"];' for a in members]
            lines.append("    }")
        lines.append("  }")
    for address, deps in reduce_edges(graph, order).items():
        lines += [f"  {ids[d]} -> {ids[address]};" for d in deps]
    return "\n".join([*lines, "}"]) + "\n"


def _q(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
