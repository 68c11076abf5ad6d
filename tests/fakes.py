"""In-memory fakes that implement the protocols (not mocks): a provider and a state store."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ProviderError, ResourceAlreadyExists
from data_iac.model.resource import DesiredState, Lifecycle, Observed, Resource
from data_iac.model.state import StateSnapshot
from data_iac.providers.base import KindSchema

SCHEMAS = {
    "fake_thing": KindSchema(
        "fake_thing", immutable=frozenset({"name"}), unordered=frozenset({"tags"})
    ),
    "fake_secret": KindSchema(
        "fake_secret", sensitive=frozenset({"value"}), write_only=frozenset({"value"})
    ),
}


def schema_of(kind: str) -> KindSchema:
    return SCHEMAS[kind]


class FakePlatform:
    """Objects by remote id; ``fail_on`` makes the next call for an address fail."""

    def __init__(self) -> None:
        self.objects: dict[str, dict[str, Any]] = {}
        self.fail_on: set[str] = set()
        self.calls: list[tuple[str, str]] = []
        self.lock = threading.Lock()


class FakeHandler:
    def __init__(self, kind: str, platform: FakePlatform) -> None:
        self.schema = SCHEMAS[kind]
        self.platform = platform

    def _check(self, op: str, address: Address) -> None:
        with self.platform.lock:
            self.platform.calls.append((op, str(address)))
            if str(address) in self.platform.fail_on:
                raise ProviderError(f"injected failure on {op} {address}")

    def read(self, address: Address, remote_id: str) -> Observed | None:
        found = self.platform.objects.get(remote_id)
        return None if found is None else Observed(remote_id, dict(found))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        return []

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        self._check("create", address)
        remote_id = f"id-{address.key}"
        if remote_id in self.platform.objects:
            raise ResourceAlreadyExists(f"{remote_id} exists")
        stored = {k: v for k, v in spec.items() if k not in self.schema.write_only}
        self.platform.objects[remote_id] = {**stored, "server_field": 1}
        return Observed(remote_id, dict(self.platform.objects[remote_id]))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        self._check("update", address)
        stored = {k: v for k, v in spec.items() if k not in self.schema.write_only}
        self.platform.objects[observed.remote_id].update(stored)
        return Observed(observed.remote_id, dict(self.platform.objects[observed.remote_id]))

    def delete(self, address: Address, observed: Observed) -> None:
        self._check("delete", address)
        self.platform.objects.pop(observed.remote_id, None)


def handlers(platform: FakePlatform) -> dict[str, FakeHandler]:
    return {kind: FakeHandler(kind, platform) for kind in SCHEMAS}


NO_LIFECYCLE = Lifecycle()


def thing(
    key: str, deps: tuple[str, ...] = (), lifecycle: Lifecycle = NO_LIFECYCLE, **spec: Any
) -> Resource:
    return Resource(
        Address("fake_thing", key),
        {"name": key, **spec},
        frozenset(Address("fake_thing", d) for d in deps),
        lifecycle,
    )


def desired(*resources: Resource) -> DesiredState:
    return DesiredState({r.address: r for r in resources})


class MemoryState:
    """A StateWriter that keeps every checkpoint, refusing stale serials like real ones."""

    def __init__(self, initial: StateSnapshot | None = None) -> None:
        self.snapshots: list[StateSnapshot] = [initial or StateSnapshot.empty()]

    @property
    def current(self) -> StateSnapshot:
        return self.snapshots[-1]

    def write(self, snapshot: StateSnapshot) -> None:
        assert snapshot.lineage == self.current.lineage
        assert snapshot.serial > self.current.serial, "stale serial written"
        self.snapshots.append(snapshot)
