"""databricks_secret: values go in, never come back, through the real SDK."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.providers.databricks import secrets
from data_iac.providers.databricks.client import DatabricksClient
from tests.providers.databricks.lifecycle import run_lifecycle

ADDRESS = Address("databricks_secret", "etl.token")


def test_lifecycle(dbx: DatabricksClient) -> None:
    dbx.w.secrets.create_scope("etl")
    handler = secrets.Handler(dbx)
    spec = {"scope": "etl", "key": "token", "string_value": "s3cr3t"}
    changed = {**spec, "string_value": "other"}
    assert handler.schema.write_only >= {"string_value"}
    assert handler.schema.sensitive >= {"string_value"}
    created = run_lifecycle(handler, ADDRESS, spec, changed)
    assert created.remote_id == "etl/token"
    assert "string_value" not in created.attributes
    assert "s3cr3t" not in repr(created)


def test_missing_scope_reads_none_and_list(dbx: DatabricksClient) -> None:
    handler = secrets.Handler(dbx)
    assert handler.read(ADDRESS, "nope/token") is None
    dbx.w.secrets.create_scope("etl")
    handler.create(ADDRESS, {"scope": "etl", "key": "b", "string_value": "1"})
    handler.create(ADDRESS, {"scope": "etl", "key": "a", "bytes_value": "MQ=="})
    assert [a.key for a, _ in handler.list({"scope": "etl"})] == ["etl/a", "etl/b"]


def test_update_puts_the_new_value(dbx: DatabricksClient) -> None:
    dbx.w.secrets.create_scope("etl")
    handler = secrets.Handler(dbx)
    first = handler.create(ADDRESS, {"scope": "etl", "key": "token", "string_value": "a"})
    second = handler.update(ADDRESS, first, {"scope": "etl", "key": "token", "string_value": "b"})
    stamp = "last_updated_timestamp"
    assert second.attributes[stamp] > first.attributes[stamp]
