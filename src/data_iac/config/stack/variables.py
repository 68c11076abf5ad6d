"""Templating of a Laktory stack: Laktory's variable scopes on top of ``config/templating``.

- ``resources: variables:`` apply to every resource; a resource (``resources.KIND.KEY``)
  or a pipeline may declare its own ``variables:``, which apply inside that entry only and
  win over the others (Laktory's model variables).
- Laktory's settings (config/stack/settings.py) are ``${settings.X}``, and ``${vars.X}``
  falls back to them after the variables and the environment, as Laktory's does:
  ``${vars.workspace_root}`` is ``/.laktory/`` unless the stack's ``settings:`` says otherwise.
- Provider settings (``resources.providers`` and ``providers``) are resolved when possible
  and otherwise kept as written: they are needed only to connect (``--emulator`` never
  does), and the connection refuses a setting still holding a placeholder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from data_iac.config.locations import Marks
from data_iac.config.stack.settings import StackSettings, stack_namespaces
from data_iac.config.templating import Namespace, render
from data_iac.errors import Diagnostic

__all__ = ["render_stack"]


def render_stack(
    data: dict[str, Any],
    variables: Mapping[str, Any],
    environ: Mapping[str, str],
    marks: Marks,
    settings: StackSettings,
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The stack document ``data`` with its placeholders resolved, and the problems;
    ``settings`` are the stack's Laktory settings, resolved (config/stack/settings.py)."""
    scope = _Scope(variables, environ, marks, stack_namespaces(settings))
    problems: list[Diagnostic] = []
    rendered: dict[str, Any] = {}
    for key, value in data.items():
        if key == "resources" and isinstance(value, dict):
            rendered[key] = _render_resources(value, scope, problems)
        elif key == "providers":
            rendered[key], _ = scope.render(value, (key,))
        else:
            rendered[key], found = scope.render(value, (key,))
            problems += found
    return rendered, problems


@dataclass(frozen=True, slots=True)
class _Scope:
    """What a placeholder of the stack sees; ``variables`` grow inside resources."""

    variables: Mapping[str, Any]
    environ: Mapping[str, str]
    marks: Marks
    added: Mapping[str, Namespace]

    def render(self, value: Any, path: tuple[str, ...]) -> tuple[Any, list[Diagnostic]]:
        return render(value, self.variables, self.environ, self.marks, path, self.added)

    def with_variables(self, own: Mapping[str, Any]) -> _Scope:
        return replace(self, variables={**self.variables, **own})


def _render_resources(
    resources: dict[str, Any], scope: _Scope, problems: list[Diagnostic]
) -> dict[str, Any]:
    own = resources.get("variables")
    if isinstance(own, dict):  # Laktory's resources-wide variables
        own_rendered, found = scope.render(own, ("resources", "variables"))
        problems += found
        scope = scope.with_variables(own_rendered)
    rendered: dict[str, Any] = {}
    for kind, section in resources.items():
        path = ("resources", kind)
        if kind == "variables":
            continue
        if kind == "providers":
            rendered[kind], _ = scope.render(section, path)
        elif isinstance(section, dict):
            rendered[kind] = {
                key: _render_entry(entry, scope, (*path, key), problems)
                for key, entry in section.items()
            }
        else:
            rendered[kind], found = scope.render(section, path)
            problems += found
    return rendered


def _render_entry(
    entry: Any, scope: _Scope, path: tuple[str, ...], problems: list[Diagnostic]
) -> Any:
    """One resource, with its own ``variables:`` (rendered in the outer scope) on top."""
    own = entry.get("variables") if isinstance(entry, dict) else None
    if isinstance(own, dict):
        own_rendered, found = scope.render(own, (*path, "variables"))
        problems += found
        scope = scope.with_variables(own_rendered)
        entry = {k: v for k, v in entry.items() if k != "variables"}
    rendered, found = scope.render(entry, path)
    problems += found
    return rendered
