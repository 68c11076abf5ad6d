"""databricks_storage_credential: the generic handler over ``w.storage_credentials``.

Emulator facts and sources: one cloud identity exactly (``catalog.StorageCredentialsAPI``
docstring); duplicate -> 400 ``STORAGE_CREDENTIAL_ALREADY_EXISTS`` and missing -> 404
``STORAGE_CREDENTIAL_DOES_NOT_EXIST`` (databricks-sdk ``apps.ErrorCode``; wording from
terraform-provider-databricks issue 3011 "Storage Credential 'xxx' already exists").
"""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError, ResourceAlreadyExists
from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.generic import GenericHandler
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_storage_credential"
ADDRESS = Address(KIND, "lake")
SPEC = {"name": "lake-role", "aws_iam_role": {"role_arn": "arn:aws:iam::1:role/lake"}}


@pytest.fixture
def handler(dbx: DatabricksClient) -> GenericHandler:
    return GenericHandler(dbx, spec_of(KIND))


def test_lifecycle(handler: GenericHandler) -> None:
    changed = {**SPEC, "comment": "the lake", "read_only": True}
    created = run_lifecycle(handler, ADDRESS, SPEC, changed)
    assert created.remote_id == "lake-role"
    assert created.attributes["owner"]  # server-set


def test_duplicate_and_identity_rules(handler: GenericHandler) -> None:
    handler.create(ADDRESS, SPEC)
    with pytest.raises(ResourceAlreadyExists, match="already exists"):
        handler.create(Address(KIND, "again"), SPEC)
    with pytest.raises(ProviderError, match="Exactly one of"):
        handler.create(Address(KIND, "none"), {"name": "no-identity"})
    assert [a.key for a, _ in handler.list({})] == ["lake-role"]
