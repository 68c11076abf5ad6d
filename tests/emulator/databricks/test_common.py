"""Authentication answers shared by every Databricks route (platform-apis.md 7.B.10)."""

from __future__ import annotations

import pytest
from databricks.sdk.errors import PermissionDenied, Unauthenticated

from data_iac.emulator.server import Emulator, EmulatorOptions
from tests.emulator.databricks.core_fixtures import _service, client_for


def test_missing_token_is_401_and_wrong_token_403() -> None:
    with Emulator(options=EmulatorOptions(api_key="right"), services=[_service]) as emu:
        with pytest.raises(PermissionDenied, match=r"Invalid access token\.") as wrong:
            list(client_for(emu, "wrong").secrets.list_scopes())
        assert wrong.value.error_code == 403
        client = client_for(emu, "right")
        assert list(client.secrets.list_scopes()) == []
        with pytest.raises(Unauthenticated, match="Credential was not sent"):
            client.api_client.do("GET", "/api/2.0/secrets/scopes/list", auth=lambda r: r)
