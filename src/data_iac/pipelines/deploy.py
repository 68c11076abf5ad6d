"""A data pipeline with an ``orchestrator`` -> the Databricks resources that deploy it (pure).

``orchestrator`` is ``job`` or ``dlt`` (Laktory's ``DATABRICKS_JOB`` / ``DATABRICKS_DLT`` /
``DLT`` spellings too), or a mapping with ``type:`` and the settings of what is made: the
job's or DLT pipeline's REST fields (``name``, ``clusters``, ``catalog``, ``target``...),
plus ``workspace_root`` (where generated files go, default ``/.laktory``).

- ``job``: ``databricks_workspace_file.<key>.config`` (the pipeline JSON at
  ``<root>/pipelines/<name>.json``), ``databricks_notebook.<key>.runner`` (the task
  notebook) and ``databricks_job.<key>``: one task per node, in ``ordered_nodes`` order, each
  ``depends_on`` the tasks of its upstream nodes.
- ``dlt``: ``databricks_notebook.<key>.dlt`` (one table per node) and
  ``databricks_pipeline.<key>`` with that notebook as its library.

Generated files are deterministic (``deploy_sources``); a spec holds their local path
(under ``files_dir``, written by the caller from ``generated_files``) and content hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import PipelineError
from data_iac.model.references import canonical_reference
from data_iac.model.resource import Resource
from data_iac.pipelines.deploy_sources import (
    dlt_notebook_source,
    job_runner_source,
    pipeline_json,
)
from data_iac.pipelines.graph import ordered_nodes
from data_iac.pipelines.spec import Pipeline

__all__ = ["Orchestrator", "deploy_resources", "generated_files", "orchestrator_of"]

_TYPES = {
    "job": "job",
    "databricks_job": "job",
    "lakeflow_job": "job",
    "dlt": "dlt",
    "databricks_dlt": "dlt",
    "databricks_pipeline": "dlt",
    "lakeflow_declarative_pipeline": "dlt",
    "pipeline": "dlt",
}
_DEFAULT_ROOT = "/.laktory"


@dataclass(frozen=True, slots=True)
class Orchestrator:
    """Where a pipeline runs (``job`` or ``dlt``) and the settings of what is made."""

    type: str
    settings: Mapping[str, Any]
    root: str = _DEFAULT_ROOT


def orchestrator_of(value: Any) -> Orchestrator | None:
    """The orchestrator a pipeline's ``orchestrator:`` names; None when it is not set.

    Raises:
        PipelineError: an unknown type, or a value that is neither a name nor a mapping.
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = {"type": value}
    if not isinstance(value, Mapping) or not isinstance(value.get("type"), str):
        raise PipelineError(
            "orchestrator must be `job`, `dlt` or a mapping with `type:`",
            hint="e.g. orchestrator: {type: job, clusters: [...]}",
        )
    kind = _TYPES.get(value["type"].lower())
    if kind is None:
        raise PipelineError(f"unknown orchestrator {value['type']!r}", hint="use `job` or `dlt`")
    settings = {k: v for k, v in value.items() if k not in ("type", "workspace_root")}
    root = str(value.get("workspace_root") or _DEFAULT_ROOT).rstrip("/")
    return Orchestrator(kind, settings, root)


def _file_names(pipeline: Pipeline, orchestrator: Orchestrator) -> dict[str, str]:
    """Generated file role -> local file name (also the workspace file's base name)."""
    if orchestrator.type == "job":
        return {"config": f"{pipeline.name}.json", "runner": f"{pipeline.name}_runner.py"}
    return {"dlt": f"{pipeline.name}_dlt.py"}


def generated_files(
    pipeline: Pipeline, orchestrator: Orchestrator, files_dir: Path
) -> dict[Path, bytes]:
    """The local files the resources of ``deploy_resources`` upload: path -> content."""
    text = {
        "config": lambda: pipeline_json(pipeline),
        "runner": lambda: job_runner_source(pipeline),
        "dlt": lambda: dlt_notebook_source(pipeline),
    }
    names = _file_names(pipeline, orchestrator)
    return {files_dir / name: text[role]().encode() for role, name in names.items()}


