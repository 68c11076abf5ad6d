"""One document of a config (Dataiku project, Databricks stack or shared file) -> results.

After the environment overlay, a document is templated, validated and built here; what it
contributes to the config (resources, connections, backend, notes...) is a DocumentResult.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from data_iac.config.desired import build_dataiku_resources
from data_iac.config.loader import ConfigDocument
from data_iac.config.schema import SharedConfig
from data_iac.config.schema_errors import validate_model
from data_iac.config.templating import render
from data_iac.config.validate import validate_dataiku
from data_iac.errors import Diagnostic
from data_iac.model.resource import Resource

__all__ = ["DocumentResult", "build_document"]

_SECRET_SETTINGS = ("token", "api_key", "client_secret")


@dataclass(slots=True)
class DocumentResult:
    """What one document contributes to the loaded config."""

    resources: list[Resource] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    name: str | None = None
    fallback_name: str | None = None
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    backend: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    pipelines: dict[str, Any] = field(default_factory=dict)
    sensitive_values: set[str] = field(default_factory=set)
    moved: list[tuple[str, str]] = field(default_factory=list)


def build_document(
    document: ConfigDocument,
    data: dict[str, Any],
    variables: Mapping[str, Any],
    environ: Mapping[str, str],
) -> DocumentResult:
    """Template, validate and build one document (already overlaid for the environment)."""
    if document.kind == "stack":
        from data_iac.config.stack import IGNORED_TOP_LEVEL, build_stack

        # Laktory's own settings are ignored, so their placeholders are never resolved.
        ignored = [key for key in IGNORED_TOP_LEVEL if key in data]
        kept = {key: value for key, value in data.items() if key not in ignored}
        rendered, problems = render(kept, variables, environ, document.marks)
        result = build_stack(document, rendered, ignored)
    else:
        rendered, problems = render(data, variables, environ, document.marks)
        build = _build_dataiku if document.kind == "dataiku" else _build_shared
        result = build(document, rendered)
    result.problems[:0] = problems
    return result


def _build_shared(document: ConfigDocument, data: dict[str, Any]) -> DocumentResult:
    model, problems = validate_model(SharedConfig, data, document.marks)
    result = DocumentResult(problems=problems)
    if model is not None:
        _take_shared(result, model)
    return result


def _build_dataiku(document: ConfigDocument, data: dict[str, Any]) -> DocumentResult:
    model, problems = validate_dataiku(data, document.marks)
    result = DocumentResult(problems=problems)
    project = data.get("project")
    if isinstance(project, dict) and isinstance(project.get("key"), str):
        result.fallback_name = project["key"]
    if model is not None:
        _take_shared(result, model)
        result.resources = build_dataiku_resources(model, document.marks)
    return result


def _take_shared(result: DocumentResult, model: SharedConfig | Any) -> None:
    """Copy the shared top-level settings (name, providers, backend) into ``result``."""
    result.name = model.name
    result.moved = [(entry.from_, entry.to) for entry in model.moved]
    if model.providers is not None:
        providers = model.providers.model_dump(exclude_none=True)
        add_providers(result, providers)
    if model.backend is not None:
        result.backend = model.backend.model_dump(exclude_none=True)


def add_providers(result: DocumentResult, providers: Mapping[str, Mapping[str, Any]]) -> None:
    """Record connection settings, and their secrets as values never to print."""
    for platform, settings in providers.items():
        result.providers.setdefault(platform, {}).update(settings)
        for key in _SECRET_SETTINGS:
            value = settings.get(key)
            if isinstance(value, str) and value:
                result.sensitive_values.add(value)
