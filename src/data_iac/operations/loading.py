"""Loading a config the way every command does: with data pipelines deployed.

The config layer imports no pipelines package; this module hands it the
``PipelineDeployer`` built on ``data_iac.pipelines`` (spec, node graph, deploy), and writes
the files the loaded config generated (``LoadedConfig.generated``) when plan or apply asks:
loading itself writes nothing. The pipeline modules are imported only when a stack holds a
data pipeline: they are a third of the start-up of ``iac validate`` otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from data_iac.config.build import load_config as _load_config
from data_iac.config.model import LoadedConfig
from data_iac.config.stack.deployer import Deployment, PipelineProblem
from data_iac.errors import DataIacError

__all__ = ["StackPipelines", "load_config", "write_generated"]


class StackPipelines:
    """The ``PipelineDeployer`` on data-iac's pipelines package (pure: writes nothing)."""

    def deploy(self, key: str, raw: Mapping[str, Any], files_dir: Path) -> Deployment:
        from data_iac.pipelines.deploy import deploy_resources, generated_files, orchestrator_of
        from data_iac.pipelines.spec import Pipeline

        try:
            orchestrator = orchestrator_of(raw.get("orchestrator"))
        except DataIacError as exc:
            return _problem(("orchestrator",), exc)
        if orchestrator is None:
            return Deployment()
        try:
            pipeline = Pipeline.model_validate({"name": key, **raw})
        except ValidationError as exc:
            return _invalid(exc)
        try:
            resources = deploy_resources(pipeline, key, orchestrator, files_dir)
        except DataIacError as exc:
            return _problem(("nodes",), exc)
        files = generated_files(pipeline, orchestrator, files_dir)
        return Deployment(resources=tuple(resources), files=files)

    def node_order(self, key: str, raw: Mapping[str, Any]) -> Deployment:
        from data_iac.pipelines.graph import ordered_nodes
        from data_iac.pipelines.spec import Pipeline

        fields = Pipeline.model_fields
        own = {k: v for k, v in raw.items() if k in fields or k == "nodes"}
        try:
            pipeline = Pipeline.model_validate({"name": key, **own})
            upstreams = tuple((p.name, tuple(p.upstreams)) for p in ordered_nodes(pipeline))
        except ValidationError as exc:
            return _invalid(exc)
        except DataIacError as exc:
            return _problem(("nodes",), exc)
        return Deployment(upstreams=upstreams)


def _problem(where: tuple[str, ...], exc: DataIacError) -> Deployment:
    return Deployment(problems=(PipelineProblem(where, exc.summary, exc.hint or ""),))


def _invalid(exc: ValidationError) -> Deployment:
    return Deployment(
        problems=tuple(PipelineProblem(tuple(e["loc"]), e["msg"]) for e in exc.errors())
    )


def load_config(
    path: str | Path, environment: str = "default", environ: Mapping[str, str] | None = None
) -> LoadedConfig:
    """``config.load_config`` with the stack's data pipelines deployed (StackPipelines)."""
    return _load_config(path, environment, environ, deployer=StackPipelines())


def write_generated(config: LoadedConfig) -> None:
    """Write each generated file whose bytes differ from what is on disk (atomically, by
    rename): plan and apply call this before anything reads them."""
    for target, content in config.generated.items():
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
