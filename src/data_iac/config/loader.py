"""Config files and directories -> raw documents, each with a location for every node.

A config is one YAML file or a directory. In a directory the roots are found recursively:

- ``stack.yaml`` / ``stack.yml``, or any file with a top-level ``resources:`` (a Databricks
  stack); the files it pulls in with ``!use`` / ``!extend`` are not roots;
- ``project.yml`` / ``project.yaml``, or any file with a top-level ``project:`` mapping (a
  Dataiku project); beside a ``project.yml``, ``datasets/*.yml``, ``recipes/*.yml`` (and
  ``scenarios/``, ``managed_folders/``, ``zones/``) hold lists that belong to it;
- any file whose top-level keys are all config keys (``backend:``, ``variables:``...)
  is shared: it applies to every root. A file with a shared-settings key beside an unknown
  key (or with a misspelled one, ``varaibles:``) is an error with a "did you mean", not a
  skipped file. Other YAML files are skipped with a note.

Every file read (roots, includes, project parts) must lie under the project root
(``config/confine.py``).

Hidden directories (``.iac``, ``.git``...) are never searched.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from data_iac.config.confine import AllowedRoots
from data_iac.config.locations import Marks, locate
from data_iac.config.yamlnodes import ParsedYaml, display_name, parse_yaml_file
from data_iac.errors import ConfigError, Diagnostic

__all__ = ["CONFIG_KEYS", "PROJECT_PARTS", "ConfigDocument", "ConfigFiles", "load_config_files"]

CONFIG_KEYS = frozenset(
    {"name", "variables", "environments", "providers", "backend", "naming", "moved", "policy"}
)
PROJECT_PARTS = ("datasets", "recipes", "scenarios", "managed_folders", "zones")
_STACK_NAMES = frozenset({"stack.yaml", "stack.yml"})
_PROJECT_NAMES = frozenset({"project.yml", "project.yaml"})
_YAML_SUFFIXES = frozenset({".yml", ".yaml"})

DocumentKind = Literal["dataiku", "stack", "shared"]


@dataclass(slots=True)
class ConfigDocument:
    """One root (or shared) document: its data and the marks locating every node."""

    kind: DocumentKind
    file: Path
    data: dict[str, Any]
    marks: Marks
    roots: AllowedRoots | None = None  # where files it names may be read from


@dataclass(slots=True)
class ConfigFiles:
    """Everything read for one config, before templating and validation."""

    root: Path
    documents: list[ConfigDocument]
    digest: str
    notes: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    roots: AllowedRoots | None = None


class _Reader:
    """Reads each file once and remembers its bytes, so the digest covers what was used."""

    def __init__(self) -> None:
        self.contents: dict[Path, bytes] = {}

    def __call__(self, path: Path) -> bytes:
        key = path.resolve()
        if key not in self.contents:
            try:
                self.contents[key] = key.read_bytes()
            except OSError as exc:
                raise ConfigError(
                    f"cannot read {display_name(key)}: {exc.strerror or exc}",
                    hint="check that the file exists and is readable",
                ) from exc
        return self.contents[key]

    def digest(self) -> str:
        sha = hashlib.sha256()
        for path in sorted(self.contents):
            sha.update(path.name.encode() + b"\0" + self.contents[path])
        return sha.hexdigest()


def load_config_files(path: str | Path, environ: Mapping[str, str] | None = None) -> ConfigFiles:
    """Read the config at ``path`` (a file or a directory) into raw documents.

    ``environ`` (default ``os.environ``) may allow more directories (``IAC_ALLOW_PATHS``).
    Raises ConfigError when the path does not exist or holds no config.
    """
    given = Path(path)
    if not given.exists():
        raise ConfigError(
            f"no such file or directory: {given}",
            hint="pass -c with a YAML file or a directory holding stack.yaml or project.yml",
        )
    session = _Session(AllowedRoots.for_config(given, environ))
    if given.is_dir():
        session.load_directory(given)
    else:
        session.load_file(given)
    return ConfigFiles(
        root=given.resolve(),
        documents=session.documents,
        digest=session.reader.digest(),
        notes=session.notes,
        problems=_unique(session.problems),
        roots=session.roots,
    )


class _Session:
    """The state of one load: parsed files, documents found, notes and problems."""

    def __init__(self, roots: AllowedRoots) -> None:
        self.reader = _Reader()
        self.roots = roots
        self.documents: list[ConfigDocument] = []
        self.notes: list[str] = []
        self.problems: list[Diagnostic] = []

    def parse(self, path: Path) -> ParsedYaml:
        refusal = self.roots.refusal(path)
        if refusal is not None:
            raise ConfigError(f"cannot read {path}: {refusal}", hint=AllowedRoots.hint())
        parsed = parse_yaml_file(path, display_name(path), read=self.reader, roots=self.roots)
        self.problems.extend(parsed.problems)
        return parsed

    def load_file(self, path: Path) -> None:
        parsed = self.parse(path)
        kind = _classify(path, parsed.data)
        if kind is None and _looks_shared(parsed.data):
            self.problems += _unknown_shared_keys(parsed)
            return
        if kind is None:
            raise ConfigError(
                f"{display_name(path)} is not a config: expected a Dataiku project (project:), "
                "a stack (resources:) or config keys at the top level",
            )
        self.add(kind, path, parsed)

    def load_directory(self, directory: Path) -> None:
        candidates = _yaml_files(directory)
        parsed = {path: self.parse(path) for path in candidates}
        taken = {inc for p in parsed.values() for inc in p.included}
        taken |= {p.resolve() for p in candidates if _is_project_part(p)}
        for path in candidates:
            if path.resolve() in taken:
                continue
            kind = _classify(path, parsed[path].data)
            if kind is None and _looks_shared(parsed[path].data):
                self.problems += _unknown_shared_keys(parsed[path])
            elif kind is None:
                self.notes.append(f"skipped {display_name(path)}: not a config file")
            else:
                self.add(kind, path, parsed[path])
        if not self.documents and not self.problems:
            raise ConfigError(
                f"{display_name(directory)} holds no stack.yaml, no project.yml "
                "and no file of config keys",
                hint="point -c at a directory holding a Databricks stack or a Dataiku project",
            )

    def add(self, kind: DocumentKind, path: Path, parsed: ParsedYaml) -> None:
        data: dict[str, Any] = parsed.data if isinstance(parsed.data, dict) else {}
        if kind == "dataiku" and path.name in _PROJECT_NAMES:
            self.attach_parts(path.parent, data, parsed.marks)
        document = ConfigDocument(kind, path.resolve(), data, parsed.marks, self.roots)
        self.documents.append(document)

    def attach_parts(self, directory: Path, data: dict[str, Any], marks: Marks) -> None:
        """Append the items of ``datasets/*.yml`` (and the other parts) to the project."""
        for part in PROJECT_PARTS:
            for file in sorted((directory / part).glob("*.y*ml")):
                parsed = self.parse(file)
                items = parsed.data
                if isinstance(items, dict) and set(items) == {part}:
                    items, parsed.marks = items[part], _strip_prefix(parsed.marks, part)
                if not isinstance(items, list):
                    self.problems.append(Diagnostic(f"expected a list of {part}", part))
                    continue
                existing = data.setdefault(part, [])
                if not isinstance(existing, list):
                    continue  # the schema reports the wrong type in project.yml itself
                _shift_marks(marks, parsed.marks, part, len(existing))
                existing.extend(items)


def _classify(path: Path, data: Any) -> DocumentKind | None:
    if not isinstance(data, dict):
        return None
    if path.name in _STACK_NAMES or "resources" in data:
        return "stack"
    if isinstance(data.get("project"), dict):
        return "dataiku"
    if set(data) <= CONFIG_KEYS:
        # Only shared keys, even in a project.yml: a config emptied of its resources still
        # loads (and plans their deletion).
        return "shared"
    return "dataiku" if path.name in _PROJECT_NAMES else None


# Keys that make a file a shared-settings file (``name`` alone is too common to count).
_SHARED_MARKERS = CONFIG_KEYS - {"name"}


def _looks_shared(data: Any) -> bool:
    """A mapping with a shared-settings key, or a key that is a misspelling of one."""
    if not isinstance(data, dict):
        return False
    return any(
        key in _SHARED_MARKERS
        or difflib.get_close_matches(str(key), _SHARED_MARKERS, n=1, cutoff=0.8)
        for key in data
    )


def _unknown_shared_keys(parsed: ParsedYaml) -> list[Diagnostic]:
    """A located error with a "did you mean" for each unknown key of a shared file."""
    problems = []
    for key in parsed.data:
        if key in CONFIG_KEYS:
            continue
        close = difflib.get_close_matches(str(key), sorted(CONFIG_KEYS), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        problems.append(
            Diagnostic(
                f"unknown key '{key}' in a shared-settings file",
                str(key),
                locate(parsed.marks, (key,)),
                hint + f"a shared file holds only: {', '.join(sorted(CONFIG_KEYS))}",
            )
        )
    return problems


def _yaml_files(directory: Path) -> list[Path]:
    found = [
        path
        for path in directory.rglob("*")
        if path.suffix in _YAML_SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    ]
    return sorted(found)


def _is_project_part(path: Path) -> bool:
    parent = path.parent
    return parent.name in PROJECT_PARTS and any(
        (parent.parent / name).is_file() for name in _PROJECT_NAMES
    )


def _shift_marks(target: Marks, source: Marks, part: str, offset: int) -> None:
    for path, mark in source.items():
        if path and isinstance(path[0], int):
            target[(part, path[0] + offset, *path[1:])] = mark


def _strip_prefix(marks: Marks, part: str) -> Marks:
    return {path[1:]: mark for path, mark in marks.items() if path[:1] == (part,)}


def _unique(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Drop repeats: a file both included and parsed on its own reports its problem once."""
    return list(dict.fromkeys(problems))
