"""boto3 at arm's length: building the client, reading its errors, probing the endpoint.

boto3 and botocore are imported lazily through ``importlib`` so that importing data_iac
never pays for them, and so mypy needs no stubs: the client is typed by the small
``S3Client`` protocol below, which lists exactly the calls the S3 backend makes.
"""

from __future__ import annotations

import importlib
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from data_iac.errors import StateError

__all__ = [
    "PRECONDITION_FAILED",
    "S3CallError",
    "S3Client",
    "ensure_conditional_writes",
    "make_s3_client",
    "s3_calls",
]

PRECONDITION_FAILED = "PreconditionFailed"
NOT_FOUND = frozenset({"NoSuchKey", "404", "NotFound"})
# What services answer when they do not implement a conditional header on an operation.
UNSUPPORTED = frozenset({"NotImplemented", "501", "InvalidArgument", "InvalidRequest"})


class S3Client(Protocol):
    def get_object(self, **kwargs: Any) -> dict[str, Any]: ...

    def put_object(self, **kwargs: Any) -> dict[str, Any]: ...

    def delete_object(self, **kwargs: Any) -> dict[str, Any]: ...

    def delete_objects(self, **kwargs: Any) -> dict[str, Any]: ...

    def list_objects_v2(self, **kwargs: Any) -> dict[str, Any]: ...


class S3CallError(StateError):
    """An S3 call failed; ``code`` is the service's error code ("PreconditionFailed" ...)."""

    def __init__(self, summary: str, *, code: str, detail: str = "", hint: str = "") -> None:
        super().__init__(summary, detail=detail, hint=hint)
        self.code = code

    @property
    def is_precondition_failed(self) -> bool:
        return self.code in (PRECONDITION_FAILED, "412")

    @property
    def is_not_found(self) -> bool:
        return self.code in NOT_FOUND

    @property
    def is_unsupported(self) -> bool:
        return self.code in UNSUPPORTED


def make_s3_client(region: str | None, endpoint_url: str | None, profile: str | None) -> S3Client:
    """A boto3 S3 client; credentials come from the profile or the usual AWS chain."""
    try:
        boto3 = importlib.import_module("boto3")
    except ModuleNotFoundError as exc:
        raise StateError(
            "the s3 state backend needs boto3, which is not installed",
            hint="run `pip install 'data-iac[s3]'`",
        ) from exc
    with s3_calls("create an S3 client", endpoint_url or "AWS S3"):
        session = boto3.session.Session(profile_name=profile)
        client: S3Client = session.client("s3", region_name=region, endpoint_url=endpoint_url)
    return client


@contextmanager
def s3_calls(action: str, where: str) -> Iterator[None]:
    """Turn botocore's exceptions into S3CallError, keeping the service's error code."""
    exceptions = importlib.import_module("botocore.exceptions")
    try:
        yield
    except exceptions.ClientError as exc:
        error = exc.response.get("Error", {})
        code = str(
            error.get("Code") or exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        )
        raise S3CallError(
            f"cannot {action} at {where}: {code}",
            code=code,
            detail=str(error.get("Message", exc)),
            hint=_hint_for(code),
        ) from exc
    except exceptions.BotoCoreError as exc:
        raise S3CallError(
            f"cannot {action} at {where}",
            code=type(exc).__name__,
            detail=str(exc),
            hint="check the endpoint_url, region and AWS credentials (profile or environment)",
        ) from exc


def _hint_for(code: str) -> str:
    if code in ("AccessDenied", "403"):
        return "the credentials lack s3:GetObject/PutObject/DeleteObject on this bucket and key"
    if code == "NoSuchBucket":
        return "create the bucket first, or fix `backend.bucket` in the config"
    return ""


_PROBED: set[tuple[str, str]] = set()
_PROBE_LOCK = threading.Lock()


def ensure_conditional_writes(client: S3Client, bucket: str, key: str, endpoint: str) -> None:
    """Refuse an endpoint that ignores ``If-None-Match: *`` (its locks would not exclude).

    Writes a probe object next to ``key`` twice with ``IfNoneMatch="*"``: the second write
    must be refused. The verdict is cached per (endpoint, bucket) for the process.
    """
    with _PROBE_LOCK:
        if (endpoint, bucket) in _PROBED:
            return
        _probe(client, bucket, f"{key}.probe-{uuid.uuid4().hex}", endpoint)
        _PROBED.add((endpoint, bucket))


def _probe(client: S3Client, bucket: str, probe_key: str, endpoint: str) -> None:
    where = f"s3://{bucket}/{probe_key}"
    try:
        with s3_calls("write the conditional-write probe", where):
            client.put_object(Bucket=bucket, Key=probe_key, Body=b"probe", IfNoneMatch="*")
        try:
            with s3_calls("write the conditional-write probe again", where):
                client.put_object(Bucket=bucket, Key=probe_key, Body=b"probe", IfNoneMatch="*")
        except S3CallError as exc:
            if exc.is_precondition_failed:
                return
            raise _unsafe_endpoint(
                endpoint, f"the second probe write failed with {exc.code}"
            ) from exc
        raise _unsafe_endpoint(endpoint, "a second write with If-None-Match: * succeeded")
    finally:
        with s3_calls("delete the conditional-write probe", where):
            client.delete_object(Bucket=bucket, Key=probe_key)


def _unsafe_endpoint(endpoint: str, observed: str) -> StateError:
    return StateError(
        f"the S3 endpoint {endpoint} ignores conditional writes; refusing to keep state there",
        detail=f"{observed}, so two runs could both take the lock and overwrite each other",
        hint="use AWS S3 or a server that honours If-None-Match/If-Match (e.g. SeaweedFS), "
        "or the local backend",
    )
