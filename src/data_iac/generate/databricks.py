"""Live Databricks objects -> a Laktory stack document (``resources: {section: {key: ...}}``).

Pure: the inverse of config/stack/kinds.py. Each object becomes one entry keyed by a slug of
its name; Unity Catalog objects nest (a catalog holds its ``schemas:``, a schema its
``volumes:``, each its ``grants:``), so the addresses match what the stack builder makes:
``databricks_schema.<catalog key>.<name>``, ``databricks_grants.<same key as the object>``.
Computed fields are left out; every field written is one the builder turns back into the
same spec value, so generate + import + plan is empty. A secret's value cannot be read
back: the entry says ``${vars.NAME}`` and ``variables:`` declares NAME empty, which plans as
in sync with an imported (unknown) value until the user sets it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds import spec_by_section, spec_of, specs_of
from data_iac.model.kind import KindSpec
from data_iac.model.resource import Observed

__all__ = [
    "Generated",
    "Node",
    "generated_kinds",
    "kind_of_section",
    "name_of",
    "stack_document",
]


def generated_kinds() -> dict[str, KindSpec]:
    """``--kind`` value -> record, for every Databricks record with a ``generate`` name."""
    return {s.generate: s for s in specs_of("databricks") if s.generate and s.section}


_SUFFIX = {"PYTHON": ".py", "SQL": ".sql", "SCALA": ".scala", "R": ".r"}


@dataclass
class Node:
    """One live object with what nests under it: UC children and grants, a secret scope's
    secrets and ACLs, an object's direct permissions (``access_controls:``). ``schema`` is
    its kind's KindSpec (computed fields); ``content`` a notebook's or workspace file's
    bytes, written beside the YAML."""

    kind: str
    observed: Observed
    schema: KindSpec
    children: list[Node] = field(default_factory=list)
    grants: Observed | None = None
    content: bytes | None = None
    permissions: Observed | None = None


def name_of(kind: str, observed: Observed) -> str:
    return spec_of(kind).name_of(observed.attributes, observed.remote_id)


def slug(text: str) -> str:
    """A stack key from a name: letters, digits, ``-`` and ``_`` only."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "object"


def entry_of(node: Node) -> dict[str, Any]:
    """The fields of one object as the stack writes them (no computed ones, no empties)."""
    attributes = node.observed.attributes
    allowed = node.schema.managed
    return {
        k: v
        for k, v in attributes.items()
        if k not in node.schema.computed
        and v is not None
        and (not allowed or k in allowed)
        and not (k == "members" and not v)
    }


def _access_controls(permissions: Observed | None) -> list[dict[str, Any]]:
    """The direct grants of an object as the stack writes them (the owner is implied)."""
    if permissions is None:
        return []
    return [dict(entry) for entry in permissions.attributes.get("access_control_list") or []]


def _grants(observed: Observed) -> list[dict[str, Any]]:
    grants = dict(observed.attributes.get("grants") or {})
    return [{"principal": p, "privileges": sorted(v)} for p, v in sorted(grants.items())]


