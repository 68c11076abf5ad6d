"""Laktory's orchestrators: a stack pipeline deployed as Laktory 0.13 deploys it.

``orchestrator: {type: LAKEFLOW_JOB | LAKEFLOW_DECLARATIVE_PIPELINE, ...}`` (and the older
``DATABRICKS_JOB``, ``DATABRICKS_PIPELINE``, ``DLT``) makes what Laktory's Terraform
translation makes, at the same workspace paths, so a stack moved from Laktory keeps
running the same way (the job's tasks and the declarative pipeline run Laktory's own
runtime, from the pipeline's ``dependencies``):

- the pipeline's config, as JSON, uploaded to ``<workspace_root>pipelines/<name>.json``
  (``databricks_workspace_file.<key>.config``, readable by ``users``:
  ``databricks_permissions.<key>.config``);
- a job: one ``python_wheel_task`` per node (``node-<node>``, entry point
  ``models.pipeline._execute`` of the ``laktory`` package, reading the config file),
  depending on the tasks of its upstream nodes, run serverless in the ``laktory``
  environment (or on the job cluster ``node-cluster``, with the dependencies as libraries);
  ``refresh`` and ``reset_mode`` job parameters;
- or a declarative pipeline, whose ``configuration`` tells Laktory's LDP notebook where the
  config is (``laktory.config_filepath``) and what to install (``laktory.requirements``).

The orchestrator's other keys are the job's or the pipeline's fields (Terraform or REST
spellings); its ``access_controls`` become ``databricks_permissions.<key>``, and its
``resource_options.name`` (default: the key for a job, ``pipeline-<name>`` for a declarative
pipeline, as Laktory names them) can be referenced as ``${resources.NAME.id}``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack.common import add_permissions, apply_options
from data_iac.config.stack.context import Draft, StackContext
from data_iac.config.stack.spellings import normalise_entry

__all__ = [
    "LAKTORY_ORCHESTRATORS",
    "LAKTORY_VERSION",
    "build_laktory_orchestrator",
    "config_json",
]

LAKTORY_ORCHESTRATORS = {
    "LAKEFLOW_JOB": "job",
    "DATABRICKS_JOB": "job",
    "LAKEFLOW_DECLARATIVE_PIPELINE": "pipeline",
    "DATABRICKS_PIPELINE": "pipeline",
    "DLT": "pipeline",
}
LAKTORY_VERSION = "0.13.1"  # the runtime a pipeline gets when its dependencies name none
_ENVIRONMENT = "laktory"
_NODE_CLUSTER = "node-cluster"
_OWN_KEYS = frozenset(
    {
        "type",
        "config_file",
        "node_max_retries",
        "serverless_environment_version",
        "data_profiling_config_task",
        "resource_options",
        "access_controls",
    }
)


def build_laktory_orchestrator(
    ctx: StackContext,
    key: str,
    pipeline: dict[str, Any],
    upstreams: list[tuple[str, tuple[str, ...]]],
    config_file: tuple[Path, bytes],
    path: NodePath,
) -> None:
    """Add the resources deploying ``pipeline`` (stack key ``key``) with its Laktory
    orchestrator; ``upstreams`` lists (node, its upstream nodes) in execution order and
    ``config_file`` is the local file holding the config JSON and its content (written
    by plan and apply, see ``LoadedConfig.generated``)."""
    orchestrator = pipeline["orchestrator"]
    where = (*path, "orchestrator")
    name = str(pipeline.get("name") or key)
    workspace_path = f"{ctx.workspace_root}pipelines/{name}.json"
    config = _config_file(ctx, key, config_file, workspace_path, path)
    settings = normalise_entry(
        ctx, "jobs" if _kind(orchestrator) == "job" else "pipelines", orchestrator, where
    )
    requirements = _requirements(pipeline)
    if _kind(orchestrator) == "job":
        spec = _job(name, settings, upstreams, f"/Workspace{workspace_path}", requirements)
        draft = ctx.add("databricks_job", key, spec, where)
        alias = key
        object_type = "jobs"
    else:
        spec = _declarative(name, settings, f"/Workspace{workspace_path}", requirements)
        draft = ctx.add("databricks_pipeline", key, spec, where)
        alias = f"pipeline-{name}"
        object_type = "pipelines"
    apply_options(ctx, draft, orchestrator, where)
    options = orchestrator.get("resource_options") or {}
    ctx.register(str(options.get("name") or alias), draft.address, where)
    if alias != key and options.get("name") is None:
        ctx.register(key, draft.address, where)
    config.depends_on.add(draft.address)
    add_permissions(ctx, key, object_type, draft, orchestrator, where)


def _kind(orchestrator: dict[str, Any]) -> str:
    return LAKTORY_ORCHESTRATORS[str(orchestrator["type"])]


def config_json(pipeline: dict[str, Any], name: str) -> bytes:
    """The config file's content: the pipeline as written (variables resolved)."""
    body = {k: v for k, v in pipeline.items() if k != "variables"}
    return json.dumps({**body, "name": name}, indent=4, sort_keys=True, default=str).encode()


