"""docs/kinds.md is written from the records and must not go stale."""

from __future__ import annotations

from pathlib import Path

from data_iac.kinds import all_specs
from data_iac.kinds.reference import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "kinds.md"


def test_checked_in_kind_reference_is_fresh() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/kinds.md is stale: run `python -m data_iac.kinds.reference`"
    )


def test_every_kind_with_a_handler_names_its_import_id() -> None:
    missing = [s.kind for s in all_specs().values() if (s.handler or s.api) and not s.import_id]
    assert missing == []
