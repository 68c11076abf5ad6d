"""Apply progress, in three forms chosen by ``progress_view``:

- a terminal gets a rich live display: one line per running action with its elapsed time,
  a bar for the whole apply and the total elapsed time; finished actions scroll above it;
- anything else gets plain timestamped lines, one per action start and end;
- ``--json`` gets JSON lines (``apply_start``, ``action_start``, ``action_end``).

Every finished action reports its duration.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from rich.console import Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from data_iac.apply.result import ActionOutcome, OutcomeStatus
from data_iac.cli.views.output import Output
from data_iac.model.plan import Action, ResourceChange

__all__ = ["LiveProgressView", "ProgressView", "progress_view"]

_ING = {
    Action.CREATE: "Creating",
    Action.UPDATE: "Modifying",
    Action.REPLACE: "Replacing",
    Action.DELETE: "Destroying",
    Action.NOOP: "Reading",
}
_DONE = {
    Action.CREATE: "Creation complete",
    Action.UPDATE: "Modifications complete",
    Action.REPLACE: "Replacement complete",
    Action.DELETE: "Destruction complete",
    Action.NOOP: "Unchanged",
}


@contextmanager
def progress_view(out: Output) -> Iterator[ProgressView]:
    """The view that suits ``out``; a live one is stopped (and its last frame kept) on exit."""
    if out.is_terminal and not out.json_mode:
        view = LiveProgressView(out)
        with view.live:
            yield view
        return
    yield ProgressView(out)


class ProgressView:
    """Plain lines (timestamped when not on a terminal) or JSON lines."""

    def __init__(self, out: Output) -> None:
        self.out = out
        self.total = 0
        self.finished = 0
        self.started = time.perf_counter()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Print freely inside (a plain view never needs pausing)."""
        yield

    def _stamp(self) -> str:
        if self.out.is_terminal:
            return ""
        return datetime.now(UTC).strftime("%H:%M:%S ")

    def on_apply_start(self, total: int) -> None:
        self.total, self.finished = total, 0
        self.started = time.perf_counter()
        if self.out.json_mode:
            self.out.json({"event": "apply_start", "total": total})

    def on_action_start(self, change: ResourceChange) -> None:
        if self.out.json_mode:
            self.out.json(
                {
                    "event": "action_start",
                    "address": str(change.address),
                    "action": change.action.value,
                }
            )
            return
        self.out.line(f"{self._stamp()}{change.address}: {_ING[change.action]}...")

    def on_action_end(self, outcome: ActionOutcome) -> None:
        self.finished += 1
        if self.out.json_mode:
            self.out.json({"event": "action_end", **outcome.to_json()})
            return
        text, style = _finished_line(outcome, f"[{self.finished}/{self.total}]")
        self.out.line(f"{self._stamp()}{text}", style)


def _finished_line(outcome: ActionOutcome, progress: str) -> tuple[str, str]:
    if outcome.status is OutcomeStatus.DONE:
        return (
            f"{outcome.address}: {_DONE[outcome.action]} after "
            f"{outcome.duration_s:.2f}s {progress}",
            "green",
        )
    return (
        f"{outcome.address}: {outcome.status.value} after {outcome.duration_s:.2f}s: "
        f"{outcome.message} {progress}",
        "red",
    )


class LiveProgressView(ProgressView):
    """The terminal display; hooks run on the apply's thread, rendering on rich's."""

    def __init__(self, out: Output) -> None:
        super().__init__(out)
        self._lock = threading.Lock()
        self._running: dict[str, tuple[ResourceChange, float]] = {}
        self.live = Live(
            _Frame(self),
            console=out.console,
            refresh_per_second=8,
            transient=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )

    @contextmanager
    def paused(self) -> Iterator[None]:
        self.live.stop()
        try:
            yield
        finally:
            self.live.start()

    def on_action_start(self, change: ResourceChange) -> None:
        with self._lock:
            self._running[str(change.address)] = (change, time.perf_counter())

    def on_action_end(self, outcome: ActionOutcome) -> None:
        with self._lock:
            self._running.pop(str(outcome.address), None)
            self.finished += 1
            text, style = _finished_line(outcome, f"[{self.finished}/{self.total}]")
        self.live.console.print(Text(self.out.mask(text), style=style))

    def frame(self) -> RenderableType:
        """What the display shows now: running actions, then the bar."""
        now = time.perf_counter()
        with self._lock:
            running = sorted(self._running.items(), key=lambda item: item[1][1])
            finished, total = self.finished, self.total
        rows = Table.grid(padding=(0, 1))
        for address, (change, since) in running:
            rows.add_row(
                Text("  ⠿", style="cyan"),
                Text(self.out.mask(address)),
                Text(f"{_ING[change.action]}...", style="dim"),
                Text(f"{now - since:5.1f}s", style="dim"),
            )
        bar = Table.grid(padding=(0, 1))
        bar.add_row(
            ProgressBar(total=max(total, 1), completed=finished, width=40),
            Text(f"{finished}/{total} actions"),
            Text(f"{now - self.started:.1f}s elapsed", style="dim"),
        )
        return Group(rows, bar)


class _Frame:
    """A renderable that asks the view for a fresh frame on every refresh."""

    def __init__(self, view: LiveProgressView) -> None:
        self.view = view

    def __rich__(self) -> RenderableType:
        return self.view.frame()
