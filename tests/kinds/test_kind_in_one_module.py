"""Adding a kind is one module: ``databricks_widget`` (tests/kinds/widget/kind.py) is
declared only in the test directory, yet a stack using it validates, plans, applies, plans
empty after a refresh, plans an update when changed, and is destroyed, through the real SDK
over HTTP against the emulator serving its collection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.apply.engine import apply_plan
from data_iac.config import load_config
from data_iac.emulator import Emulator
from data_iac.emulator.databricks import service_with
from data_iac.emulator.dataiku import make_service as dataiku_service
from data_iac.kinds import registered, spec_of
from data_iac.model.plan import Action, Plan
from data_iac.model.resource import DesiredState
from data_iac.model.state import StateSnapshot
from data_iac.planning.planner import PlanOptions, make_plan
from data_iac.providers.databricks import handlers_for
from data_iac.providers.databricks.client import connect
from data_iac.refresh.bulk import bulk_refresh
from tests.kinds.widget.kind import COLLECTION, KIND, SPEC

STACK = """
name: widgets
resources:
  widgets:
    w1: {color: red}
    w2: {name: second, color: blue, size: 3}
"""


@pytest.fixture
def workspace(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    for name in ("DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_CONFIG_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    with (
        registered(SPEC),
        Emulator(services=[service_with(COLLECTION.routes), dataiku_service]) as emu,
    ):
        yield emu


def _desired(tmp_path: Path, text: str) -> DesiredState:
    (tmp_path / "stack.yaml").write_text(text)
    return load_config(tmp_path / "stack.yaml").desired


def _plan(desired: DesiredState, state: StateSnapshot, handlers: dict) -> Plan:
    observed = bulk_refresh(state, handlers).observed if state.resources else None
    return make_plan(desired, state, spec_of, PlanOptions(observed=observed))


def test_a_kind_defined_only_in_tests_plans_applies_and_plans_empty(
    workspace: Emulator, tmp_path: Path
) -> None:
    client = connect({"host": workspace.url, "token": "dapi-test", "rate_limit": 0})
    handlers = handlers_for(client, [spec_of(KIND)])
    desired = _desired(tmp_path, STACK)
    assert set(desired.resources) == {Address(KIND, "w1"), Address(KIND, "w2")}

    state = StateSnapshot.empty()
    first = _plan(desired, state, handlers)
    assert {c.action for c in first.changes} == {Action.CREATE}
    saved: list[StateSnapshot] = []
    result = apply_plan(first, handlers, state, saved.append)
    assert result.ok
    state = result.final_state
    assert state.resources[Address(KIND, "w1")].attributes["name"] == "w1"  # name defaults to key
    assert state.resources[Address(KIND, "w1")].attributes["size"] == 1  # backend default

    assert _plan(desired, state, handlers).is_empty

    changed = _desired(tmp_path, STACK.replace("color: red", "color: green"))
    update = _plan(changed, state, handlers)
    assert [(str(c.address), c.action) for c in update.changes if c.action is not Action.NOOP] == [
        (f"{KIND}.w1", Action.UPDATE)
    ]
    state = apply_plan(update, handlers, state, saved.append).final_state
    assert _plan(changed, state, handlers).is_empty

    destroy = make_plan(changed, state, spec_of, PlanOptions(destroy=True))
    assert apply_plan(destroy, handlers, state, saved.append).final_state.resources == {}
    assert list(handlers[KIND].list({})) == []