def deploy_resources(
    pipeline: Pipeline, key: str, orchestrator: Orchestrator, files_dir: Path
) -> list[Resource]:
    """The resources deploying ``pipeline`` (stack key ``key``) on ``orchestrator``.

    Raises:
        PipelineError, DependencyCycleError: the pipeline's node graph is invalid.
    """
    files = generated_files(pipeline, orchestrator, files_dir)
    if orchestrator.type == "job":
        return _job_resources(pipeline, key, orchestrator, files)
    return _dlt_resources(pipeline, key, orchestrator, files)


def _upload(kind: str, key: str, workspace_path: str, source: Path, content: bytes) -> Resource:
    spec: dict[str, Any] = {"path": workspace_path, "source": str(source)}
    if kind == "databricks_notebook":
        from data_iac.config.stack.workspace import notebook_content_hash

        spec.update(language="PYTHON", content_sha256=notebook_content_hash(content))
    else:
        spec["content_sha256"] = hashlib.sha256(content).hexdigest()
    return Resource(Address(kind, key), spec)


def _job_resources(
    pipeline: Pipeline, key: str, orchestrator: Orchestrator, files: dict[Path, bytes]
) -> list[Resource]:
    (config_file, config), (runner_file, runner) = files.items()
    folder = f"{orchestrator.root}/pipelines"
    config_path = f"{folder}/{config_file.name}"
    uploaded = [
        _upload("databricks_workspace_file", f"{key}.config", config_path, config_file, config),
        _upload("databricks_notebook", f"{key}.runner", f"{folder}/{runner_file.stem}",
                runner_file, runner),
    ]  # fmt: skip
    notebook_path = canonical_reference(uploaded[1].address, "path")
    settings = dict(orchestrator.settings)
    clusters = settings.pop("clusters", None)
    spec: dict[str, Any] = {"name": pipeline.name, **settings}
    if clusters:
        spec["job_clusters"] = [_job_cluster(cluster) for cluster in clusters]
    cluster_key = spec["job_clusters"][0]["job_cluster_key"] if clusters else None
    spec["tasks"] = [
        _task(planned.name, planned.upstreams, notebook_path, config_path, cluster_key)
        for planned in ordered_nodes(pipeline)
    ]
    job = Resource(Address("databricks_job", key), spec, frozenset(r.address for r in uploaded))
    return [*uploaded, job]


def _task(
    node: str,
    upstreams: tuple[str, ...],
    notebook_path: str,
    config_path: str,
    cluster_key: str | None,
) -> dict[str, Any]:
    task: dict[str, Any] = {
        "task_key": node,
        "notebook_task": {
            "notebook_path": notebook_path,
            "base_parameters": {"pipeline_file": config_path, "node_name": node},
        },
    }
    if upstreams:
        task["depends_on"] = [{"task_key": upstream} for upstream in upstreams]
    if cluster_key:
        task["job_cluster_key"] = cluster_key
    return task


def _job_cluster(cluster: Mapping[str, Any]) -> dict[str, Any]:
    if "job_cluster_key" in cluster:
        return dict(cluster)
    settings = {k: v for k, v in cluster.items() if k != "name"}
    return {"job_cluster_key": cluster.get("name") or "main", "new_cluster": settings}


def _dlt_resources(
    pipeline: Pipeline, key: str, orchestrator: Orchestrator, files: dict[Path, bytes]
) -> list[Resource]:
    [(notebook_file, content)] = files.items()
    path = f"{orchestrator.root}/pipelines/{notebook_file.stem}"
    notebook = _upload("databricks_notebook", f"{key}.dlt", path, notebook_file, content)
    settings = dict(orchestrator.settings)
    clusters = settings.pop("clusters", None)
    spec: dict[str, Any] = {"name": pipeline.name, **settings}
    if clusters:
        spec["clusters"] = [_labelled(cluster) for cluster in clusters]
    library = {"notebook": {"path": canonical_reference(notebook.address, "path")}}
    spec["libraries"] = [*spec.get("libraries", []), library]
    dlt = Resource(Address("databricks_pipeline", key), spec, frozenset({notebook.address}))
    return [notebook, dlt]


def _labelled(cluster: Mapping[str, Any]) -> dict[str, Any]:
    return {"label" if k == "name" else k: v for k, v in cluster.items()}
