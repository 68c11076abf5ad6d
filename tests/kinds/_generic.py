"""Shared by the per-kind tests: a generic handler for a kind on the test client."""

from __future__ import annotations

from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.generic import GenericHandler


def handler_for(client: DatabricksClient, kind: str) -> GenericHandler:
    return GenericHandler(client, spec_of(kind))
