"""Config diagnostics for people (the source line under a caret) and for tools (JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from data_iac.errors import ConfigError, Diagnostic

__all__ = ["diagnostic_json", "diagnostics_of", "source_excerpt"]


def diagnostics_of(exc: ConfigError) -> list[Diagnostic]:
    return list(exc.diagnostics) or [exc.as_diagnostic()]


def diagnostic_json(diagnostic: Diagnostic, severity: str = "error") -> dict[str, Any]:
    """One diagnostic as ``iac validate --json`` prints it."""
    where = diagnostic.location
    return {
        "severity": severity,
        "summary": diagnostic.message,
        "detail": diagnostic.hint,
        "file": None if where is None else where.file,
        "line": None if where is None else where.line,
        "column": None if where is None else where.column,
        "path": diagnostic.path,
    }


def source_excerpt(diagnostic: Diagnostic) -> list[str]:
    """The diagnostic's source line with a caret under its column; nothing when the file
    cannot be read (a config given on standard input, a file since deleted)."""
    where = diagnostic.location
    source = _source_line(where.file, where.line) if where is not None else None
    if where is None or source is None:
        return []
    number = str(where.line)
    gutter = " " * len(number)
    return [
        f"  {gutter} |",
        f"  {number} | {source}",
        f"  {gutter} | {' ' * max(where.column - 1, 0)}^",
    ]


def _source_line(file: str, line: int) -> str | None:
    try:
        with Path(file).open(encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, start=1):
                if number == line:
                    return text.rstrip("\n").expandtabs(1)
    except OSError:
        return None
    return None
