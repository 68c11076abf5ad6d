"""What one document contributes to a loaded config: resources, connections, backend, notes.

Shared by every format's document builder (config/dataiku/document.py,
config/stack/document.py, config/documents.py for shared-keys files); build.py merges the
contributions of all documents into one ``LoadedConfig``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_iac.config.schema import SharedKeys
from data_iac.errors import Diagnostic
from data_iac.model.resource import Resource

__all__ = ["DocumentResult", "add_providers", "take_shared"]

_SECRET_SETTINGS = (
    "token",
    "api_key",
    "client_secret",
    "azure_client_secret",
    "password",
    "google_credentials",
)


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
    policy: str | None = None
    # Files the resources upload that the config generates (path -> content).
    generated: dict[Path, bytes] = field(default_factory=dict)


def take_shared(result: DocumentResult, model: SharedKeys) -> None:
    """Copy the shared top-level settings (name, providers, backend) into ``result``."""
    result.name = model.name
    result.moved = [(entry.from_, entry.to) for entry in model.moved]
    result.policy = model.policy
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
