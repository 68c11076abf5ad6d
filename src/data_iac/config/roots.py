"""Which YAML files of a config are roots, shared settings, parts, or none (pure).

A file given to ``-c`` is read by its content: ``resources:`` makes a stack, a ``project:``
mapping a Dataiku project, only config keys a shared file; anything else is a located error.
In a directory, only files *named* ``stack.yml``/``stack.yaml`` or ``project.yml``/
``project.yaml`` are roots (at any depth), so ``archive/old_project.yml`` is not a second
project. Other files are shared settings when they hold only config keys, a located error
with a "did you mean" when they hold a config key (or a misspelling of one, ``varaibles:``)
beside unknown keys (``name`` alone does not count: other YAML files use it too), and
skipped with a note otherwise. The files under a
project's ``datasets/``, ``recipes/``... hold a list of that part (or ``{part: [...]}``).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Literal

from data_iac.config.locations import Marks, locate
from data_iac.errors import Diagnostic, SourceLocation

__all__ = [
    "CONFIG_KEYS",
    "PROJECT_NAMES",
    "STACK_NAMES",
    "DocumentKind",
    "classify_given",
    "classify_in_directory",
    "part_items",
    "project_parts",
]

CONFIG_KEYS = frozenset(
    {"name", "variables", "environments", "providers", "backend", "naming", "moved", "policy"}
)


def project_parts() -> tuple[str, ...]:
    """The sections a DSS project keeps in ``<part>/*.yml`` files: those of the kinds whose
    parent is the project (``datasets``, ``recipes`` ...), from the kind records."""
    from data_iac.kinds import children_of, spec_by_section

    project = spec_by_section("dataiku", "project")
    kind = project.kind if project is not None else ""
    # a section inside the project's entry (``project.variables``) has no part files
    return tuple(s for spec in children_of(kind) for s in spec.sections if "." not in s)


STACK_NAMES = frozenset({"stack.yaml", "stack.yml"})
PROJECT_NAMES = frozenset({"project.yml", "project.yaml"})

# Keys that make a file a shared-settings file (``name`` alone is too common to count).
_SHARED_MARKERS = CONFIG_KEYS - {"name"}

DocumentKind = Literal["dataiku", "stack", "shared"]
_EXPECTED = "a Dataiku project (project:), a stack (resources:) or config keys at the top level"


def _start(display: str, marks: Marks) -> SourceLocation:
    return locate(marks, ()) or SourceLocation(display, 1, 1)


def _not_a_mapping(display: str, data: Any, marks: Marks) -> Diagnostic:
    what = "is empty" if data is None else f"holds a {type(data).__name__}, not a mapping"
    return Diagnostic(f"{display} {what}", "", _start(display, marks), f"expected {_EXPECTED}")


def _by_content(data: dict[str, Any]) -> DocumentKind | None:
    if "resources" in data:
        return "stack"
    if isinstance(data.get("project"), dict):
        return "dataiku"
    if set(data) <= CONFIG_KEYS:
        # Only shared keys, even in a project.yml: a config emptied of its resources still
        # loads (and plans their deletion).
        return "shared"
    return None


def _looks_shared(data: dict[str, Any]) -> bool:
    """A mapping with a shared-settings key, or a key that is a misspelling of one."""
    return any(
        key in _SHARED_MARKERS
        or difflib.get_close_matches(str(key), _SHARED_MARKERS, n=1, cutoff=0.8)
        for key in data
    )


def _unknown_shared_keys(data: dict[str, Any], marks: Marks) -> list[Diagnostic]:
    """A located error with a "did you mean" for each unknown key of a shared file."""
    problems = []
    for key in data:
        if key in CONFIG_KEYS:
            continue
        close = difflib.get_close_matches(str(key), sorted(CONFIG_KEYS), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        problems.append(
            Diagnostic(
                f"unknown key '{key}' in a shared-settings file",
                str(key),
                locate(marks, (key,)),
                hint + f"a shared file holds only: {', '.join(sorted(CONFIG_KEYS))}",
            )
        )
    return problems


def _stray_keys(display: str, data: dict[str, Any], marks: Marks) -> list[Diagnostic]:
    """One located error per top-level key that is not a config key."""
    problems = []
    for key in data:
        if key in CONFIG_KEYS:
            continue
        hint = f"a config file holds {_EXPECTED} ({', '.join(sorted(CONFIG_KEYS))})"
        if key in project_parts():
            hint = (
                f"{key} belong to a project: add project: {{key, name}} to this file, or "
                f"put it under a {key}/ directory beside a project.yml"
            )
        problems.append(
            Diagnostic(f"unknown top-level key '{key}'", str(key), locate(marks, (key,)), hint)
        )
    return problems


def classify_given(
    path: Path, display: str, data: Any, marks: Marks
) -> tuple[DocumentKind | None, list[Diagnostic]]:
    """The kind of the file given to ``-c``, or None with the located reasons it is none."""
    if not isinstance(data, dict) or not data:
        return None, [_not_a_mapping(display, data or None, marks)]
    kind = "stack" if path.name in STACK_NAMES else _by_content(data)
    if kind is None and path.name in PROJECT_NAMES:
        kind = "dataiku"  # validation names what is missing
    if kind is None and _looks_shared(data):
        return None, _unknown_shared_keys(data, marks)
    if kind is None:
        return None, _stray_keys(display, data, marks)
    return kind, []


def classify_in_directory(
    path: Path, display: str, data: Any, marks: Marks
) -> tuple[DocumentKind | None, list[Diagnostic], str]:
    """The kind of a file found in a directory; or None with problems, or with a note."""
    if path.name in STACK_NAMES or path.name in PROJECT_NAMES:
        kind, problems = classify_given(path, display, data, marks)
        return kind, problems, ""
    if isinstance(data, dict) and data and set(data) <= CONFIG_KEYS:
        return "shared", [], ""
    if isinstance(data, dict) and _looks_shared(data):
        return None, _unknown_shared_keys(data, marks), ""
    return (
        None,
        [],
        (
            f"skipped {display}: in a directory only project.yml and stack.yml are roots "
            "(pass the file to -c to use it on its own)"
        ),
    )


def part_items(
    part: str, display: str, data: Any, marks: Marks
) -> tuple[list[Any] | None, Marks, list[Diagnostic]]:
    """The items of one part file (``datasets/x.yml``): a list, or ``{part: [...]}``.

    Returns the items (None when the file holds none), their marks re-rooted at the list,
    and located problems naming the file.
    """
    if data is None:
        return None, marks, []
    hint = f"a file under {part}/ holds a list of {part}, or {part}: [...]"
    if isinstance(data, dict):
        stray = [key for key in data if key != part]
        problems = [
            Diagnostic(f"unknown key '{key}' in {display}", str(key), locate(marks, (key,)), hint)
            for key in stray
        ]
        if problems or part not in data:
            return None, marks, problems or [_no_list(part, display, marks, hint)]
        data = data[part]
        marks = {path[1:]: mark for path, mark in marks.items() if path[:1] == (part,)}
    if not isinstance(data, list):
        return None, marks, [_no_list(part, display, marks, hint)]
    return data, marks, []


def _no_list(part: str, display: str, marks: Marks, hint: str) -> Diagnostic:
    return Diagnostic(f"{display} holds no list of {part}", part, _start(display, marks), hint)
