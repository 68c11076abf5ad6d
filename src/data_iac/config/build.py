"""``load_config``: files -> environment overlay -> templating -> validation -> DesiredState.

Each document of a config (a Dataiku project, a Databricks stack, a shared file) goes
through the same steps; the results are joined into one ``LoadedConfig``. Every problem of
every document is collected and raised together as one ConfigValidationError.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from data_iac.addresses import Address
from data_iac.config.contribution import DocumentResult
from data_iac.config.documents import build_document
from data_iac.config.environments import (
    apply_environment,
    check_environment_name,
    declared_environments,
)
from data_iac.config.limits import limit_problems
from data_iac.config.loader import ConfigDocument, ConfigFiles, load_config_files
from data_iac.config.locations import locate
from data_iac.config.model import LoadedConfig
from data_iac.config.stack.deployer import PipelineDeployer
from data_iac.errors import ConfigValidationError, Diagnostic
from data_iac.model.resource import DesiredState, Resource

__all__ = ["load_config"]

_ONCE_PER_CONFIG = ("backend", "providers")


def load_config(
    path: str | Path,
    environment: str = "default",
    environ: Mapping[str, str] | None = None,
    *,
    deployer: PipelineDeployer | None = None,
) -> LoadedConfig:
    """Load, template, validate and build the config at ``path`` for ``environment``.

    ``environ`` stands in for ``os.environ`` (tests). ``deployer`` turns a stack's data
    pipelines into resources (without one, a pipeline with an orchestrator is an error);
    the files they upload come back in ``LoadedConfig.generated``: nothing is written.
    Raises ConfigError for a missing path or an unknown environment,
    ConfigValidationError with every located problem.
    """
    with _gc_paused():
        return _load(path, environment, environ, deployer)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while loading: a large config allocates hundreds of thousands
    of containers, none of them cyclic garbage, and the collector's repeated scans of them
    used to double the load time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(
    path: str | Path,
    environment: str,
    environ: Mapping[str, str] | None,
    deployer: PipelineDeployer | None,
) -> LoadedConfig:
    files = load_config_files(path, environ)
    declared = [name for doc in files.documents for name in declared_environments(doc.data)]
    check_environment_name(environment, declared)
    problems = list(files.problems) + _set_twice(files.documents)
    shared_variables = _shared_variables(files.documents)
    results: list[DocumentResult] = []
    for document in files.documents:
        data, overlay_problems = apply_environment(
            document.data, document.marks, environment, document.kind
        )
        problems += overlay_problems
        variables = {"env": environment, **shared_variables, **_variables(data)}
        result = build_document(document, data, variables, environ or os.environ, deployer)
        problems += result.problems
        results.append(result)
    desired, clashes = _join_resources(results, files, environment)
    problems += clashes
    problems += _limits(desired, files.documents)
    if problems:
        raise ConfigValidationError(problems)
    return _loaded(files, environment, desired, results)


def _limits(desired: DesiredState, documents: list[ConfigDocument]) -> list[Diagnostic]:
    from data_iac.kinds import find_spec  # the records import config's builders

    return limit_problems(desired, documents, find_spec)


def _variables(data: Mapping[str, Any]) -> dict[str, Any]:
    variables = data.get("variables")
    return dict(variables) if isinstance(variables, dict) else {}


def _shared_variables(documents: list[ConfigDocument]) -> dict[str, Any]:
    """Variables of shared files apply to every root (a root's own variables win)."""
    merged: dict[str, Any] = {}
    for document in documents:
        if document.kind == "shared":
            merged.update(_variables(document.data))
    return merged


def _set_twice(documents: list[ConfigDocument]) -> list[Diagnostic]:
    """``backend`` and ``providers`` may be set once per config: name both files otherwise."""
    problems = []
    for key in _ONCE_PER_CONFIG:
        # Laktory's ``backend: terraform`` is a note, not a state backend: only mappings count.
        setters = [doc for doc in documents if isinstance(doc.data.get(key), dict)]
        for later in setters[1:]:
            first = locate(setters[0].marks, (key,))
            problems.append(
                Diagnostic(
                    f"'{key}' is set in two files: {first.file if first else setters[0].file} "
                    f"and this one",
                    key,
                    locate(later.marks, (key,)),
                    f"set {key} once per config, e.g. in one shared file",
                )
            )
    return problems


def _join_resources(
    results: list[DocumentResult], files: ConfigFiles, environment: str
) -> tuple[DesiredState, list[Diagnostic]]:
    resources: dict[Address, Resource] = {}
    problems = []
    for result in results:
        for resource in result.resources:
            if resource.address in resources:
                first = resources[resource.address].location
                problems.append(
                    Diagnostic(
                        f"{resource.address} is declared twice (first at {first})",
                        str(resource.address),
                        resource.location,
                        "addresses must be unique in a config: rename one of them",
                    )
                )
                continue
            resources[resource.address] = resource
    name = _config_name(results, files)
    return DesiredState(resources, config_name=name, environment=environment), problems


def _config_name(results: list[DocumentResult], files: ConfigFiles) -> str:
    """The top-level ``name``, else the project key, else the file or directory name."""
    named = [r.name for r in results if r.name] + [
        r.fallback_name for r in results if r.fallback_name
    ]
    if named:
        return str(named[0])
    return files.root.stem if files.root.is_file() else files.root.name


def _loaded(
    files: ConfigFiles, environment: str, desired: DesiredState, results: list[DocumentResult]
) -> LoadedConfig:
    providers: dict[str, dict[str, Any]] = {}
    backend: dict[str, Any] = {"type": "local"}
    notes = list(files.notes)
    pipelines: dict[str, Any] = {}
    sensitive: set[str] = set()
    moved: list[tuple[str, str]] = []
    policy: str | None = None
    generated: dict[Path, bytes] = {}
    for result in results:
        for platform, settings in result.providers.items():
            providers.setdefault(platform, {}).update(settings)
        backend = result.backend or backend
        notes += result.notes
        pipelines.update(result.pipelines)
        sensitive |= result.sensitive_values
        moved += result.moved
        policy = result.policy or policy
        generated.update(result.generated)
    return LoadedConfig(
        name=desired.config_name,
        environment=environment,
        desired=desired,
        root=files.root,
        digest=files.digest,
        providers=providers,
        backend=backend,
        notes=tuple(notes),
        pipelines=pipelines,
        sensitive_values=frozenset(sensitive),
        moved=tuple(moved),
        policy=policy,
        generated=generated,
    )
