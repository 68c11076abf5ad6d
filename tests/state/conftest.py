"""Fixtures for the state tests (defined in s3_server.py, shared with tests/cli)."""

from tests.state.s3_server import aws_credentials, bucket, moto_endpoint, s3_client

__all__ = ["aws_credentials", "bucket", "moto_endpoint", "s3_client"]
