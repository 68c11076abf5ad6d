"""Declarative data pipelines: load the spec, order the nodes, run them on Polars or Spark.

Importing this package never imports Polars, PySpark or deltalake; only ``create_engine``
does, for the engine asked for.
"""

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
