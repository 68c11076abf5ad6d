"""Templating of a Laktory stack: Laktory's variable scopes on top of ``config/templating``.

- ``resources: variables:`` apply to every resource; a resource (``resources.KIND.KEY``)
  or a pipeline may declare its own ``variables:``, which apply inside that entry only and
  win over the others (Laktory's model variables).
- Laktory's settings are variables too, at the lowest priority: ``${vars.workspace_root}``
  is ``/.laktory/`` unless the stack's ``settings: {workspace_root: ...}`` (or a variable)
  says otherwise.
- Provider settings (``resources.providers`` and ``providers``) are resolved when possible
  and otherwise kept as written: they are needed only to connect (``--emulator`` never
  does), and the connection refuses a setting still holding a placeholder.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.locations import Marks
from data_iac.config.templating import render
from data_iac.errors import Diagnostic

__all__ = ["LAKTORY_SETTINGS", "laktory_settings", "render_stack"]

# Laktory's settings (laktory/_settings.py defaults) that stacks use as ${vars.NAME}.
LAKTORY_SETTINGS = {"workspace_root": "/.laktory/", "runtime_root": "/laktory/"}


def render_stack(
    data: dict[str, Any],
    variables: Mapping[str, Any],
    environ: Mapping[str, str],
    marks: Marks,
    settings: Any = None,
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The stack document ``data`` with its placeholders resolved, and the problems;
    ``settings`` is the stack's Laktory ``settings:`` (not rendered otherwise)."""
    scope = {**laktory_settings(settings), **variables}
    problems: list[Diagnostic] = []
    rendered: dict[str, Any] = {}
    for key, value in data.items():
        if key == "resources" and isinstance(value, dict):
            rendered[key] = _render_resources(value, scope, environ, marks, problems)
        elif key == "providers":
            rendered[key], _ = render(value, scope, environ, marks, (key,))
        else:
            rendered[key], found = render(value, scope, environ, marks, (key,))
            problems += found
    return rendered, problems


def laktory_settings(settings: Any) -> dict[str, str]:
    """Laktory's settings a stack uses, its ``settings:`` over Laktory's defaults."""
    found = dict(LAKTORY_SETTINGS)
    if isinstance(settings, dict):
        found |= {k: v for k, v in settings.items() if k in found and isinstance(v, str)}
    return found


def _render_resources(
    resources: dict[str, Any],
    scope: Mapping[str, Any],
    environ: Mapping[str, str],
    marks: Marks,
    problems: list[Diagnostic],
) -> dict[str, Any]:
    own = resources.get("variables")
    if isinstance(own, dict):  # Laktory's resources-wide variables
        own_rendered, found = render(own, scope, environ, marks, ("resources", "variables"))
        problems += found
        scope = {**scope, **own_rendered}
    rendered: dict[str, Any] = {}
    for kind, section in resources.items():
        path = ("resources", kind)
        if kind == "variables":
            continue
        if kind == "providers":
            rendered[kind], _ = render(section, scope, environ, marks, path)
        elif isinstance(section, dict):
            rendered[kind] = {
                key: _render_entry(entry, scope, environ, marks, (*path, key), problems)
                for key, entry in section.items()
            }
        else:
            rendered[kind], found = render(section, scope, environ, marks, path)
            problems += found
    return rendered


def _render_entry(
    entry: Any,
    scope: Mapping[str, Any],
    environ: Mapping[str, str],
    marks: Marks,
    path: tuple[str, ...],
    problems: list[Diagnostic],
) -> Any:
    """One resource, with its own ``variables:`` (rendered in the outer scope) on top."""
    own = entry.get("variables") if isinstance(entry, dict) else None
    if isinstance(own, dict):
        own_rendered, found = render(own, scope, environ, marks, (*path, "variables"))
        problems += found
        scope = {**scope, **own_rendered}
        entry = {k: v for k, v in entry.items() if k != "variables"}
    rendered, found = render(entry, scope, environ, marks, path)
    problems += found
    return rendered
