"""The ``iac state`` operations on one config's state backend, apart from printing.

``StateOps`` reads, renames, forgets, pulls, pushes and unlocks; every edit is made under
the state lock and written as the next serial. The snapshot edits themselves are the pure
functions of state/operations.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from data_iac.addresses import Address
from data_iac.errors import ConfigError, StateError
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.state.backend import LockInfo, ManagedStateBackend
from data_iac.state.codec import decode_state, encode_state
from data_iac.state.operations import forget_resource, move_resource, push_state
from data_iac.state.session import locked_state

__all__ = ["StateOps"]


@dataclass(frozen=True, slots=True)
class StateOps:
    """The state of one config in one environment, where its backend keeps it."""

    backend: ManagedStateBackend
    environment: str = "default"

    def describe(self) -> str:
        """Where the state lives (a path, an s3:// URL)."""
        return self.backend.describe()

    def read(self) -> StateSnapshot | None:
        """The state as stored now (no lock), or None when none was ever written."""
        return self.backend.read()

    def require(self) -> StateSnapshot:
        """The stored state; StateError when there is none yet."""
        snapshot = self.backend.read()
        if snapshot is None:
            raise StateError(
                f"there is no state at {self.backend.describe()} yet",
                hint="run `iac apply` (or `iac import`) first, or check -c/-e/--emulator",
            )
        return snapshot

    def list(self) -> dict[Address, ResourceState]:
        """Every managed address and its entry, sorted by address (empty without state)."""
        snapshot = self.backend.read()
        resources = {} if snapshot is None else snapshot.resources
        return {address: resources[address] for address in sorted(resources)}

    def show(self, address: Address | str) -> ResourceState:
        """One entry as the state records it; StateError when it is not there."""
        resource = self.require().resources.get(_address(address))
        if resource is None:
            raise StateError(f"{address} is not in the state", hint="`iac state list` shows them")
        return resource

    def move(
        self, old: Address | str, new: Address | str, *, lock_timeout: float = 0
    ) -> StateSnapshot:
        """Rename ``old`` to ``new`` (the platform object is not touched)."""
        return self._edit("state mv", lambda s: move_resource(s, old, new), lock_timeout)

    def forget(self, address: Address | str, *, lock_timeout: float = 0) -> StateSnapshot:
        """Remove ``address`` from the state; the platform object is left alone."""
        return self._edit("state rm", lambda s: forget_resource(s, address), lock_timeout)

    def pull(self) -> bytes:
        """The whole state, encoded as the backend stores it (JSON)."""
        return encode_state(self.require())

    def push(
        self, data: bytes, *, source: str = "pushed state", force: bool = False,
        lock_timeout: float = 0,
    ) -> StateSnapshot:  # fmt: skip
        """Replace the state with ``data`` (refuses another lineage or an older serial
        unless ``force``); returns what was stored."""
        pushed = decode_state(data, source)
        return push_state(
            self.backend, pushed, self.environment, force=force, lock_timeout=lock_timeout
        )

    def unlock(self, lock_id: str) -> LockInfo | None:
        """Release the lock ``lock_id`` left by a run that died; returns who held it (None
        when no lock was held, and nothing is done)."""
        holder = self.backend.current_lock()
        if holder is not None:
            self.backend.unlock(lock_id)
        return holder

    def _edit(
        self, operation: str, change: Callable[[StateSnapshot], StateSnapshot], timeout: float
    ) -> StateSnapshot:
        with locked_state(
            self.backend, operation, lock_timeout=timeout, environment=self.environment
        ) as (snapshot, _):
            changed = change(snapshot).next_serial()
            self.backend.write(changed)
        return changed


def _address(value: Address | str) -> Address:
    if isinstance(value, Address):
        return value
    try:
        return Address.parse(value)
    except ValueError as exc:
        raise ConfigError(str(exc), hint="an address looks like dataiku_dataset.KEY.NAME") from exc
