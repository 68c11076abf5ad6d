"""Declarative data pipelines: load the spec, order the nodes, run them on Polars or Spark.

Importing this package never imports Polars, PySpark or deltalake; only ``create_engine``
does, for the engine asked for. Nor does it import the runner or the engines: each public
name is imported from its module on first use (PEP 562), so a config that only deploys
pipelines (``config/stack/pipelines.py``) or holds none never pays for the runner.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from data_iac.pipelines.engines import EngineOptions, create_engine
    from data_iac.pipelines.graph import PlannedNode, ordered_nodes
    from data_iac.pipelines.loading import (
        LoadedPipeline,
        PipelineSpecError,
        load_pipeline_file,
        pipelines_from_raw,
    )
    from data_iac.pipelines.runner import RunOptions, RunResult, run_pipeline
    from data_iac.pipelines.spec import Pipeline
    from data_iac.pipelines.storage import StorageLayout

__all__ = [
    "EngineOptions",
    "LoadedPipeline",
    "Pipeline",
    "PipelineSpecError",
    "PlannedNode",
    "RunOptions",
    "RunResult",
    "StorageLayout",
    "create_engine",
    "load_pipeline_file",
    "ordered_nodes",
    "pipelines_from_raw",
    "run_pipeline",
]

_HOMES = {
    "EngineOptions": "engines",
    "create_engine": "engines",
    "PlannedNode": "graph",
    "ordered_nodes": "graph",
    "LoadedPipeline": "loading",
    "PipelineSpecError": "loading",
    "load_pipeline_file": "loading",
    "pipelines_from_raw": "loading",
    "RunOptions": "runner",
    "RunResult": "runner",
    "run_pipeline": "runner",
    "Pipeline": "spec",
    "StorageLayout": "storage",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
