"""Desired resources (from config) and observed objects (from a platform)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import SourceLocation

__all__ = ["DesiredState", "Lifecycle", "Observed", "Resource"]


@dataclass(frozen=True, slots=True)
class Lifecycle:
    """Per-resource lifecycle options, Terraform's names."""

    prevent_destroy: bool = False
    ignore_changes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Resource:
    """One object the config wants to exist.

    ``spec`` holds the managed fields only, as JSON values, after templating. A string of the
    form ``${resources.KEY.ATTR}`` inside it is a reference resolved at apply time.
    ``depends_on`` must list every address the object needs to exist first.
    ``provider`` is the connection the resource uses when it is not its platform's default:
    a Laktory stack's ``resource_options.provider`` (``databricks.dev``); None otherwise.
    """

    address: Address
    spec: Mapping[str, Any]
    depends_on: frozenset[Address] = frozenset()
    lifecycle: Lifecycle = Lifecycle()
    location: SourceLocation | None = None
    provider: str | None = None


@dataclass(frozen=True, slots=True)
class DesiredState:
    """Everything one config declares for one environment."""

    resources: Mapping[Address, Resource]
    config_name: str = "default"
    environment: str = "default"

    def __len__(self) -> int:
        return len(self.resources)


@dataclass(frozen=True, slots=True)
class Observed:
    """One object as the platform reports it, normalised to the kind's managed field names.

    ``remote_id`` is the platform's natural id (project key, ``KEY.dataset``, job id ...).
    ``attributes`` holds managed and computed fields; the diff only looks at managed ones.
    ``version`` is the platform's change marker when it has one (DSS versionTag, ...).
    """

    remote_id: str
    attributes: Mapping[str, Any] = field(default_factory=dict)
    version: str | None = None