def _config_file(
    ctx: StackContext, key: str, local: tuple[Path, bytes], workspace_path: str, path: NodePath
) -> Draft:
    spec = {
        "path": workspace_path,
        "source": ctx.portable(local[0]),
        "content_sha256": hashlib.sha256(local[1]).hexdigest(),
    }
    file = ctx.add("databricks_workspace_file", f"{key}.config", spec, path)
    acl = {"access_controls": [{"group_name": "users", "permission_level": "CAN_READ"}]}
    add_permissions(ctx, f"{key}.config", "files", file, acl, path, attr="object_id")
    return file


def _requirements(pipeline: dict[str, Any]) -> list[str]:
    """The pipeline's ``dependencies``, plus Laktory itself when they do not name it."""
    found = [str(d) for d in pipeline.get("dependencies") or []]
    if not any("laktory" in d for d in found):
        found.append(f"laktory=={LAKTORY_VERSION}")
    return found


def _job(
    name: str,
    settings: dict[str, Any],
    upstreams: list[tuple[str, tuple[str, ...]]],
    filepath: str,
    requirements: list[str],
) -> dict[str, Any]:
    spec = {k: v for k, v in settings.items() if k not in _OWN_KEYS}
    spec.setdefault("name", name)
    clusters = spec.get("job_clusters") or []
    serverless = not any(c.get("job_cluster_key") == _NODE_CLUSTER for c in clusters)
    if serverless:
        version = str(settings.get("serverless_environment_version") or "5")
        environment = {"dependencies": requirements, "environment_version": version}
        spec["environments"] = [
            *[
                e
                for e in spec.get("environments") or []
                if e.get("environment_key") != _ENVIRONMENT
            ],
            {"environment_key": _ENVIRONMENT, "spec": environment},
        ]
    spec["parameters"] = [
        {"name": "refresh", "default": "INCREMENTAL"},
        {"name": "reset_mode", "default": ""},
    ]
    retries = settings.get("node_max_retries")
    spec["tasks"] = [
        _task(node, ups, filepath, serverless, requirements, retries) for node, ups in upstreams
    ]
    return spec


def _task(
    node: str,
    upstreams: tuple[str, ...],
    filepath: str,
    serverless: bool,
    requirements: list[str],
    retries: Any,
) -> dict[str, Any]:
    task: dict[str, Any] = {
        "task_key": f"node-{node}",
        "python_wheel_task": {
            "package_name": "laktory",
            "entry_point": "models.pipeline._execute",
            "named_parameters": {"filepath": filepath, "selects": node},
        },
    }
    if upstreams:
        task["depends_on"] = [{"task_key": f"node-{up}"} for up in upstreams]
    if serverless:
        task["environment_key"] = _ENVIRONMENT
    else:
        task["job_cluster_key"] = _NODE_CLUSTER
        task["libraries"] = [
            {"whl": r} if r.endswith(".whl") else {"pypi": {"package": r}} for r in requirements
        ]
    if retries:
        task["max_retries"] = retries
    return task


def _declarative(
    name: str, settings: dict[str, Any], filepath: str, requirements: list[str]
) -> dict[str, Any]:
    spec = {k: v for k, v in settings.items() if k not in _OWN_KEYS}
    spec.setdefault("name", name)
    spec["configuration"] = {
        **(spec.get("configuration") or {}),
        "laktory.pipeline_name": name,
        "laktory.executor": "LDP",
        "laktory.requirements": json.dumps(requirements),
        "laktory.config_filepath": filepath,
    }
    return spec