class _Writer:
    """Builds the document and the (address, object) pairs ``--import`` adopts."""

    def __init__(self) -> None:
        self.adopted: list[tuple[Address, Observed]] = []
        self.files: dict[str, bytes] = {}
        self.variables: dict[str, str] = {}
        self.used: set[tuple[str, str]] = set()

    def key_for(self, section: str, name: str) -> str:
        key, n = slug(name), 1
        while (section, key) in self.used:
            n += 1
            key = f"{slug(name)}-{n}"
        self.used.add((section, key))
        return key

    def entry(self, node: Node, key: str) -> dict[str, Any]:
        self.adopted.append((Address(node.kind, key), node.observed))
        out = self._source_file(node, key) if node.content is not None else entry_of(node)
        if node.grants is not None:
            out["grants"] = _grants(node.grants)
            self.adopted.append((Address(kind_of_section("grants"), key), node.grants))
        access = _access_controls(node.permissions)
        if access and node.permissions is not None:
            out["access_controls"] = access
            self.adopted.append((Address(kind_of_section("permissions"), key), node.permissions))
        nested = [c for c in node.children if _nests_under(node.schema, c.schema)]
        for child in nested:
            name = child.schema.name_of(child.observed.attributes, child.observed.remote_id)
            child_entry = self.entry(child, f"{key}.{name}")
            for parent_field in child.schema.scope.fields:
                child_entry.pop(parent_field, None)  # implied by nesting
            out.setdefault(str(child.schema.section), []).append(child_entry)
        if len(nested) < len(node.children):
            self._inline_children(node, key, out)
        return out

    def _source_file(self, node: Node, key: str) -> dict[str, Any]:
        """A notebook or workspace file: its path and a local ``source`` holding its bytes
        (a notebook's without the export header, so both sides hash the same)."""
        a = node.observed.attributes
        out: dict[str, Any] = {"path": a["path"]}
        name = PurePosixPath(str(a["path"])).name
        notebook = "language" in getattr(node.schema.config_model, "model_fields", {})
        if notebook:
            out["language"] = a.get("language") or "PYTHON"
            name = slug(PurePosixPath(name).stem) + _SUFFIX.get(out["language"], ".py")
        folder = "notebooks" if notebook else "files"
        source = (
            f"{folder}/{key}--{name}" if f"{folder}/{name}" in self.files else f"{folder}/{name}"
        )
        self.files[source] = node.content or b""
        out["source"] = source
        return out

    def _inline_children(self, node: Node, key: str, out: dict[str, Any]) -> None:
        """A secret scope's secrets and ACLs, written inside its entry (a child with a
        sensitive value, by its record, is a secret: its value comes from a variable)."""
        for child in (c for c in node.children if not _nests_under(node.schema, c.schema)):
            a = child.observed.attributes
            if child.schema.sensitive:
                variable = slug(f"{key}_{a['key']}").upper().replace("-", "_")
                self.variables[variable] = ""
                out.setdefault("secrets", []).append(
                    {"key": a["key"], "value": f"${{vars.{variable}}}"}
                )
                self.adopted.append((Address(child.kind, f"{key}.{a['key']}"), child.observed))
            else:
                out.setdefault("permissions", []).append(
                    {"principal": a["principal"], "permission": a["permission"]}
                )
                self.adopted.append(
                    (Address(child.kind, f"{key}.{a['principal']}"), child.observed)
                )


def kind_of_section(section: str) -> str:
    """The Databricks kind a config section holds (``grants``, ``permissions``), as the
    records say."""
    record = spec_by_section("databricks", section)
    if record is None:
        raise LookupError(f"no Databricks record holds the section {section!r}")
    return record.kind


def _nests_under(parent: Any, child: Any) -> bool:
    """A child is written as its own entries under the parent's entry when the parent's
    config model has a field of the child's section (a catalog's ``schemas``); otherwise
    the parent writes it in its own words (a secret scope's ``secrets``)."""
    fields = getattr(parent.config_model, "model_fields", {})
    return bool(child.section) and child.section in fields


@dataclass(frozen=True)
class Generated:
    """A generated document, the objects ``--import`` adopts, and the local files (path
    relative to the document -> bytes) its ``source:`` fields name."""

    document: dict[str, Any]
    adopted: list[tuple[Address, Observed]]
    files: Mapping[str, bytes] = field(default_factory=dict)


def stack_document(kind_option: str, nodes: Iterable[Node]) -> Generated:
    """The stack document for ``--kind kind_option``, with what ``--import`` adopts."""
    spec = generated_kinds()[kind_option]
    kind, section = spec.kind, str(spec.section)
    writer = _Writer()
    entries: dict[str, Any] = {}
    for node in sorted(nodes, key=lambda n: name_of(kind, n.observed)):
        key = writer.key_for(section, name_of(kind, node.observed))
        entries[key] = writer.entry(node, key)
    document: dict[str, Any] = {}
    if writer.variables:
        document["variables"] = writer.variables
    document["resources"] = {section: entries} if entries else {}
    return Generated(document, writer.adopted, writer.files)
