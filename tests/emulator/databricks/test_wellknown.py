"""Host metadata: the SDK reads it while building its Config."""
# ruff: noqa: F811 - pytest fixtures imported from core_fixtures are parameters here

from __future__ import annotations

from tests.emulator.databricks.core_fixtures import (  # noqa: F401 - fixtures
    _core_emulator,
    core,
    cw,
)
from tests.emulator.databricks.fidelity import capture


def test_metadata_sets_the_workspace_id_header(core, cw) -> None:
    assert cw.config.workspace_id == "1234567890123456"
    sent = capture(core)
    cw.secrets.create_scope("sc")
    assert [r.header("X-Databricks-Workspace-Id") for r in sent] == ["1234567890123456"]


def test_metadata_needs_no_credentials(core) -> None:
    import json
    from urllib.request import urlopen

    with urlopen(f"{core.url}/.well-known/databricks-config") as response:
        body = json.loads(response.read())
    assert body["cloud"] == "aws" and body["workspace_id"] == "1234567890123456"
    assert body["oidc_endpoint"].endswith("/oidc")
