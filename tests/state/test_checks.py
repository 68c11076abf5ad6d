"""The successor rule every backend applies before storing a snapshot."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from data_iac.errors import StateConflictError
from data_iac.model.state import StateSnapshot
from data_iac.state.checks import UNREADABLE_LOCK_ID, check_successor, unreadable_lock


def test_anything_may_be_the_first_state() -> None:
    check_successor(None, StateSnapshot(lineage="L", serial=0), "here")


def test_a_greater_serial_of_the_same_lineage_is_accepted() -> None:
    check_successor(StateSnapshot(lineage="L", serial=1), StateSnapshot(lineage="L", serial=2), "x")


@pytest.mark.parametrize(
    ("lineage", "serial", "message"), [("M", 9, "another lineage"), ("L", 1, "serial 1 over")]
)
def test_refusals_name_the_location(lineage: str, serial: int, message: str) -> None:
    with pytest.raises(StateConflictError, match=message) as caught:
        check_successor(
            StateSnapshot(lineage="L", serial=1),
            StateSnapshot(lineage=lineage, serial=serial),
            "here",
        )
    assert "here" in caught.value.summary


def test_an_unreadable_lock_is_already_expired() -> None:
    when = datetime(2026, 1, 1, tzinfo=UTC)
    info = unreadable_lock("here", when)
    assert info.id == UNREADABLE_LOCK_ID
    assert info.is_expired(when)
