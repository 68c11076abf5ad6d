"""databricks_secret_acl through the real SDK."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks import secret_acls
from data_iac.providers.databricks.client import DatabricksClient
from tests.providers.databricks.lifecycle import run_lifecycle

ADDRESS = Address("databricks_secret_acl", "etl.data-eng")


def test_lifecycle(dbx: DatabricksClient) -> None:
    dbx.w.secrets.create_scope("etl")
    handler = secret_acls.Handler(dbx)
    spec = secret_acls.normalize_spec(
        {"scope": "etl", "principal": "data-eng", "permission": "read"}
    )
    changed = {**spec, "permission": "WRITE"}
    assert run_lifecycle(handler, ADDRESS, spec, changed).remote_id == "etl/data-eng"


def test_bad_permission_and_list(dbx: DatabricksClient) -> None:
    dbx.w.secrets.create_scope("etl")
    handler = secret_acls.Handler(dbx)
    with pytest.raises(ProviderError, match="READ, WRITE or MANAGE"):
        handler.create(ADDRESS, {"scope": "etl", "principal": "x", "permission": "OWN"})
    handler.create(ADDRESS, {"scope": "etl", "principal": "data-eng", "permission": "READ"})
    listed = {a.key: o.attributes["permission"] for a, o in handler.list({"scope": "etl"})}
    assert listed == {"etl/data-eng": "READ", "etl/emulator-user@example.com": "MANAGE"}
