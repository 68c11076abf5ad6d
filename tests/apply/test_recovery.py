"""Crash recovery on the fakes: a crash at any point of an apply is resolved by lookup."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.journal import Intent, Journal, MemoryJournal
from data_iac.apply.recovery import locate, natural_id_from_identity, resolve_pending
from data_iac.model.plan import Action, ResourceChange
from data_iac.model.state import StateSnapshot
from data_iac.planning.planner import make_plan
from tests.apply.scripted import NO_WAIT, Crash, Script, platform_view, scripted_handlers
from tests.fakes import FakePlatform, MemoryState, desired, schema_of, thing

CONFIG = desired(thing("a"), thing("b", ("a",)), thing("c", ("b",)), thing("x"), thing("y"))


def _apply(
    state: MemoryState, platform: FakePlatform, journal: Journal, script: Script, config=CONFIG
):
    plan = make_plan(config, state.current, schema_of)
    options = ApplyOptions(parallelism=2, journal=journal, retry=NO_WAIT)
    return apply_plan(
        plan, scripted_handlers(platform, script), state.current, state.write, options
    )


def _recover(state: MemoryState, platform: FakePlatform, journal: Journal):
    return resolve_pending(
        journal, state.current, scripted_handlers(platform, Script()), state.write
    )


def _assert_state_matches_platform(state: MemoryState, platform: FakePlatform) -> None:
    assert {e.remote_id for e in state.current.resources.values()} == set(platform.objects)


@pytest.mark.parametrize("mode", ["crash_before", "crash_after"])
@pytest.mark.parametrize("at", range(1, 6))
def test_a_crash_at_any_call_is_resolved_and_the_rerun_converges(at: int, mode: str) -> None:
    platform, state, journal = FakePlatform(), MemoryState(), Journal(MemoryJournal())
    with pytest.raises(Crash):
        _apply(state, platform, journal, Script(at, mode))
    assert journal.pending(), "the crashed action's intent must still be open"
    _, resolutions = _recover(state, platform, journal)
    outcome = "adopted" if mode == "crash_after" else "forgotten"
    assert outcome in {r.outcome for r in resolutions}
    assert not journal.pending()
    _assert_state_matches_platform(state, platform)
    assert _apply(state, platform, journal, Script()).ok
    assert set(platform.objects) == {f"id-{k}" for k in "abcxy"}
    assert make_plan(CONFIG, state.current, schema_of).is_empty


def test_a_crashed_delete_that_landed_is_forgotten() -> None:
    platform, state, journal = FakePlatform(), MemoryState(), Journal(MemoryJournal())
    assert _apply(state, platform, journal, Script()).ok
    with pytest.raises(Crash):
        _apply(state, platform, journal, Script(1, "crash_after"), desired(thing("a")))
    _recover(state, platform, journal)
    _assert_state_matches_platform(state, platform)
    assert _apply(state, platform, journal, Script(), desired(thing("a"))).ok
    assert set(platform.objects) == {"id-a"}


def test_an_ambiguous_failure_after_landing_is_adopted_not_retried_into_a_duplicate() -> None:
    platform, state, journal = FakePlatform(), MemoryState(), Journal(MemoryJournal())
    result = _apply(state, platform, journal, Script(1, "fail_after"), desired(thing("a")))
    assert result.ok
    assert set(platform.objects) == {"id-a"}
    assert not journal.pending()
    _assert_state_matches_platform(state, platform)


def test_a_failed_create_that_landed_is_recorded_in_state() -> None:
    platform, state, journal = FakePlatform(), MemoryState(), Journal(MemoryJournal())
    script = Script(1, "break_after")
    options = ApplyOptions(journal=journal, retry=NO_WAIT)
    plan = make_plan(desired(thing("a")), state.current, schema_of)
    result = apply_plan(
        plan, scripted_handlers(platform, script), state.current, state.write, options
    )
    assert not result.ok
    assert {str(a) for a in state.current.resources} == {"fake_thing.a"}
    _assert_state_matches_platform(state, platform)


def test_resolution_without_pending_intents_writes_nothing() -> None:
    platform, state, journal = FakePlatform(), MemoryState(), Journal(MemoryJournal())
    resolved, resolutions = _recover(state, platform, journal)
    assert resolved == state.current and resolutions == []
    assert len(state.snapshots) == 1


def test_locate_prefers_the_address_tag_then_the_natural_id() -> None:
    class Tagged:
        schema = schema_of("fake_thing")

        def find_by_address(self, address: Address, spec: object = None):
            return None

        def read(self, address: Address, remote_id: str):
            raise AssertionError("a tagged create is looked up by its tag only")

    change = ResourceChange(Address("fake_thing", "a"), Action.CREATE, None, {"name": "a"})
    intent = Intent.for_change(change, {"name": "a"}, None)
    assert intent.identity == {"name": "a", "address_tag": "fake_thing.a"}
    assert locate(Tagged(), intent) is None  # type: ignore[arg-type]


def test_locate_passes_the_recorded_identity_to_the_lookup() -> None:
    """A SCIM group is found by its display name, which only the intent knows after a
    crash (the group has no tag): without it, a landed create was never found again."""
    from data_iac.model.resource import Observed

    class ByName:
        schema = schema_of("fake_thing")

        def find_by_address(self, address: Address, spec: object = None):
            name = spec.get("display_name") if isinstance(spec, dict) else None
            return Observed("g-17", {"display_name": name}) if name == "engineers" else None

        def read(self, address: Address, remote_id: str):
            raise AssertionError("looked up by its name only")

    change = ResourceChange(Address("fake_thing", "eng"), Action.CREATE, None, {})
    intent = Intent.for_change(change, {"display_name": "engineers"}, None)
    found = locate(ByName(), intent)  # type: ignore[arg-type]
    assert found is not None and found.remote_id == "g-17"


def test_natural_ids_follow_each_platform_convention() -> None:
    assert natural_id_from_identity("dataiku_project", {"project_key": "P"}) == "P"
    assert natural_id_from_identity("dataiku_dataset", {"project_key": "P", "name": "d"}) == "P.d"
    assert (
        natural_id_from_identity("databricks_schema", {"catalog_name": "c", "name": "s"}) == "c.s"
    )
    assert natural_id_from_identity("databricks_notebook", {"path": "/x"}) == "/x"
    assert natural_id_from_identity("databricks_catalog", {"address_tag": "t"}) is None


def test_empty_state_snapshot_is_not_rewritten_by_recovery() -> None:
    journal = Journal(MemoryJournal())
    snapshot = StateSnapshot.empty()
    written: list[StateSnapshot] = []
    assert resolve_pending(journal, snapshot, {}, written.append) == (snapshot, [])
    assert written == []
    assert platform_view(FakePlatform()) == {}


@pytest.mark.parametrize(
    ("kind", "spec", "remote_id"),
    [
        (
            "databricks_secret",
            {"scope": "etl", "key": "password", "string_value": "x"},
            "etl/password",
        ),
        (
            "databricks_secret_acl",
            {"scope": "etl", "principal": "eng", "permission": "READ"},
            "etl/eng",
        ),
        ("databricks_schema", {"catalog_name": "main", "name": "raw"}, "main.raw"),
        ("dataiku_recipe", {"project_key": "P", "name": "clean"}, "P.clean"),
    ],
)
def test_recovery_reads_a_crashed_create_by_its_kind_records_natural_key(
    kind: str, spec: dict[str, str], remote_id: str
) -> None:
    """Secrets and secret ACLs have no tag and no name of their own: the kind record's
    identity (scope, key / principal) is what a crashed create is found by."""
    from data_iac.model.resource import Observed

    asked: list[str] = []

    class ById:
        def read(self, address: Address, remote_id: str):
            asked.append(remote_id)
            return Observed(remote_id, {})

    change = ResourceChange(
        Address(kind, "k"), Action.CREATE, None, spec, sensitive=("string_value",)
    )
    intent = Intent.for_change(change, spec, None)
    assert "string_value" not in intent.identity
    found = locate(ById(), intent)  # type: ignore[arg-type]
    assert found is not None and asked == [remote_id]
