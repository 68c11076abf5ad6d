"""Config files and directories -> raw documents, each with a location for every node.

A config is one YAML file or a directory. Which files are roots, shared settings or parts
is decided in config/roots.py: given to ``-c``, a file is read by its content; in a
directory (searched recursively) only ``stack.yml``/``stack.yaml`` and ``project.yml``/
``project.yaml`` are roots, files of config keys only are shared (a config key beside
unknown keys is a located error), other files are skipped with a note. Beside a
``project.yml``, ``datasets/*.yml``, ``recipes/*.yml`` (and ``scenarios/``,
``managed_folders/``, ``zones/``) hold lists that belong to it; the files a stack pulls in
with ``!use`` / ``!extend`` are not roots.

Every file read (roots, includes, project parts) must lie under the project root
(``config/confine.py``).

Hidden directories (``.iac``, ``.git``...) are never searched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_iac.config.confine import AllowedRoots
from data_iac.config.locations import Marks
from data_iac.config.roots import (
    CONFIG_KEYS,
    PROJECT_NAMES,
    DocumentKind,
    classify_given,
    classify_in_directory,
    part_items,
    project_parts,
)
from data_iac.config.yamlnodes import ParsedYaml, display_name, parse_yaml_file
from data_iac.errors import ConfigError, Diagnostic

__all__ = ["CONFIG_KEYS", "ConfigDocument", "ConfigFiles", "load_config_files", "project_parts"]

_YAML_SUFFIXES = frozenset({".yml", ".yaml"})


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
        kind, problems = classify_given(path, display_name(path), parsed.data, parsed.marks)
        self.problems.extend(problems)
        if kind is not None:
            self.add(kind, path, parsed)

    def load_directory(self, directory: Path) -> None:
        candidates = _yaml_files(directory)
        parsed = {path: self.parse(path) for path in candidates}
        taken = {inc for p in parsed.values() for inc in p.included}
        taken |= {p.resolve() for p in candidates if _is_project_part(p)}
        for path in candidates:
            if path.resolve() in taken:
                continue
            found = parsed[path]
            kind, problems, note = classify_in_directory(
                path, display_name(path), found.data, found.marks
            )
            self.problems.extend(problems)
            if note:
                self.notes.append(note)
            if kind is not None:
                self.add(kind, path, found)
        if not self.documents and not self.problems:
            raise ConfigError(
                f"{display_name(directory)} holds no stack.yaml, no project.yml "
                "and no file of config keys",
                hint="point -c at a directory holding a Databricks stack or a Dataiku project",
            )

    def add(self, kind: DocumentKind, path: Path, parsed: ParsedYaml) -> None:
        data: dict[str, Any] = parsed.data if isinstance(parsed.data, dict) else {}
        if kind == "dataiku" and path.name in PROJECT_NAMES:
            self.attach_parts(path.parent, data, parsed.marks)
        document = ConfigDocument(kind, path.resolve(), data, parsed.marks, self.roots)
        self.documents.append(document)

    def attach_parts(self, directory: Path, data: dict[str, Any], marks: Marks) -> None:
        """Append the items of ``datasets/*.yml`` (and the other parts) to the project."""
        for part in project_parts():
            for file in sorted((directory / part).glob("*.y*ml")):
                parsed = self.parse(file)
                shown = display_name(file)
                items, item_marks, problems = part_items(part, shown, parsed.data, parsed.marks)
                self.problems.extend(problems)
                if items is None:
                    if not problems:
                        self.notes.append(f"skipped {shown}: empty")
                    continue
                existing = data.setdefault(part, [])
                if not isinstance(existing, list):
                    continue  # the schema reports the wrong type in project.yml itself
                _shift_marks(marks, item_marks, part, len(existing))
                existing.extend(items)


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
    return parent.name in project_parts() and any(
        (parent.parent / name).is_file() for name in PROJECT_NAMES
    )


def _shift_marks(target: Marks, source: Marks, part: str, offset: int) -> None:
    for path, mark in source.items():
        if path and isinstance(path[0], int):
            target[(part, path[0] + offset, *path[1:])] = mark


def _unique(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Drop repeats: a file both included and parsed on its own reports its problem once."""
    return list(dict.fromkeys(problems))
