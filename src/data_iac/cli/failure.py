"""How an error looks on the terminal and which exit code it ends with.

The errors (``data_iac.errors``) carry data only; this module is the one place that turns
them into text and codes. Our contract (DESIGN.md section 1) keeps the codes few: every
error exits 1 and an interrupt 130, so an error's class picks the message, not the number.
"""

from __future__ import annotations

from data_iac.errors import ConfigError, DataIacError, Diagnostic, InterruptedByUser

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "exit_code_for", "render_diagnostic", "render_error"]

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def exit_code_for(error: DataIacError) -> int:
    """130 for an interrupt, 1 for every other error."""
    return EXIT_INTERRUPTED if isinstance(error, InterruptedByUser) else EXIT_ERROR


def render_diagnostic(diagnostic: Diagnostic) -> str:
    """One located problem in the ``error: path: message / --> file:line:col / hint:`` style."""
    if diagnostic.path:
        head = f"error: {diagnostic.path}: {diagnostic.message}"
    else:
        head = f"error: {diagnostic.message}"
    lines = [head]
    if diagnostic.location is not None:
        from data_iac.cli.views.diagnostics import source_excerpt

        lines.append(f"  --> {diagnostic.location}")
        lines += source_excerpt(diagnostic)
    if diagnostic.hint:
        lines.append(f"  hint: {diagnostic.hint}")
    return "\n".join(lines)


def render_error(error: DataIacError) -> str:
    """The text the CLI prints for ``error``: every diagnostic it gathered then its summary,
    a single located config problem in the diagnostic style, else summary, detail, hint."""
    if error.diagnostics:
        body = "\n\n".join(render_diagnostic(d) for d in error.diagnostics)
        return f"{body}\n\n{error.summary}"
    if isinstance(error, ConfigError):
        return render_diagnostic(error.as_diagnostic())
    lines = [f"error: {error.summary}"]
    if error.detail:
        lines.append(error.detail)
    if error.hint:
        lines.append(f"hint: {error.hint}")
    return "\n".join(lines)
