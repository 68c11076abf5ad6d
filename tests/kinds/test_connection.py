"""databricks_connection: the generic handler over ``w.connections``.

Emulator facts and sources: ``name``, ``connection_type`` and ``options`` are required
(positional in ``catalog.ConnectionsAPI.create``); ``connection_type`` is one of
``catalog.ConnectionType``; update takes only ``options``, ``owner``, ``new_name`` and
``environment_settings`` (``catalog.ConnectionsAPI.update``); credentials in ``options``
are never answered back.
"""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.generic import GenericHandler

KIND = "databricks_connection"
ADDRESS = Address(KIND, "pg")
OPTIONS = {"host": "db.example.com", "port": "5432", "user": "etl", "password": "s3cret"}
SPEC = {"name": "pg", "connection_type": "POSTGRESQL", "options": OPTIONS}


@pytest.fixture
def handler(dbx: DatabricksClient) -> GenericHandler:
    return GenericHandler(dbx, spec_of(KIND))


def test_password_is_stored_but_never_answered(handler: GenericHandler) -> None:
    created = handler.create(ADDRESS, SPEC)
    assert created.attributes["options"] == {k: v for k, v in OPTIONS.items() if k != "password"}
    assert {"options"} <= spec_of(KIND).sensitive & spec_of(KIND).write_only
    updated = handler.update(ADDRESS, created, {**SPEC, "options": {**OPTIONS, "port": "5433"}})
    assert updated.attributes["options"]["port"] == "5433"
    handler.delete(ADDRESS, updated)
    assert handler.read(ADDRESS, "pg") is None


def test_unknown_connection_type_is_refused(handler: GenericHandler) -> None:
    with pytest.raises(ProviderError, match="'connection_type': 'FLOPPY' is not a valid"):
        handler.create(ADDRESS, {**SPEC, "connection_type": "FLOPPY"})
