"""The S3 backend: state object + lock object, both guarded by S3 conditional writes.

Promises:
- the lock is the object ``<key>.lock``, created with ``If-None-Match: *``: exactly one run
  wins; a loser reads it and names the holder;
- the state is written with ``If-Match`` on the ETag this backend last read or wrote
  (``If-None-Match: *`` when there was none), so a lost update is impossible even without
  the lock: a write based on an outdated read is refused with StateConflictError;
- the lock is released and renewed conditionally on its ETag; if a service rejects a
  conditional delete, the release checks the lock id first and then deletes plainly;
- before its first lock or write, the endpoint is probed, and one that ignores conditional
  writes is refused with a message naming it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from data_iac.errors import StateConflictError, StateError, StateLockedError
from data_iac.model.state import StateSnapshot
from data_iac.state.backend import LockInfo
from data_iac.state.checks import check_successor, unreadable_lock, utc_now
from data_iac.state.codec import decode_state, encode_state
from data_iac.state.s3_client import (
    S3CallError,
    S3Client,
    ensure_conditional_writes,
    make_s3_client,
    s3_calls,
)
from data_iac.state.s3_journal import S3Journal

__all__ = ["S3Backend"]


@dataclass(frozen=True, slots=True)
class _Seen:
    """What this backend last saw of the state object: the base of its next write."""

    etag: str | None
    snapshot: StateSnapshot | None


class S3Backend:
    """State at ``s3://bucket/key``; implements ManagedStateBackend."""

    def __init__(
        self,
        bucket: str,
        key: str,
        region: str | None = None,
        endpoint_url: str | None = None,
        profile: str | None = None,
        *,
        client: S3Client | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.bucket = bucket
        self.key = key
        self.lock_key = f"{key}.lock"
        self.endpoint = endpoint_url or "AWS S3"
        self._settings = (region, endpoint_url, profile)
        self._client = client
        self._clock = clock
        self._seen: _Seen | None = None
        self._guard = threading.Lock()  # _seen is shared if one instance serves threads

    def describe(self) -> str:
        return f"s3://{self.bucket}/{self.key}"

    @property
    def client(self) -> S3Client:
        if self._client is None:
            self._client = make_s3_client(*self._settings)
        return self._client

    def journal(self) -> S3Journal:
        """The apply journal, in the bucket beside the state (``<key>.journal/``)."""
        return S3Journal(self.client, self.bucket, f"{self.key}.journal/")

    # -- state -------------------------------------------------------------------------------

    def read(self) -> StateSnapshot | None:
        seen = self._fetch_state()
        with self._guard:
            self._seen = seen
        return seen.snapshot

    def write(self, snapshot: StateSnapshot) -> None:
        with self._guard:
            base = self._seen or self._fetch_state()
            check_successor(base.snapshot, snapshot, self.describe())
            self._put_state(snapshot, base)

    def overwrite(self, snapshot: StateSnapshot) -> None:
        with self._guard:
            # Conditional on the current ETag: forced, but still never racing another writer.
            # The body is not decoded, so a corrupt state can be replaced.
            found = self._get(self.key, "read the state")
            self._put_state(snapshot, _Seen(None if found is None else found[1], None))

    def _fetch_state(self) -> _Seen:
        found = self._get(self.key, "read the state")
        if found is None:
            return _Seen(None, None)
        body, etag, _ = found
        return _Seen(etag, decode_state(body, self.describe()))

    def _put_state(self, snapshot: StateSnapshot, base: _Seen) -> None:
        self._ensure_safe_endpoint()
        condition = {"IfMatch": base.etag} if base.etag else {"IfNoneMatch": "*"}
        try:
            etag = self._put(self.key, encode_state(snapshot), "write the state", condition)
        except S3CallError as exc:
            if exc.is_precondition_failed or exc.is_not_found:
                raise self._changed_since_read(base) from exc
            raise
        self._seen = _Seen(etag, snapshot)

    def _changed_since_read(self, base: _Seen) -> StateConflictError:
        serial = "no state" if base.snapshot is None else f"serial {base.snapshot.serial}"
        return StateConflictError(
            f"the state at {self.describe()} changed since it was read ({serial}); "
            "refusing to overwrite it",
            detail="another run wrote the state in between (its ETag no longer matches)",
            hint="run the command again so it starts from the current state",
        )

    # -- lock --------------------------------------------------------------------------------

    def lock(self, info: LockInfo) -> LockInfo:
        self._ensure_safe_endpoint()
        record = replace(info, path=self.describe())
        try:
            self._put(self.lock_key, _lock_bytes(record), "take the lock", {"IfNoneMatch": "*"})
        except S3CallError as exc:
            if not exc.is_precondition_failed:
                raise
            raise self._locked_by(self._read_lock()) from None
        return record

    def unlock(self, lock_id: str) -> None:
        """Release the lock ``lock_id``; a missing lock is already released (no error)."""
        current = self._read_lock()
        if current is None:
            return
        holder, etag = current
        if holder.id != lock_id:
            raise StateError(
                f"refusing to unlock {self.describe()}: lock id {lock_id} does not hold it",
                detail=f"the lock is held by {holder}",
                hint=f"to release that lock run `iac state unlock {holder.id}`",
            )
        self._delete_lock(etag)

    def current_lock(self) -> LockInfo | None:
        current = self._read_lock()
        return None if current is None else current[0]

    def renew(self, info: LockInfo) -> LockInfo:
        record = replace(info, path=self.describe())
        current = self._read_lock()
        if current is None or current[0].id != info.id:
            raise self._lock_lost(None if current is None else current[0])
        try:
            self._put(self.lock_key, _lock_bytes(record), "renew the lock", {"IfMatch": current[1]})
        except S3CallError as exc:
            if exc.is_precondition_failed or exc.is_not_found:
                raise self._lock_lost(self.current_lock()) from exc
            raise
        return record

    def take_over(self, info: LockInfo, stale_id: str) -> LockInfo:
        current = self._read_lock()
        if current is None:
            return self.lock(info)
        holder, etag = current
        if holder.id != stale_id:
            raise self._locked_by(current)
        if not holder.is_stale(self._clock()):
            raise StateLockedError(holder, stale=False)
        record = replace(info, path=self.describe())
        try:
            self._put(self.lock_key, _lock_bytes(record), "take over the lock", {"IfMatch": etag})
        except S3CallError as exc:
            if not (exc.is_precondition_failed or exc.is_not_found):
                raise
            raise self._locked_by(self._read_lock()) from None  # someone else was faster
        return record

    def _delete_lock(self, etag: str) -> None:
        where = f"s3://{self.bucket}/{self.lock_key}"
        try:
            with s3_calls("release the lock", where):
                self.client.delete_object(Bucket=self.bucket, Key=self.lock_key, IfMatch=etag)
        except S3CallError as exc:
            if exc.is_not_found:
                return
            if exc.is_precondition_failed:
                raise self._lock_lost(self.current_lock()) from exc
            if not exc.is_unsupported:
                raise
            # The service rejects conditional deletes: the id was checked just above, so a
            # plain delete can only race with a takeover of this same lock.
            with s3_calls("release the lock", where):
                self.client.delete_object(Bucket=self.bucket, Key=self.lock_key)

    def _read_lock(self) -> tuple[LockInfo, str] | None:
        found = self._get(self.lock_key, "read the lock")
        if found is None:
            return None
        body, etag, modified = found
        try:
            return LockInfo.from_json(json.loads(body)), etag
        except (ValueError, TypeError, AttributeError, RecursionError):
            return unreadable_lock(self.describe(), modified), etag

    def _locked_by(self, current: tuple[LockInfo, str] | None) -> StateLockedError:
        if current is None:  # released between our attempt and our read: report, don't retry
            return StateLockedError(LockInfo(operation="unknown", id="?", who="unknown"))
        holder = current[0]
        return StateLockedError(holder, stale=holder.is_stale(self._clock()))

    def _lock_lost(self, holder: LockInfo | None) -> StateConflictError:
        return StateConflictError(
            f"the lock on {self.describe()} was lost (someone took it over or removed it)",
            detail=f"now held by {holder}" if holder else "nobody holds it now",
            hint="another run may have changed the state; check it before retrying",
        )

    # -- S3 calls ----------------------------------------------------------------------------

    def _ensure_safe_endpoint(self) -> None:
        ensure_conditional_writes(self.client, self.bucket, self.key, self.endpoint)

    def _get(self, key: str, action: str) -> tuple[bytes, str, datetime] | None:
        try:
            with s3_calls(action, f"s3://{self.bucket}/{key}"):
                response = self.client.get_object(Bucket=self.bucket, Key=key)
                body: bytes = response["Body"].read()
        except S3CallError as exc:
            if exc.is_not_found:
                return None
            raise
        modified = response.get("LastModified") or datetime.now(UTC)
        return body, str(response["ETag"]), modified

    def _put(self, key: str, body: bytes, action: str, condition: dict[str, Any]) -> str:
        with s3_calls(action, f"s3://{self.bucket}/{key}"):
            response = self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=body,
                ContentType="application/json",
                **condition,
            )
        return str(response["ETag"])


def _lock_bytes(info: LockInfo) -> bytes:
    return (json.dumps(info.to_json(), indent=2, sort_keys=True) + "\n").encode("utf-8")
