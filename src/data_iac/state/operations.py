"""What the ``iac state`` subcommands do to a state, apart from printing.

The snapshot edits (``move_resource``, ``forget_resource``, ``prepare_push``) are pure: they
take and return values and never touch a backend. ``migrate_state`` does I/O but only through
the backend protocols, under both locks.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from data_iac.addresses import Address
from data_iac.errors import StateConflictError, StateCorruptError, StateError
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.planning.moves import move_resource
from data_iac.state.backend import LockInfo, ManagedStateBackend, StateBackend
from data_iac.state.local import LocalBackend
from data_iac.state.session import acquire_lock, locked_state

__all__ = [
    "backend_from_url",
    "forget_resource",
    "migrate_state",
    "move_resource",
    "prepare_push",
    "push_state",
]


def forget_resource(snapshot: StateSnapshot, address: Address | str) -> StateSnapshot:
    """The state without ``address``; the platform object itself is left alone."""
    target = _parse(address)
    _require(snapshot, target)
    return snapshot.without(target)


def prepare_push(
    stored: StateSnapshot | None, pushed: StateSnapshot, environment: str, *, force: bool
) -> StateSnapshot:
    """The snapshot to store for ``iac state push``.

    Refuses (StateConflictError) another lineage, an older serial or another environment
    unless ``force``. The stored serial always ends above the current one, so plans made
    against the replaced state are recognised as stale.
    """
    if not force:
        _check_pushable(stored, pushed, environment)
    floor = 0 if stored is None else stored.serial + 1
    return replace(pushed, serial=max(pushed.serial, floor))


def push_state(
    backend: ManagedStateBackend,
    pushed: StateSnapshot,
    environment: str,
    *,
    force: bool = False,
    lock_timeout: float = 0,
) -> StateSnapshot:
    """Store ``pushed`` under the lock (see ``prepare_push``); returns what was stored.

    With ``force`` an unreadable stored state is replaced too: that is the recovery path for
    a corrupt state file.
    """
    held = acquire_lock(backend, LockInfo(operation="state push"), lock_timeout=lock_timeout)
    try:
        stored = _read_unless_forced(backend, force)
        final = prepare_push(stored, pushed, environment, force=force)
        if force:
            backend.overwrite(final)
        else:
            backend.write(final)
        return final
    finally:
        backend.unlock(held.id)


def _read_unless_forced(backend: ManagedStateBackend, force: bool) -> StateSnapshot | None:
    try:
        return backend.read()
    except StateCorruptError:
        if not force:
            raise
        return None


def _check_pushable(stored: StateSnapshot | None, pushed: StateSnapshot, environment: str) -> None:
    hint = "pull the current state and merge by hand, or push with --force to replace it"
    if pushed.environment != environment:
        raise StateConflictError(
            f"refusing to push a state of environment {pushed.environment!r} "
            f"into environment {environment!r}",
            hint="choose the environment with -e, or push with --force",
        )
    if stored is None:
        return
    if pushed.lineage != stored.lineage:
        raise StateConflictError(
            "refusing to push a state of another lineage",
            detail=f"stored lineage {stored.lineage}, pushed lineage {pushed.lineage}",
            hint=hint,
        )
    if pushed.serial < stored.serial:
        raise StateConflictError(
            f"refusing to push serial {pushed.serial} over the newer serial {stored.serial}",
            hint=hint,
        )


def migrate_state(
    source: StateBackend,
    destination: ManagedStateBackend,
    *,
    lock_timeout: float = 0,
    force: bool = False,
) -> StateSnapshot:
    """Copy the state from ``source`` to ``destination`` under both locks, then verify it.

    Refuses to replace a state already at the destination unless ``force``. The source is
    left as it was: the user switches the config, then removes the old copy.
    """
    with locked_state(source, "migrate", lock_timeout=lock_timeout) as (snapshot, _):
        if snapshot.serial == 0 and not snapshot.resources:
            raise StateError(f"there is no state at {source.describe()} to migrate")
        held = acquire_lock(destination, LockInfo(operation="migrate"), lock_timeout=lock_timeout)
        try:
            _copy(snapshot, destination, force)
        finally:
            destination.unlock(held.id)
    return snapshot


def _copy(snapshot: StateSnapshot, destination: ManagedStateBackend, force: bool) -> None:
    existing = destination.read()
    if existing is not None and not force:
        raise StateConflictError(
            f"{destination.describe()} already holds a state (serial {existing.serial})",
            hint="choose another destination, or pass --force to replace it",
        )
    if existing is None:
        destination.write(snapshot)
    else:
        destination.overwrite(snapshot)
    if destination.read() != snapshot:
        raise StateError(
            f"the copy at {destination.describe()} does not read back as the original",
            hint="nothing was changed at the source; check the destination and retry",
        )


def backend_from_url(
    url: str,
    *,
    region: str | None = None,
    endpoint_url: str | None = None,
    profile: str | None = None,
) -> ManagedStateBackend:
    """``s3://bucket/key`` -> S3Backend; ``file:///path`` or a plain path -> LocalBackend."""
    if url.startswith("s3://"):
        from data_iac.state.s3 import S3Backend

        bucket, _, key = url.removeprefix("s3://").partition("/")
        if not bucket or not key:
            raise StateError(f"{url!r} is not an S3 location", hint="use s3://BUCKET/KEY")
        return S3Backend(bucket, key, region=region, endpoint_url=endpoint_url, profile=profile)
    return LocalBackend(Path(url.removeprefix("file://")))


def _require(snapshot: StateSnapshot, address: Address) -> ResourceState:
    if address not in snapshot.resources:
        raise StateError(
            f"{address} is not in the state",
            hint="`iac state list` shows the addresses the state holds",
        )
    return snapshot.resources[address]


def _parse(address: Address | str) -> Address:
    if isinstance(address, Address):
        return address
    try:
        return Address.parse(address)
    except ValueError as exc:
        raise StateError(str(exc)) from exc
