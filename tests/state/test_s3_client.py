"""botocore errors -> S3CallError, and the conditional-write probe (moto over HTTP)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config

from data_iac.state.s3_client import S3CallError, ensure_conditional_writes, s3_calls


def test_a_service_error_keeps_its_code_and_gets_a_hint(s3_client: Any) -> None:
    with pytest.raises(S3CallError) as caught, s3_calls("read", "s3://nope/k"):
        s3_client.get_object(Bucket="no-such-bucket-anywhere", Key="k")
    assert caught.value.code == "NoSuchBucket"
    assert "s3://nope/k" in caught.value.summary
    assert "create the bucket" in caught.value.hint


def test_a_missing_key_is_recognised(s3_client: Any, bucket: str) -> None:
    with pytest.raises(S3CallError) as caught, s3_calls("read", "x"):
        s3_client.get_object(Bucket=bucket, Key="missing")
    assert caught.value.is_not_found


def test_an_unreachable_endpoint_is_a_state_error() -> None:
    client = boto3.client(
        "s3",
        endpoint_url="http://127.0.0.1:9",  # discard port: nothing listens
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=1),
    )
    with pytest.raises(S3CallError, match="cannot read") as caught, s3_calls("read", "x"):
        client.get_object(Bucket="b", Key="k")
    assert "endpoint_url" in caught.value.hint


def test_the_probe_passes_on_moto_and_leaves_nothing(s3_client: Any, bucket: str) -> None:
    ensure_conditional_writes(s3_client, bucket, "k.json", "moto")
    ensure_conditional_writes(s3_client, bucket, "k.json", "moto")  # cached: no new probe
    assert s3_client.list_objects_v2(Bucket=bucket).get("KeyCount") == 0
