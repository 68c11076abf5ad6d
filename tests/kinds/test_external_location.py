"""databricks_external_location: the generic handler over ``w.external_locations``.

Emulator facts and sources: name, url and credential_name are required (positional in
``catalog.ExternalLocationsAPI.create``; databricks/cli ``libs/testserver/
external_locations.go`` @4c26bb6 refuses a missing url); the credential must exist (404
``STORAGE_CREDENTIAL_DOES_NOT_EXIST``, databricks-sdk ``apps.ErrorCode``); immutable fields
from databricks/cli ``bundle/direct/dresources/configs/external_locations.yml`` @c56b990.
"""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.generic import GenericHandler
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_external_location"
ADDRESS = Address(KIND, "landing")
SPEC = {"name": "landing", "url": "s3://lake/landing", "credential_name": "lake-role"}


@pytest.fixture
def handler(dbx: DatabricksClient) -> GenericHandler:
    credentials = GenericHandler(dbx, spec_of("databricks_storage_credential"))
    credentials.create(
        Address("databricks_storage_credential", "lake"),
        {"name": "lake-role", "aws_iam_role": {"role_arn": "arn:aws:iam::1:role/lake"}},
    )
    return GenericHandler(dbx, spec_of(KIND))


def test_lifecycle(handler: GenericHandler) -> None:
    changed = {**SPEC, "comment": "raw files", "read_only": True, "url": "s3://lake/landing2"}
    run_lifecycle(handler, ADDRESS, SPEC, changed)


def test_needs_an_existing_credential(handler: GenericHandler) -> None:
    with pytest.raises(ResourceNotFound, match="Storage Credential 'nope' does not exist"):
        handler.create(ADDRESS, {**SPEC, "credential_name": "nope"})
    assert "credential_name" in spec_of(KIND).immutable  # the name renames in place
    assert spec_of(KIND).refers == {"credential_name": "databricks_storage_credential"}
