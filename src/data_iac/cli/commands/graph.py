"""``iac graph``: the dependency graph as Mermaid or Graphviz dot, for people to look at."""

from __future__ import annotations

import click

from data_iac.cli.options import config_options
from data_iac.cli.views.output import Output
from data_iac.config import load_config
from data_iac.planning.graph import build_graph, topological_order


@click.command("graph")
@config_options
@click.option(
    "--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True
)
def graph_command(
    config_path: str, environment: str, fmt: str, json_mode: bool, no_color: bool, **_: object
) -> None:
    """Print the dependency graph of a config."""
    out = Output(json_mode=json_mode, no_color=no_color)
    graph = build_graph(load_config(config_path, environment).desired)
    order = topological_order(graph)
    if json_mode:
        out.json({str(a): sorted(str(d) for d in graph[a]) for a in order})
        return
    ids = {address: f"n{i}" for i, address in enumerate(order)}
    if fmt == "dot":
        out.line("digraph iac {")
        out.lines((f'  {ids[a]} [label="{a}"];', "") for a in order)
        out.lines((f"  {ids[a]} -> {ids[d]};", "") for a in order for d in sorted(graph[a]))
        out.line("}")
        return
    out.line("graph TD")
    out.lines((f'  {ids[a]}["{a}"]', "") for a in order)
    out.lines((f"  {ids[a]} --> {ids[d]}", "") for a in order for d in sorted(graph[a]))
