"""The intent journal: durable intents, done marks, torn lines, where it lives."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.apply.journal import FileJournal, Intent, Journal, MemoryJournal, journal_for
from data_iac.errors import StateCorruptError
from data_iac.model.plan import Action, ResourceChange
from data_iac.state.local import LocalBackend


def _intent(key: str, action: Action = Action.CREATE) -> Intent:
    change = ResourceChange(
        Address("fake_thing", key),
        action,
        None,
        {"name": key},
        sensitive=("secret",),
        dependencies=(Address.parse("fake_thing.z"),),
    )
    return Intent.for_change(change, {"name": key, "secret": "hunter2"}, None)


def test_pending_lists_intents_not_marked_done(tmp_path: Path) -> None:
    journal = Journal(FileJournal(tmp_path / "s.json.journal"))
    first, second = journal.begin(_intent("a")), journal.begin(_intent("b"))
    journal.finish(first)
    assert [str(i.address) for i in journal.pending()] == ["fake_thing.b"]
    assert journal.pending()[0] == second
    journal.clear()
    assert journal.pending() == []


def test_secrets_never_reach_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "j"
    Journal(FileJournal(path)).begin(_intent("a"))
    text = path.read_text()
    assert "hunter2" not in text and '"address_tag": "fake_thing.a"' in text


def test_a_torn_last_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "j"
    journal = Journal(FileJournal(path))
    journal.begin(_intent("a"))
    with path.open("a") as handle:
        handle.write('{"type": "intent", "id": "x", "addr')
    assert [str(i.address) for i in journal.pending()] == ["fake_thing.a"]


def test_the_local_backend_keeps_its_journal_beside_the_state_file(tmp_path: Path) -> None:
    journal = journal_for(LocalBackend(tmp_path / "dev.json"))
    assert isinstance(journal.store, FileJournal)
    assert journal.store.path == tmp_path / "dev.json.journal"
    journal.begin(_intent("a"))
    assert [str(i.address) for i in journal_for(LocalBackend(tmp_path / "dev.json")).pending()] == [
        "fake_thing.a"
    ]


def test_any_backend_gives_the_journal_its_own_store() -> None:
    class OwnJournal:
        def journal(self) -> MemoryJournal:
            return MemoryJournal()

    assert isinstance(journal_for(OwnJournal()).store, MemoryJournal)


def test_intents_round_trip_through_json() -> None:
    intent = _intent("a", Action.DELETE)
    assert Intent.from_json(intent.to_json()) == intent


def test_a_damaged_line_before_the_last_is_reported_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "j"
    journal = Journal(FileJournal(path))
    journal.begin(_intent("a"))
    with path.open("a") as handle:
        handle.write("{garbage\n")
    journal.begin(_intent("b"))
    with pytest.raises(StateCorruptError, match=str(path)) as caught:
        journal.pending()
    assert "line 2" in caught.value.detail


def test_a_complete_record_of_the_wrong_shape_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "j"
    path.write_text('{"type": "intent", "id": "x", "address": "nodot"}\n[1]\n')
    with pytest.raises(StateCorruptError, match="damaged"):
        Journal(FileJournal(path)).pending()
    path.write_text('{"type": "intent", "id": "x", "address": "nodot"}\n')
    with pytest.raises(StateCorruptError) as caught:
        Journal(FileJournal(path)).pending()
    assert "intent 'x' is malformed" in caught.value.detail
