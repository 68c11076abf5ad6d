"""S3 fixtures: one moto server on 127.0.0.1 per session, real boto3 over HTTP.

Imported by tests/state/conftest.py and by CLI tests that need S3."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from moto.server import ThreadedMotoServer

REGION = "us-east-1"


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    # werkzeug logs every request at INFO; the suite makes thousands.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dummy credentials in the environment, for code that builds its own boto3 client."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.delenv("AWS_PROFILE", raising=False)


@pytest.fixture(scope="session")
def s3_client(moto_endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        # 16 lock contenders share this client; the default pool of 10 would churn sockets.
        config=Config(max_pool_connections=32),
    )


@pytest.fixture
def bucket(s3_client: Any) -> str:
    """A fresh, empty bucket per test, so tests never see each other's objects."""
    name = f"state-{uuid.uuid4().hex[:12]}"
    s3_client.create_bucket(Bucket=name)
    return name
