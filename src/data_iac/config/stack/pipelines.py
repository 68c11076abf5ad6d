"""A stack's data pipelines (``pipelines:`` entries with ``nodes:``) that say where they run.

An entry with Laktory's ``orchestrator: {type: LAKEFLOW_JOB, ...}`` (or another of Laktory's
types) is deployed as Laktory deploys it (``config/stack/orchestrators.py``). One with
``orchestrator: job|dlt`` (or a mapping with such a ``type:``) is validated as a pipeline
and deployed through ``pipelines/deploy.py`` (data-iac's own runner): its resources join
the stack (the job or DLT pipeline is registered under the entry's key, so
``${resources.KEY.id}`` works). Either way, the files they upload are generated under
``.iac/generated/<stack>/<key>/`` of the working directory, rewritten only when their
content changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from data_iac.config.locations import NodePath
from data_iac.config.stack.context import StackContext
from data_iac.config.stack.orchestrators import (
    LAKTORY_ORCHESTRATORS,
    build_laktory_orchestrator,
    config_json,
)
from data_iac.errors import DataIacError
from data_iac.pipelines.deploy import deploy_resources, generated_files, orchestrator_of
from data_iac.pipelines.graph import ordered_nodes
from data_iac.pipelines.spec import Pipeline

__all__ = ["GENERATED_DIR", "build_deployed_pipeline"]

GENERATED_DIR = Path(".iac") / "generated"


def build_deployed_pipeline(
    ctx: StackContext, stack: str, key: str, raw: dict[str, Any], path: NodePath
) -> None:
    """Add the resources deploying the data pipeline ``raw`` when it has an orchestrator;
    report located problems (invalid pipeline, unknown orchestrator) otherwise."""
    orchestrator_type = (raw.get("orchestrator") or {}).get("type")
    if isinstance(raw.get("orchestrator"), dict) and orchestrator_type in LAKTORY_ORCHESTRATORS:
        _build_laktory(ctx, stack, key, raw, path)
        return
    try:
        orchestrator = orchestrator_of(raw.get("orchestrator"))
    except DataIacError as exc:
        ctx.report((*path, "orchestrator"), exc.summary, exc.hint or "")
        return
    if orchestrator is None:
        return
    try:
        pipeline = Pipeline.model_validate({"name": key, **raw})
    except ValidationError as exc:
        for error in exc.errors():
            ctx.report((*path, *error["loc"]), error["msg"])
        return
    files_dir = Path.cwd() / GENERATED_DIR / stack / key
    try:
        resources = deploy_resources(pipeline, key, orchestrator, files_dir)
    except DataIacError as exc:
        ctx.report((*path, "nodes"), exc.summary, exc.hint or "")
        return
    _write_changed(generated_files(pipeline, orchestrator, files_dir))
    for resource in resources:
        draft = ctx.add(resource.address.kind, resource.address.key, dict(resource.spec), path)
        draft.depends_on |= resource.depends_on
        if resource.address.key == key:
            ctx.register(key, resource.address, path)


def _build_laktory(
    ctx: StackContext, stack: str, key: str, raw: dict[str, Any], path: NodePath
) -> None:
    """Deploy as Laktory does (config/stack/orchestrators.py)."""
    fields = Pipeline.model_fields
    try:
        pipeline = Pipeline.model_validate(
            {"name": key, **{k: v for k, v in raw.items() if k in fields or k == "nodes"}}
        )
        upstreams = [(p.name, p.upstreams) for p in ordered_nodes(pipeline)]
    except ValidationError as exc:
        for error in exc.errors():
            ctx.report((*path, *error["loc"]), error["msg"])
        return
    except DataIacError as exc:
        ctx.report((*path, "nodes"), exc.summary, exc.hint or "")
        return
    name = str(raw.get("name") or key)
    local = Path.cwd() / GENERATED_DIR / stack / key / f"{name}.json"
    _write_changed({local: config_json(raw, name)})
    build_laktory_orchestrator(ctx, key, raw, upstreams, local, path)


def _write_changed(files: dict[Path, bytes]) -> None:
    """Write each file whose bytes differ from what is on disk (atomically, by rename)."""
    for target, content in files.items():
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
