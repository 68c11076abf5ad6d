"""How a command ends with a success code other than 0 (2 = changes or drift).

Its own module so that commands and cli/main.py both import it without importing each other.
"""

from __future__ import annotations

__all__ = ["ExitWith"]


class ExitWith(Exception):
    """Raised by a command to end with a specific success code (2 = changes)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code
