"""The state: what data-iac manages, with the ids and attributes it last applied or read."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from data_iac.addresses import Address

__all__ = ["STATE_FORMAT_VERSION", "ResourceState", "StateSnapshot"]

STATE_FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ResourceState:
    """One managed object in state.

    ``attributes`` never holds a sensitive value in clear: those live only as salted hashes
    in ``sensitive_hashes``. ``configured`` names the top-level fields the config set when
    it was last applied, so that a plan can tell a field the user removed from one the
    service chose (``diff.removed_fields``); empty in states written before it existed.
    """

    kind: str
    remote_id: str
    attributes: Mapping[str, Any] = field(default_factory=dict)
    dependencies: tuple[Address, ...] = ()
    sensitive_hashes: Mapping[str, str] = field(default_factory=dict)
    version: str | None = None
    configured: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "remote_id": self.remote_id,
            "attributes": dict(self.attributes),
            "dependencies": [str(d) for d in self.dependencies],
        }
        if self.sensitive_hashes:
            data["sensitive_hashes"] = dict(self.sensitive_hashes)
        if self.version is not None:
            data["version"] = self.version
        if self.configured:
            data["configured"] = list(self.configured)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ResourceState:
        return cls(
            kind=data["kind"],
            remote_id=str(data["remote_id"]),
            attributes=data.get("attributes", {}),
            dependencies=tuple(Address.parse(d) for d in data.get("dependencies", ())),
            sensitive_hashes=data.get("sensitive_hashes", {}),
            version=data.get("version"),
            configured=tuple(str(name) for name in data.get("configured", ())),
        )


@dataclass(frozen=True, slots=True)
class StateSnapshot:
    """A whole state at one serial. ``lineage`` is set once; ``serial`` grows on every write."""

    lineage: str
    serial: int = 0
    environment: str = "default"
    resources: Mapping[Address, ResourceState] = field(default_factory=dict)
    format_version: int = STATE_FORMAT_VERSION

    @classmethod
    def empty(cls, environment: str = "default") -> StateSnapshot:
        """A new state with a fresh lineage and serial 0."""
        return cls(lineage=str(uuid.uuid4()), environment=environment)

    def with_resource(self, address: Address, resource: ResourceState) -> StateSnapshot:
        """A copy with ``address`` set to ``resource`` (same serial: the writer bumps it)."""
        resources = dict(self.resources)
        resources[address] = resource
        return replace(self, resources=resources)

    def without(self, address: Address) -> StateSnapshot:
        """A copy without ``address``."""
        resources = {k: v for k, v in self.resources.items() if k != address}
        return replace(self, resources=resources)

    def next_serial(self) -> StateSnapshot:
        return replace(self, serial=self.serial + 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "format_version": self.format_version,
            "lineage": self.lineage,
            "serial": self.serial,
            "environment": self.environment,
            "resources": {str(k): self.resources[k].to_json() for k in sorted(self.resources)},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StateSnapshot:
        return cls(
            format_version=int(data["format_version"]),
            lineage=data["lineage"],
            serial=int(data["serial"]),
            environment=data.get("environment", "default"),
            resources={
                Address.parse(k): ResourceState.from_json(v) for k, v in data["resources"].items()
            },
        )
