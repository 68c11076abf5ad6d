"""The registry of resource kinds: one ``KindSpec`` record per module, found here.

Every module under ``data_iac.kinds.databricks`` and ``data_iac.kinds.dataiku`` whose name
does not start with ``_`` exports ``SPEC: KindSpec``. Nothing else lists kinds: the config
sections, the handlers, refresh scopes, generate and the JSON Schema are derived from the
records. ``register`` adds a record from elsewhere (a test's own kind) until ``unregister``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache

from data_iac.model.kind import KindSpec

__all__ = [
    "PLATFORMS",
    "all_specs",
    "children_of",
    "find_spec",
    "registered",
    "section_key",
    "spec_by_section",
    "spec_of",
    "specs_of",
]

PLATFORMS: tuple[str, ...] = ("dataiku", "databricks")
_extra: dict[str, KindSpec] = {}


@cache
def _discovered_on(platform: str) -> Mapping[str, KindSpec]:
    """The records of one platform's package: a Dataiku config never imports the Databricks
    records (nor their stack models), and a stack never imports the Dataiku ones."""
    found: dict[str, KindSpec] = {}
    package = importlib.import_module(f"data_iac.kinds.{platform}")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        spec: KindSpec = module.SPEC
        found[spec.kind] = spec
    return found


def _discovered() -> Mapping[str, KindSpec]:
    found: dict[str, KindSpec] = {}
    for platform in PLATFORMS:
        found.update(_discovered_on(platform))
    return found


def _platform_of(kind: str) -> str | None:
    """The platform whose package holds ``kind`` (kinds are named ``<platform>_...``)."""
    prefix = kind.split("_", 1)[0]
    return prefix if prefix in PLATFORMS else None


def all_specs() -> Mapping[str, KindSpec]:
    """Every known kind's record, keyed by kind name (discovered, then registered)."""
    if not _extra:
        return _discovered()
    return {**_discovered(), **_extra}


def find_spec(kind: str) -> KindSpec | None:
    """The record of ``kind``, or None when no module declares it."""
    if kind in _extra:
        return _extra[kind]
    platform = _platform_of(kind)
    return (_discovered_on(platform) if platform else _discovered()).get(kind)


def spec_of(kind: str) -> KindSpec:
    """The record of ``kind``; an unknown kind gets an empty record (every field managed)."""
    return find_spec(kind) or KindSpec(kind=kind)


def specs_of(platform: str) -> list[KindSpec]:
    """The records of one platform, by kind name."""
    known = dict(_discovered_on(platform)) if platform in PLATFORMS else {}
    known.update((k, s) for k, s in _extra.items() if s.platform == platform)
    return [s for _, s in sorted(known.items())]


def children_of(kind: str) -> list[KindSpec]:
    """The records whose ``parent`` is ``kind``, by kind name (a child is on its parent's
    platform: ``tests/kinds`` checks it of every record)."""
    platform = _platform_of(kind)
    known = dict(_discovered_on(platform) if platform else _discovered())
    known.update(_extra)
    return [s for _, s in sorted(known.items()) if s.parent == kind]


def section_key(written: str) -> str:
    """A config section spelling reduced to compare: ``databricks_secret_scopes`` and
    ``secretscopes`` give the same key."""
    return written.removeprefix("databricks_").replace("_", "").lower()


def spec_by_section(platform: str, written: str) -> KindSpec | None:
    """The record a config section of ``platform`` names, in any of its spellings."""
    return _sections(platform, tuple(sorted(_extra))).get(section_key(written))


@cache
def _sections(platform: str, _extra_kinds: tuple[str, ...]) -> Mapping[str, KindSpec]:
    found: dict[str, KindSpec] = {}
    for spec in specs_of(platform):
        for written in spec.sections:
            found.setdefault(section_key(written), spec)
    return found


@contextmanager
def registered(*specs: KindSpec) -> Iterator[None]:
    """Add ``specs`` to the registry for the duration of the block (a kind a test defines)."""
    for spec in specs:
        _extra[spec.kind] = spec
    try:
        yield
    finally:
        for spec in specs:
            _extra.pop(spec.kind, None)
