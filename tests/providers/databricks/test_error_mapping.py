"""The SDK's errors become ours: classified by base class, code and message (7.A)."""

from __future__ import annotations

import pytest

from data_iac.errors import (
    ProviderError,
    ProviderPermissionError,
    ProviderUnavailable,
    RemoteConflictError,
    ResourceAlreadyExists,
    ResourceNotFound,
)
from data_iac.providers.databricks.error_mapping import map_error
from tests.providers.databricks.faults import fail_every_call


@pytest.mark.parametrize(
    ("status", "code", "message", "expected"),
    [
        (404, "CATALOG_DOES_NOT_EXIST", "Catalog 'x' does not exist.", ResourceNotFound),
        (400, "INVALID_PARAMETER_VALUE", "Job 1 does not exist.", ResourceNotFound),
        (400, "CATALOG_ALREADY_EXISTS", "Catalog 'x' already exists", ResourceAlreadyExists),
        (400, "RESOURCE_ALREADY_EXISTS", "Scope s already exists!", ResourceAlreadyExists),
        (409, "ABORTED", "concurrent update", RemoteConflictError),
        (401, 401, "Credential was not sent", ProviderPermissionError),
        (500, "INTERNAL_ERROR", "boom", ProviderUnavailable),
        (400, "INVALID_PARAMETER_VALUE", "bad name", ProviderError),
    ],
)
def test_error_mapping(emulator, dbx, status, code, message, expected) -> None:
    fail_every_call(emulator, status, {"error_code": code, "message": message})
    with pytest.raises(expected) as caught:
        dbx.call("unity-catalog", dbx.w.catalogs.get, "x", address="databricks_catalog.x")
    assert type(caught.value) is expected
    assert caught.value.status is not None
    assert caught.value.platform == "databricks"
    assert caught.value.__cause__ is not None


def test_non_platform_errors_are_left_alone() -> None:
    assert map_error(KeyError("x")) is None
    assert map_error(ResourceNotFound("already ours")) is None


def test_connection_errors_are_unavailable() -> None:
    import requests

    mapped = map_error(requests.ConnectionError("refused"), host="http://h", address="a.b")
    assert isinstance(mapped, ProviderUnavailable) and "http://h" in mapped.summary
