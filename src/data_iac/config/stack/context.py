"""The resources a stack makes while it is built, and the ``${resources...}`` references.

Resources are collected as drafts first; once every stack key is known, each
``${resources.KEY.ATTR}`` in a spec becomes the canonical ``${ref:ADDRESS#ATTR}`` (ADDRESS
is the resource KEY names) and adds a dependency edge; an unknown KEY is a located error.
``${resources.KEY}`` alone refers to the resource's id.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_iac.addresses import Address
from data_iac.config.locations import Marks, NodePath, format_path, locate
from data_iac.errors import Diagnostic
from data_iac.model.references import canonical_reference
from data_iac.model.resource import Lifecycle, Resource

__all__ = ["Draft", "StackContext"]

_REFERENCE = re.compile(r"\$\{resources\.(?P<key>[A-Za-z0-9_\-]+)(?:\.(?P<attr>[\w.\-]+))?\}")


@dataclass(slots=True)
class Draft:
    """A resource being built; ``path`` locates it in the stack file."""

    address: Address
    spec: dict[str, Any]
    path: NodePath
    depends_on: set[Address] = field(default_factory=set)
    depends_on_keys: list[tuple[str, NodePath]] = field(default_factory=list)
    lifecycle: Lifecycle = field(default_factory=Lifecycle)


class StackContext:
    """Everything one stack document accumulates while its sections are built."""

    def __init__(self, marks: Marks, directory: Path) -> None:
        self.marks = marks
        self.directory = directory
        self.drafts: list[Draft] = []
        self.by_key: dict[str, Address] = {}
        self.problems: list[Diagnostic] = []
        self.notes: list[str] = []
        self.sensitive: set[str] = set()
        # (user or service principal, the group names it lists): filled in on the groups.
        self.memberships: list[tuple[Draft, list[str]]] = []
        # Securables whose grants: Laktory would make authoritative (a note, see spellings).
        self.laktory_grants: list[NodePath] = []

    def report(self, path: NodePath, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(message, format_path(path), locate(self.marks, path), hint))

    def add(self, kind: str, key: str, spec: dict[str, Any], path: NodePath) -> Draft:
        """Record a resource ``kind.key`` made from the node at ``path``."""
        draft = Draft(Address(kind, key), spec, path)
        self.drafts.append(draft)
        return draft

    def register(self, stack_key: str, address: Address, path: NodePath) -> bool:
        """Make ``stack_key`` name ``address`` in references; False if the key is taken."""
        if stack_key in self.by_key:
            self.report(
                path,
                f"resource key '{stack_key}' is used twice",
                f"it already names {self.by_key[stack_key]}; keys are unique per stack",
            )
            return False
        self.by_key[stack_key] = address
        return True

    def resolve_references(self) -> list[Resource]:
        """The drafts as Resources, with references made canonical and edges added."""
        resources = []
        for draft in self.drafts:
            spec = self._rewrite(draft.spec, draft, draft.path)
            for key, path in draft.depends_on_keys:
                target = self._lookup(key, path)
                if target is not None:
                    draft.depends_on.add(target)
            draft.depends_on.discard(draft.address)
            resources.append(
                Resource(
                    draft.address,
                    spec,
                    frozenset(draft.depends_on),
                    draft.lifecycle,
                    locate(self.marks, draft.path),
                )
            )
        return resources

    def _rewrite(self, value: Any, draft: Draft, path: NodePath) -> Any:
        """``value`` with references made canonical; unchanged containers are reused."""
        if isinstance(value, str):
            if "${resources." not in value:
                return value
            return _REFERENCE.sub(lambda found: self._canonical(found, draft, path), value)
        if isinstance(value, dict):
            items = value.items()
        elif isinstance(value, list):
            items = enumerate(value)  # type: ignore[assignment]
        else:
            return value
        copy: Any = None
        for key, item in items:
            if isinstance(item, int | float | bool) or item is None:
                continue
            new = self._rewrite(item, draft, (*path, key))
            if new is not item:
                copy = (
                    copy
                    if copy is not None
                    else (dict(value) if isinstance(value, dict) else list(value))
                )
                copy[key] = new
        return value if copy is None else copy

    def _canonical(self, found: re.Match[str], draft: Draft, path: NodePath) -> str:
        target = self._lookup(found["key"], path)
        if target is None:
            return found.group(0)
        draft.depends_on.add(target)
        return canonical_reference(target, found["attr"] or "id")

    def _lookup(self, key: str, path: NodePath) -> Address | None:
        if key in self.by_key:
            return self.by_key[key]
        close = difflib.get_close_matches(key, list(self.by_key), n=1)
        self.report(
            path,
            f"unknown resource key '{key}' in ${{resources.{key}...}}",
            f"did you mean '{close[0]}'?"
            if close
            else "use the key a resource has under its kind in resources:",
        )
        return None
