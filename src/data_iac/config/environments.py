"""``-e NAME``: pick an environment and overlay it on the base config.

The name ``default`` is always accepted and means the base config without any overlay. Any
other name must be declared under ``environments:`` (an empty overlay will do): an unknown
name is an error with a suggestion, never a silent fresh state file.

An environment overlays the keys it sets (``variables``, ``providers``, ``backend`` and the
resource sections) by deep merge: mappings merge key by key, lists of named items (the
Dataiku ``datasets:`` list ...) merge item by item on ``name`` and may add items, and any
other value replaces the base one. The overlaid nodes keep their own locations.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from data_iac.config.locations import Marks, NodePath, format_path, locate, relocate
from data_iac.errors import ConfigError, Diagnostic

__all__ = ["DEFAULT_ENVIRONMENT", "apply_environment", "check_environment_name"]

DEFAULT_ENVIRONMENT = "default"
_OVERLAYABLE = {
    "shared": frozenset({"variables", "providers", "backend"}),
    "dataiku": frozenset(
        {
            "variables",
            "providers",
            "backend",
            "project",
            "datasets",
            "recipes",
            "scenarios",
            "managed_folders",
            "zones",
        }
    ),
    "stack": frozenset({"variables", "providers", "backend", "resources"}),
}


def check_environment_name(name: str, declared: Iterable[str]) -> None:
    """Raise ConfigError when ``name`` is neither ``default`` nor declared."""
    names = sorted(set(declared))
    if name in names or name == DEFAULT_ENVIRONMENT:
        return
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    if names:
        hint += f"this config declares: {', '.join([DEFAULT_ENVIRONMENT, *names])}"
    else:
        hint = (
            f"this config declares no environments: use -e {DEFAULT_ENVIRONMENT}, or declare "
            f"it with `environments: {{{name}: {{}}}}`"
        )
    raise ConfigError(f"unknown environment '{name}'", path="environments", hint=hint)


def declared_environments(data: dict[str, Any]) -> list[str]:
    """The environment names a document declares."""
    environments = data.get("environments")
    return [str(name) for name in environments] if isinstance(environments, dict) else []


def apply_environment(
    data: dict[str, Any], marks: Marks, name: str, kind: str
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """``data`` with environment ``name`` merged in and ``environments:`` removed.

    Other environments are dropped before templating, so their placeholders (which may
    name variables only they define) are never resolved. Marks are updated in place.
    """
    base = {key: value for key, value in data.items() if key != "environments"}
    environments = data.get("environments")
    if not isinstance(environments, dict) or not isinstance(environments.get(name), dict):
        return base, []
    overlay: dict[str, Any] = environments[name]
    problems: list[Diagnostic] = []
    allowed = _OVERLAYABLE[kind]
    merger = _Merger(marks, ("environments", name))
    for key, value in overlay.items():
        if key not in allowed:
            path = ("environments", name, key)
            problems.append(_unknown_overlay_key(key, path, allowed, marks))
            continue
        base[key] = merger.merge(base.get(key), value, (key,))
    merger.finish()
    return base, problems


def _unknown_overlay_key(
    key: str, path: NodePath, allowed: frozenset[str], marks: Marks
) -> Diagnostic:
    close = difflib.get_close_matches(key, sorted(allowed), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return Diagnostic(
        f"an environment cannot set '{key}'",
        format_path(path),
        locate(marks, path),
        f"{hint}an environment may set: {', '.join(sorted(allowed))}",
    )


class _Merger:
    """Deep merge that records where each overlaid node moved, to relocate its marks."""

    def __init__(self, marks: Marks, overlay_root: NodePath) -> None:
        self.marks = marks
        self.overlay_root = overlay_root
        self.moves: list[tuple[NodePath, NodePath]] = []

    def merge(self, base: Any, overlay: Any, path: NodePath, source: NodePath = ()) -> Any:
        """Merge ``overlay`` (found at ``source`` in the overlay) into ``base`` (at ``path``)."""
        source = source or path
        if isinstance(base, dict) and isinstance(overlay, dict):
            merged = dict(base)
            for key, value in overlay.items():
                merged[key] = self.merge(base.get(key), value, (*path, key), (*source, key))
            return merged
        if _named_items(base) and _named_items(overlay):
            return self.merge_named(base, overlay, path, source)
        self.moves.append((source, path))
        return overlay

    def merge_named(
        self, base: list[Any], overlay: list[Any], path: NodePath, source: NodePath
    ) -> list[Any]:
        merged = list(base)
        index = {item["name"]: i for i, item in enumerate(base)}
        for overlay_index, item in enumerate(overlay):
            at = index.get(item["name"])
            if at is None:
                at = len(merged)
                merged.append(item)
                self.moves.append(((*source, overlay_index), (*path, at)))
            else:
                merged[at] = self.merge(base[at], item, (*path, at), (*source, overlay_index))
        return merged

    def finish(self) -> None:
        """Copy the overlay's marks to the nodes' new paths in the merged config."""
        size = len(self.overlay_root)
        # Filter once: relocating each move against every mark would be quadratic.
        overlay_marks = {p: m for p, m in self.marks.items() if p[:size] == self.overlay_root}
        for source, target in self.moves:
            relocate(overlay_marks, self.overlay_root + source, target, into=self.marks)


def _named_items(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict) and isinstance(item.get("name"), str) for item in value
    )
