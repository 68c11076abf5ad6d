"""The apply journal in S3, beside the state: a dead CI runner does not take it along.

S3 has no append, so each record is its own small object under ``<state key>.journal/``,
named so that a listing returns them in the order they were written. A PUT is durable when
it returns, so every append is durable.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections.abc import Mapping
from typing import Any

from data_iac.state.journal import damaged_journal
from data_iac.state.s3_client import S3Client, s3_calls

__all__ = ["S3Journal"]


class S3Journal:
    """Implements state.journal.JournalStore on one S3 prefix."""

    def __init__(self, client: S3Client, bucket: str, prefix: str) -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        self._run = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        self._sequence = itertools.count()
        self._lock = threading.Lock()

    def describe(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"

    def append(self, record: Mapping[str, Any], *, durable: bool) -> None:
        with self._lock:
            name = f"{self.prefix}{self._run}-{next(self._sequence):08d}.json"
        body = json.dumps(record, sort_keys=True, default=str).encode()
        with s3_calls("append to the journal", f"s3://{self.bucket}/{name}"):
            self.client.put_object(Bucket=self.bucket, Key=name, Body=body)

    def close(self) -> None:
        return None  # nothing held open: every record is its own object

    def records(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for key in self._keys():
            with s3_calls("read the journal", f"s3://{self.bucket}/{key}"):
                body = self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
            try:
                record = json.loads(body)
            except (ValueError, RecursionError):
                record = None
            if not isinstance(record, dict):  # a PUT is atomic: this is damage, not a crash
                raise damaged_journal(self.describe(), f"{key} is not a journal record")
            found.append(record)
        return found

    def clear(self) -> None:
        keys = self._keys()
        for start in range(0, len(keys), 1000):  # DeleteObjects takes at most 1,000 keys
            batch = [{"Key": key} for key in keys[start : start + 1000]]
            with s3_calls("clear the journal", self.describe()):
                self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch})

    def _keys(self) -> list[str]:
        keys: list[str] = []
        token: dict[str, Any] = {}
        while True:
            with s3_calls("list the journal", self.describe()):
                page = self.client.list_objects_v2(Bucket=self.bucket, Prefix=self.prefix, **token)
            keys.extend(item["Key"] for item in page.get("Contents", []))
            if not page.get("IsTruncated"):
                return sorted(keys)
            token = {"ContinuationToken": page["NextContinuationToken"]}
