"""References to attributes their target does not have are located errors at plan time."""

from __future__ import annotations

from dataclasses import replace

import pytest

from data_iac.addresses import Address
from data_iac.errors import ConfigValidationError, SourceLocation
from data_iac.model.references import canonical_reference
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.planning.planner import make_plan
from tests.fakes import desired, schema_of, thing

A = Address("fake_thing", "a")
WHERE = SourceLocation("stack.yaml", 7, 5)


def _state() -> StateSnapshot:
    entry = ResourceState("fake_thing", "r-a", {"name": "a", "path": "/x"})
    return StateSnapshot.empty().with_resource(A, entry)


def _referring(attr: str):  # type: ignore[no-untyped-def]
    b = thing("b", ("a",), note=canonical_reference(A, attr))
    return replace(b, location=WHERE)


def test_an_attribute_the_target_does_not_have_is_a_located_error() -> None:
    with pytest.raises(ConfigValidationError) as caught:
        make_plan(desired(thing("a", path="/x"), _referring("pth")), _state(), schema_of)
    [problem] = caught.value.diagnostics
    assert "fake_thing.a has no attribute 'pth'" in problem.message
    assert problem.location == WHERE and "did you mean 'path'" in problem.hint


@pytest.mark.parametrize("attr", ["path", "id", "name", "extra"])
def test_attributes_in_state_or_in_the_desired_spec_are_fine(attr: str) -> None:
    plan = make_plan(desired(thing("a", path="/x", extra=1), _referring(attr)), _state(), schema_of)
    assert plan.changes


def test_a_target_not_in_state_yet_is_not_judged() -> None:
    plan = make_plan(desired(thing("a"), _referring("anything")), StateSnapshot.empty(), schema_of)
    assert len(plan.changes) == 2
