"""The checked-in snapshot of the SDK's request shapes matches the installed SDK."""

from __future__ import annotations

from data_iac.config.stack.sdk_snapshot import SNAPSHOT, render


def test_the_snapshot_is_fresh() -> None:
    assert SNAPSHOT.read_text(encoding="utf-8") == render(), (
        "sdk_requests.json is stale: run `python -m data_iac.config.stack.sdk_snapshot`"
    )
