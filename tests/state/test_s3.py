"""S3Backend specifics (moto server over HTTP); shared behaviour is in test_conformance.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocore.awsrequest import AWSResponse

from data_iac.errors import StateConflictError, StateCorruptError, StateError
from data_iac.model.state import StateSnapshot
from data_iac.state.backend import LockInfo
from data_iac.state.factory import open_backend
from data_iac.state.s3 import S3Backend

KEY = "states/p/default.json"


@pytest.fixture
def backend(s3_client: Any, bucket: str) -> S3Backend:
    return S3Backend(bucket, KEY, client=s3_client)


def test_a_write_from_an_outdated_read_is_refused_even_with_a_higher_serial(
    s3_client: Any, bucket: str
) -> None:
    S3Backend(bucket, KEY, client=s3_client).write(StateSnapshot(lineage="L", serial=1))
    slow, fast = S3Backend(bucket, KEY, client=s3_client), S3Backend(bucket, KEY, client=s3_client)
    assert slow.read() is not None and fast.read() is not None
    fast.write(StateSnapshot(lineage="L", serial=2))
    # serial 5 > 2 would pass a serial check; the ETag of the outdated read refuses it
    with pytest.raises(StateConflictError, match="changed since it was read"):
        slow.write(StateSnapshot(lineage="L", serial=5))


def test_the_first_write_refuses_to_replace_a_state_created_meanwhile(
    s3_client: Any, bucket: str
) -> None:
    early, other = (
        S3Backend(bucket, KEY, client=s3_client),
        S3Backend(bucket, KEY, client=s3_client),
    )
    assert early.read() is None
    other.write(StateSnapshot(lineage="theirs", serial=1))
    with pytest.raises(StateConflictError, match="no state"):
        early.write(StateSnapshot(lineage="mine", serial=1))


def test_lock_object_sits_next_to_the_state(backend: S3Backend, s3_client: Any) -> None:
    held = backend.lock(LockInfo(operation="apply"))
    body = s3_client.get_object(Bucket=backend.bucket, Key=f"{KEY}.lock")["Body"].read()
    assert json.loads(body)["id"] == held.id
    assert held.path == f"s3://{backend.bucket}/{KEY}"


def test_corrupt_state_names_the_url(backend: S3Backend, s3_client: Any) -> None:
    s3_client.put_object(Bucket=backend.bucket, Key=KEY, Body=b"<html>")
    with pytest.raises(StateCorruptError, match=f"s3://{backend.bucket}/{KEY}"):
        backend.read()


def test_a_missing_bucket_is_a_clear_state_error(s3_client: Any) -> None:
    with pytest.raises(StateError, match="NoSuchBucket") as caught:
        S3Backend("no-such-bucket-here", KEY, client=s3_client).read()
    assert "create the bucket" in caught.value.hint


def test_open_backend_builds_a_working_client(
    aws_credentials: None, moto_endpoint: str, bucket: str, tmp_path: Path
) -> None:
    settings = {
        "type": "s3",
        "bucket": bucket,
        "key": "x/{env}.json",
        "endpoint_url": moto_endpoint,
    }
    backend = open_backend(settings, "p", "prod", emulator=False, cwd=tmp_path)
    backend.write(StateSnapshot(lineage="L", serial=1))
    assert backend.describe() == f"s3://{bucket}/x/prod.json"
    assert open_backend(settings, "p", "prod", emulator=False, cwd=tmp_path).read() is not None


def _strip_conditions(request: Any, **_: Any) -> None:
    # Simulates a server that ignores conditional headers (as rclone's `serve s3` does):
    # the request still goes to moto over HTTP, just without the header.
    for header in ("If-None-Match", "If-Match"):
        if header in request.headers:
            del request.headers[header]


def test_an_endpoint_that_ignores_conditional_writes_is_refused(
    moto_endpoint: str, s3_client: Any, bucket: str
) -> None:
    # The probe verdict is cached per (endpoint, bucket): a fresh bucket is probed anew.
    client = _fresh_client(moto_endpoint)
    client.meta.events.register("before-sign.s3.PutObject", _strip_conditions)
    backend = S3Backend(bucket, KEY, endpoint_url="http://lenient.example", client=client)
    with pytest.raises(StateError, match=r"http://lenient\.example ignores conditional writes"):
        backend.lock(LockInfo(operation="apply"))
    leftovers = s3_client.list_objects_v2(Bucket=bucket).get("Contents", [])
    assert leftovers == []  # the probe cleaned up after itself


def _fresh_client(endpoint: str) -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _reject_conditional_delete(request: Any, **_: Any) -> AWSResponse | None:
    # Simulates a service answering 501 to DeleteObject with If-Match (the request never
    # reaches moto); unconditional deletes go through to moto unchanged.
    if "If-Match" not in request.headers:
        return None
    body = b"<Error><Code>NotImplemented</Code><Message>If-Match on delete</Message></Error>"
    return AWSResponse(request.url, 501, {"Content-Type": "application/xml"}, _Raw(body))


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Any:
        yield self._body


def test_release_degrades_when_conditional_delete_is_rejected(
    moto_endpoint: str, bucket: str
) -> None:
    client = _fresh_client(moto_endpoint)
    client.meta.events.register("before-send.s3.DeleteObject", _reject_conditional_delete)
    backend = S3Backend(bucket, KEY, client=client)
    held = backend.lock(LockInfo(operation="apply"))
    with pytest.raises(StateError, match="does not hold"):
        backend.unlock("someone-else")
    backend.unlock(held.id)
    assert backend.current_lock() is None


def test_overwrite_replaces_a_corrupt_state(backend: S3Backend, s3_client: Any) -> None:
    s3_client.put_object(Bucket=backend.bucket, Key=KEY, Body=b"{truncated")
    backend.overwrite(StateSnapshot(lineage="L", serial=1))
    assert backend.read() == StateSnapshot(lineage="L", serial=1)
