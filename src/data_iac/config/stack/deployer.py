"""What the config layer asks of whoever deploys a stack's data pipelines (a protocol).

The config layer imports no pipelines package (docs/architecture.md, "Import rules"): the
caller of ``load_config`` hands in a ``PipelineDeployer`` (``operations/loading.py`` builds
the one the CLI and the Python API use, on ``data_iac.pipelines``). A deployment is a value:
the resources, the local files they upload (path -> bytes, written by plan and apply, never
by loading) and the located problems, each path relative to the pipeline's entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from data_iac.model.resource import Resource

__all__ = ["Deployment", "PipelineDeployer", "PipelineProblem"]


@dataclass(frozen=True, slots=True)
class PipelineProblem:
    """A problem at ``where`` (a path inside the pipeline's entry, e.g. ``("nodes",)``)."""

    where: tuple[str | int, ...]
    message: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Deployment:
    """The resources deploying one pipeline and the files they upload; or its problems.

    ``upstreams`` lists (node, its upstream nodes) in execution order (Laktory's
    orchestrators build their tasks from it)."""

    resources: tuple[Resource, ...] = ()
    files: Mapping[Path, bytes] = field(default_factory=dict)
    problems: tuple[PipelineProblem, ...] = ()
    upstreams: tuple[tuple[str, tuple[str, ...]], ...] = ()


class PipelineDeployer(Protocol):
    """Turns a stack's data pipeline entry into what deploys it (pure: writes nothing)."""

    def deploy(self, key: str, raw: Mapping[str, Any], files_dir: Path) -> Deployment:
        """data-iac's own orchestrators (``job``, ``dlt``): the resources and files under
        ``files_dir``; an empty deployment when the entry sets no orchestrator."""
        ...

    def node_order(self, key: str, raw: Mapping[str, Any]) -> Deployment:
        """Validate the pipeline (only its own fields) and order its nodes: ``upstreams``."""
        ...
