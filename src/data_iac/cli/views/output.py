"""Where a command's words go: rich text on a terminal, plain text in CI, JSON with --json.

Every line passes through ``mask`` first, so a secret value that reached a message by
accident still never reaches the screen or a log.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.text import Text

from data_iac.model.sensitive import SENSITIVE_MASK

__all__ = ["Output"]


class Output:
    def __init__(
        self, *, json_mode: bool = False, no_color: bool = False, secrets: Iterable[str] = ()
    ) -> None:
        self.json_mode = json_mode
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        self.console = Console(no_color=no_color, highlight=False, soft_wrap=True)
        self.errors = Console(stderr=True, no_color=no_color, highlight=False, soft_wrap=True)

    @property
    def is_terminal(self) -> bool:
        return self.console.is_terminal

    def add_secrets(self, secrets: Iterable[str]) -> None:
        merged = set(self._secrets) | {s for s in secrets if s}
        self._secrets = sorted(merged, key=len, reverse=True)

    def mask(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, SENSITIVE_MASK)
        return text

    def line(self, text: str = "", style: str = "") -> None:
        """A human line; suppressed in JSON mode (stdout then carries only JSON)."""
        if not self.json_mode:
            self.console.print(Text(self.mask(text), style=style or ""))

    def lines(self, lines: Iterable[tuple[str, str]]) -> None:
        for text, style in lines:
            self.line(text, style)

    def json(self, value: Any) -> None:
        """One JSON document (or one JSON line) on stdout."""
        sys.stdout.write(self.mask(json.dumps(value, sort_keys=True, default=str)) + "\n")
        sys.stdout.flush()

    def note(self, text: str) -> None:
        """A side remark on stderr (kept out of stdout so JSON stays parseable)."""
        self.errors.print(Text(self.mask(text), style="dim"))

    def error(self, text: str) -> None:
        self.errors.print(Text(self.mask(text), style="bold red"))
