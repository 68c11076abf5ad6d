"""Hints that work as printed: a command an error suggests (`` `iac state unlock ID` ``)
gets the options this invocation was given to find its config and state (``-c``, ``-e``,
``--emulator``), so that pasting it acts on the same state."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

__all__ = ["complete_hint"]

_GROUPS = frozenset({"state", "migrate", "export", "emulator", "pipeline"})
_COMMAND = re.compile(r"`(iac [^`]+)`")


def complete_hint(hint: str, argv: Sequence[str]) -> str:
    """``hint`` with each backticked ``iac`` command given the invocation's -c/-e/--emulator
    (those it does not name already)."""
    extra = _connection(argv)
    if not extra or "`iac " not in hint:
        return hint
    return _COMMAND.sub(lambda m: f"`{_with(m.group(1), extra)}`", hint)


def _connection(argv: Sequence[str]) -> list[str]:
    found: list[str] = []
    for i, arg in enumerate(argv):
        if arg in ("-c", "--config", "-e", "--env") and i + 1 < len(argv):
            found += ["-c" if arg in ("-c", "--config") else "-e", argv[i + 1]]
        elif arg.startswith(("--config=", "--env=")):
            name, _, value = arg.partition("=")
            found += ["-c" if name == "--config" else "-e", value]
        elif arg == "--emulator":
            found.append("--emulator")
    if "-e" in found and found[found.index("-e") + 1] == "default":
        at = found.index("-e")
        del found[at : at + 2]
    return found


def _with(command: str, extra: list[str]) -> str:
    words = command.split()
    if any(w in ("-c", "--config") for w in words):
        return command
    head = 3 if len(words) > 2 and words[1] in _GROUPS else 2
    wanted = [w for w in extra if not (w == "--emulator" and w in words)]
    return " ".join([*words[:head], *(shlex.quote(w) for w in wanted), *words[head:]])
