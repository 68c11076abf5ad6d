"""The CLI's presentation of errors: errors carry data, cli/failure.py makes text and codes."""

from __future__ import annotations

from data_iac.cli.failure import exit_code_for, render_diagnostic, render_error
from data_iac.errors import (
    ApplyError,
    ConfigError,
    ConfigValidationError,
    DataIacError,
    Diagnostic,
    InterruptedByUser,
    SourceLocation,
    StateLockedError,
)
from data_iac.state.backend import LockInfo


def test_an_interrupt_exits_130_and_every_other_error_1() -> None:
    assert exit_code_for(InterruptedByUser("stopped")) == 130
    assert exit_code_for(ConfigError("bad")) == 1
    assert exit_code_for(StateLockedError(LockInfo(operation="apply"))) == 1


def test_errors_carry_no_presentation() -> None:
    assert not hasattr(DataIacError("x"), "render")
    assert not hasattr(DataIacError, "exit_code")
    assert not hasattr(Diagnostic("x"), "render")


def test_a_located_diagnostic_renders_path_location_and_hint() -> None:
    problem = Diagnostic("unknown key", "project.colour", SourceLocation("p.yml", 3, 5), "color?")
    assert render_diagnostic(problem).splitlines() == [
        "error: project.colour: unknown key",
        "  --> p.yml:3:5",
        "  hint: color?",
    ]


def test_many_diagnostics_render_each_then_the_summary() -> None:
    error = ConfigValidationError([Diagnostic("a", "x"), Diagnostic("b", "y")])
    assert error.diagnostics == [Diagnostic("a", "x"), Diagnostic("b", "y")]
    assert render_error(error) == "error: x: a\n\nerror: y: b\n\n2 problems in the configuration"


def test_a_plain_error_renders_summary_detail_and_hint() -> None:
    error = DataIacError("it failed", detail="because", hint="try again")
    assert render_error(error) == "error: it failed\nbecause\nhint: try again"


def test_a_lock_error_carries_its_holder() -> None:
    holder = LockInfo(operation="apply", id="abc")
    error = StateLockedError(holder)
    assert error.holder is holder
    assert "iac state unlock abc" in render_error(error)


def test_an_apply_error_is_still_one_tree() -> None:
    assert issubclass(ApplyError, DataIacError)
    assert issubclass(ConfigValidationError, ValueError)
