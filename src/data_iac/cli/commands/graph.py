"""``iac graph``: the dependency graph as Mermaid, Graphviz dot, or an SVG/PNG picture."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import click

from data_iac.cli.options import config_options
from data_iac.cli.views.graph_view import dot, mermaid, reduce_edges
from data_iac.cli.views.output import Output
from data_iac.errors import DataIacError
from data_iac.operations.loading import load_config
from data_iac.planning.graph import build_graph, topological_order


@click.command("graph")
@config_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["mermaid", "dot", "svg", "png"]),
    default="mermaid",
    show_default=True,
    help="Mermaid or dot text, or a picture drawn by Graphviz (`dot` must be installed).",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
def graph_command(
    config_path: str,
    environment: str,
    fmt: str,
    output: Path | None,
    json_mode: bool,
    no_color: bool,
    **_: object,
) -> None:
    """Draw the dependency graph of a config: direct dependencies only (transitive ones
    left out), grouped by platform and parent, left to right in creation order.

    \b
    Examples:
      iac graph -c stack.yml                       # Mermaid, for a Markdown page
      iac graph -c stack.yml --format svg -o graph.svg
    """
    out = Output(json_mode=json_mode, no_color=no_color)
    graph = build_graph(load_config(config_path, environment).desired)
    order = topological_order(graph)
    if json_mode:
        reduced = reduce_edges(graph, order)
        out.json({str(a): [str(d) for d in reduced[a]] for a in order})
        return
    if fmt in ("svg", "png"):
        _write(output, _graphviz(dot(graph, order), fmt))
        return
    text = mermaid(graph, order) if fmt == "mermaid" else dot(graph, order)
    _write(output, text.encode())


def _graphviz(source: str, fmt: str) -> bytes:
    program = shutil.which("dot")
    if program is None:
        raise DataIacError(
            f"--format {fmt} needs Graphviz's `dot` program, which is not installed",
            hint="install Graphviz (apt-get install graphviz, brew install graphviz), "
            "or use --format dot and render it elsewhere",
        )
    done = subprocess.run(
        [program, f"-T{fmt}"], input=source.encode(), capture_output=True, check=False
    )
    if done.returncode != 0:
        raise DataIacError(f"Graphviz failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _write(output: Path | None, data: bytes) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
