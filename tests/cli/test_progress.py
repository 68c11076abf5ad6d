"""The apply progress views: live on a terminal, timestamped lines in CI, JSON lines."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from data_iac.addresses import Address
from data_iac.apply.result import ActionOutcome, OutcomeStatus
from data_iac.cli.views.output import Output
from data_iac.cli.views.progress import LiveProgressView, ProgressView, progress_view
from data_iac.model.plan import Action, ResourceChange

A = ResourceChange(Address("dataiku_project", "P"), Action.CREATE, None, {"name": "p"})
B = ResourceChange(Address("dataiku_dataset", "P.d"), Action.DELETE, {"name": "d"}, None)


def _output(*, terminal: bool, json_mode: bool = False) -> tuple[Output, io.StringIO]:
    out = Output(json_mode=json_mode, no_color=True)
    buffer = io.StringIO()
    out.console = Console(file=buffer, force_terminal=terminal, width=120, no_color=True)
    return out, buffer


def _run(view: ProgressView) -> None:
    view.on_apply_start(2)
    view.on_action_start(A)
    view.on_action_start(B)
    view.on_action_end(ActionOutcome(A.address, A.action, OutcomeStatus.DONE, duration_s=0.25))
    view.on_action_end(ActionOutcome(B.address, B.action, OutcomeStatus.FAILED, "boom", 0.5))


def test_a_terminal_gets_the_live_display_with_running_actions_and_a_bar() -> None:
    out, buffer = _output(terminal=True)
    with progress_view(out) as view:
        assert isinstance(view, LiveProgressView)
        view.on_apply_start(2)
        view.on_action_start(A)
        frame = Console(file=io.StringIO(), width=120)
        frame.print(view.frame())
        text = frame.file.getvalue()  # type: ignore[attr-defined]
        assert "dataiku_project.P" in text and "Creating..." in text
        assert "0/2 actions" in text and "elapsed" in text
        view.on_action_end(ActionOutcome(A.address, A.action, OutcomeStatus.DONE, duration_s=0.25))
        with view.paused():
            out.line("printed while paused")
    printed = buffer.getvalue()
    assert "Creation complete after 0.25s [1/2]" in printed
    assert "printed while paused" in printed


def test_ci_gets_timestamped_lines() -> None:
    out, buffer = _output(terminal=False)
    with progress_view(out) as view:
        assert not isinstance(view, LiveProgressView)
        _run(view)
    lines = buffer.getvalue().splitlines()
    assert all(re.match(r"\d\d:\d\d:\d\d ", line) for line in lines)
    assert any("failed after 0.50s: boom [2/2]" in line for line in lines)


def test_json_gets_events_with_durations(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _output(terminal=True, json_mode=True)
    with progress_view(out) as view:
        _run(view)
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["event"] for e in events] == [
        "apply_start",
        "action_start",
        "action_start",
        "action_end",
        "action_end",
    ]
    assert events[3]["duration_s"] == 0.25 and events[4]["status"] == "failed"
