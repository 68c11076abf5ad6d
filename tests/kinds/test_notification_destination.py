"""databricks_notification_destination on the emulator (facts: ``settings`` config types in
databricks-sdk: one destination type per config, ``destination_type`` derived, a Slack
URL answered as ``url_set: true``)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for

KIND = "databricks_notification_destination"
ADDRESS = Address(KIND, "oncall")
SPEC = {"display_name": "oncall", "config": {"slack": {"url": "https://hooks.slack/x"}}}


def test_secret_url_is_never_answered(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    created = handler.create(ADDRESS, SPEC)
    assert created.attributes["destination_type"] == "SLACK"
    assert created.attributes["config"] == {"slack": {"url_set": True}}
    assert "config" in spec_of(KIND).sensitive  # compared by digest, never shown
    email = {"display_name": "oncall", "config": {"email": {"addresses": ["a@example.com"]}}}
    updated = handler.update(ADDRESS, created, email)
    assert updated.attributes["config"] == email["config"]
    handler.delete(ADDRESS, updated)
    assert handler.read(ADDRESS, created.remote_id) is None


def test_one_destination_type(dbx: DatabricksClient) -> None:
    with pytest.raises(ProviderError, match="exactly one"):
        handler_for(dbx, KIND).create(
            ADDRESS,
            {
                "display_name": "x",
                "config": {"email": {"addresses": ["a@b.c"]}, "slack": {"url": "https://s"}},
            },
        )
