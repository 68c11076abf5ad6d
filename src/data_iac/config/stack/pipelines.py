"""A stack's data pipelines (``pipelines:`` entries with ``nodes:``) that say where they run.

An entry with Laktory's ``orchestrator: {type: LAKEFLOW_JOB, ...}`` (or another of Laktory's
types) is deployed as Laktory deploys it (``config/stack/orchestrators.py``). One with
``orchestrator: job|dlt`` (or a mapping with such a ``type:``) is validated as a pipeline
and deployed through the ``PipelineDeployer`` the loader was given
(``config/stack/deployer.py``; the CLI's is ``data_iac.pipelines``): its resources join
the stack (the job or DLT pipeline is registered under the entry's key, so
``${resources.KEY.id}`` works). Either way, the files they upload are generated for
``.iac/generated/<stack>/<key>/`` of the working directory and returned with the loaded
config (``LoadedConfig.generated``): plan and apply write them, loading writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack.context import StackContext
from data_iac.config.stack.deployer import Deployment, PipelineDeployer
from data_iac.config.stack.orchestrators import (
    LAKTORY_ORCHESTRATORS,
    build_laktory_orchestrator,
    config_json,
)

__all__ = ["GENERATED_DIR", "build_deployed_pipeline"]

GENERATED_DIR = Path(".iac") / "generated"


def build_deployed_pipeline(
    ctx: StackContext, stack: str, key: str, raw: dict[str, Any], path: NodePath
) -> None:
    """Add the resources deploying the data pipeline ``raw`` when it has an orchestrator;
    report located problems (invalid pipeline, unknown orchestrator) otherwise."""
    orchestrator_type = (raw.get("orchestrator") or {}).get("type")
    if ctx.deployer is None:
        ctx.report(
            (*path, "orchestrator"),
            "this loader deploys no data pipelines",
            "load the config with data_iac.operations.loading.load_config (as iac does)",
        )
        return
    files_dir = Path.cwd() / GENERATED_DIR / stack / key
    if isinstance(raw.get("orchestrator"), dict) and orchestrator_type in LAKTORY_ORCHESTRATORS:
        _build_laktory(ctx, ctx.deployer, (key, raw), path, files_dir)
        return
    deployment = ctx.deployer.deploy(key, raw, files_dir)
    if _reported(ctx, deployment, path):
        return
    ctx.generated.update(deployment.files)
    for resource in deployment.resources:
        draft = ctx.add(resource.address.kind, resource.address.key, dict(resource.spec), path)
        draft.depends_on |= resource.depends_on
        if resource.address.key == key:
            ctx.register(key, resource.address, path)


def _build_laktory(
    ctx: StackContext,
    deployer: PipelineDeployer,
    entry: tuple[str, dict[str, Any]],
    path: NodePath,
    files_dir: Path,
) -> None:
    """Deploy as Laktory does (config/stack/orchestrators.py)."""
    key, raw = entry
    ordered = deployer.node_order(key, raw)
    if _reported(ctx, ordered, path):
        return
    name = str(raw.get("name") or key)
    local = files_dir / f"{name}.json"
    content = config_json(raw, name)
    ctx.generated[local] = content
    build_laktory_orchestrator(ctx, key, raw, list(ordered.upstreams), (local, content), path)


def _reported(ctx: StackContext, deployment: Deployment, path: NodePath) -> bool:
    """Report the deployment's problems at their place in the entry; True if there were."""
    for problem in deployment.problems:
        ctx.report((*path, *problem.where), problem.message, problem.hint)
    return bool(deployment.problems)
