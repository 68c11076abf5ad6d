"""``iac pipeline run``: run declarative data pipelines locally (Polars) or on Spark.

This module parses options, calls ``data_iac.pipelines`` and prints; errors are raised as
``DataIacError`` subclasses for ``cli.main`` to turn into exit codes, never ``sys.exit``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from data_iac.cli.options import common_options
from data_iac.errors import PipelineError

if TYPE_CHECKING:
    from data_iac.pipelines.loading import LoadedPipeline
    from data_iac.pipelines.runner import NodeResult, RunResult

__all__ = ["DEFAULT_WAREHOUSE", "ENGINE_NAMES", "pipeline_group"]

# The pipeline package (pydantic models, engines) loads only when a pipeline runs: importing
# it here cost every `iac` command 0.1 s. These two mirror its constants (a test checks).
ENGINE_NAMES = ("polars", "spark")
DEFAULT_WAREHOUSE = Path(".iac") / "warehouse"
# Nodes run side by side by default only on Spark: a Polars query already uses every core, and
# two at once cost more CPU than one after the other (docs/performance.md, Pipelines).
DEFAULT_PARALLELISM = {"polars": 1, "spark": 4}


@click.group("pipeline")
def pipeline_group() -> None:
    """Run the data pipelines a configuration declares."""


def _select(loaded: list[LoadedPipeline], name: str | None) -> list[LoadedPipeline]:
    if name is None:
        return loaded
    chosen = [item for item in loaded if item.pipeline.name == name]
    if not chosen:
        names = ", ".join(item.pipeline.name for item in loaded)
        raise PipelineError(f"no pipeline named {name!r}", hint=f"pipelines in this file: {names}")
    return chosen


def _node_line(result: NodeResult) -> str:
    sinks = result.sinks or ((result.sink,) if result.sink else ())
    target = f" -> {', '.join(sinks)}" if sinks else ""
    quarantined = f", {result.quarantined} quarantined" if result.quarantined else ""
    return f"  {result.node}: {result.rows} rows{quarantined}{target} ({result.seconds:.2f}s)"


def _expectation_table(result: RunResult) -> list[str]:
    rows = [
        (e.node, e.expectation, e.action, str(e.passed), str(e.failed))
        for node in result.nodes
        for e in node.expectations
    ]
    if not rows:
        return []
    header = ("node", "expectation", "action", "passed", "failed")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
        for r in [header, *rows]
    ]


def _print_human(result: RunResult) -> None:
    click.echo(f"pipeline {result.pipeline} ({result.engine}): {len(result.nodes)} node(s) run")
    for node in result.nodes:
        click.echo(_node_line(node))
    table = _expectation_table(result)
    if table:
        click.echo("")
        click.echo("\n".join(table))


@pipeline_group.command("run")
@click.option(
    "-c",
    "--config",
    "config",
    required=True,
    type=click.Path(path_type=Path),
    help="Pipeline YAML file, or a stack with pipelines: entries that have nodes:.",
)
@click.option("--pipeline", "pipeline_name", help="Run only this pipeline (default: all).")
@click.option(
    "--node", "nodes", multiple=True, help="Run only this node and its upstreams (repeatable)."
)
@click.option(
    "--engine",
    type=click.Choice(ENGINE_NAMES),
    help="Default: the pipeline's dataframe_backend, else polars.",
)
@click.option("--full-refresh", is_flag=True, help="Overwrite every sink instead of append/merge.")
@click.option(
    "--warehouse",
    type=click.Path(path_type=Path),
    default=DEFAULT_WAREHOUSE,
    show_default=True,
    help="Root folder of tables run locally: <warehouse>/<catalog>/<schema>/<table>.",
)
@click.option(
    "--table-format",
    type=click.Choice(["parquet", "delta"]),
    default="parquet",
    show_default=True,
    help="Storage of tables whose sink or source sets no format.",
)
@click.option(
    "--parallelism",
    type=click.IntRange(min=1),
    default=None,
    help="Independent nodes run at the same time. Default: 1 on Polars (each query already "
    "uses every core), 4 on Spark.",
)
@click.option("--spark-master", help="Spark master URL (default local[*]).")
@click.option("--spark-remote", help="Spark Connect URL, e.g. sc://host:15002.")
@common_options
def run_command(
    config: Path,
    pipeline_name: str | None,
    nodes: tuple[str, ...],
    engine: str | None,
    full_refresh: bool,
    warehouse: Path,
    table_format: str,
    parallelism: int | None,
    spark_master: str | None,
    spark_remote: str | None,
    json_mode: bool,
    no_color: bool,
    debug: bool,
) -> None:
    """Run a pipeline's nodes in dependency order and print rows and expectation results."""
    del no_color, debug  # handled by cli.main; this command prints no colour
    from data_iac.pipelines.engines import EngineOptions, create_engine
    from data_iac.pipelines.loading import load_pipeline_file
    from data_iac.pipelines.runner import RunOptions, run_pipeline
    from data_iac.pipelines.storage import StorageLayout

    layout = StorageLayout(config.parent, warehouse, table_format)
    engine_options = EngineOptions(spark_master=spark_master, spark_remote=spark_remote)
    for loaded in _select(load_pipeline_file(config), pipeline_name):
        name = engine or loaded.pipeline.dataframe_backend or "polars"
        workers = parallelism or DEFAULT_PARALLELISM.get(name, 4)
        options = RunOptions(layout, nodes, full_refresh, workers, loaded.node_locations)
        runner = create_engine(name, engine_options)
        try:
            result = run_pipeline(loaded.pipeline, runner, options)
        finally:
            runner.close()
        if json_mode:
            click.echo(json.dumps(result.to_json()))
        else:
            _print_human(result)
