"""The resources a stack makes while it is built, and the ``${resources...}`` references.

Resources are collected as drafts first; once every stack key is known, each
``${resources.KEY.ATTR}`` in a spec becomes the canonical ``${ref:ADDRESS#ATTR}`` (ADDRESS
is the resource KEY names) and adds a dependency edge; an unknown KEY is a located error.
KEY is the longest declared key the reference starts with, so ``${resources.databricks.dev}``
names the provider ``databricks.dev`` when it is declared. ``${resources.KEY}`` without an
attribute names the whole resource: only ``resource_options.provider`` and ``depends_on``
may use it. A ``lookup_existing`` entry is a read-only reference: its lookup fields (and
nothing else) can be referenced, as the literal values written.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_iac.addresses import Address
from data_iac.config.confine import AllowedRoots
from data_iac.config.locations import Marks, NodePath, format_path, locate
from data_iac.config.stack.deployer import PipelineDeployer
from data_iac.errors import Diagnostic
from data_iac.model.local_source import LocalSource
from data_iac.model.provider_ids import ROUTING_FIELD
from data_iac.model.references import canonical_reference
from data_iac.model.resource import Lifecycle, Resource

__all__ = ["Draft", "StackContext"]

_REFERENCE = re.compile(r"\$\{resources\.(?P<ref>[A-Za-z0-9_\-][\w.\-]*)\}")


@dataclass(slots=True)
class Draft:
    """A resource being built; ``path`` locates it in the stack file."""

    address: Address
    spec: dict[str, Any]
    path: NodePath
    depends_on: set[Address] = field(default_factory=set)
    depends_on_keys: list[tuple[str, NodePath]] = field(default_factory=list)
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    provider: str | None = None


class StackContext:
    """Everything one stack document accumulates while its sections are built."""

    def __init__(
        self,
        marks: Marks,
        directory: Path,
        workspace_root: str = "/.laktory/",
        roots: AllowedRoots | None = None,
        deployer: PipelineDeployer | None = None,
    ) -> None:
        self.marks = marks
        # Who turns data pipelines into resources (config/stack/deployer.py), and the
        # files those resources upload: path -> content, written by plan and apply.
        self.deployer = deployer
        self.generated: dict[Path, bytes] = {}
        self.directory = directory
        # Laktory's settings.workspace_root: where its generated files go in the workspace.
        self.workspace_root = (
            workspace_root if workspace_root.endswith("/") else f"{workspace_root}/"
        )
        # Local files a resource names must lie under these (config/confine.py).
        self.roots = roots or AllowedRoots((directory.resolve(),))
        self.drafts: list[Draft] = []
        self.by_key: dict[str, Address] = {}
        # lookup_existing entries: key -> the attributes known without reading them.
        self.lookups: dict[str, dict[str, Any]] = {}
        # Declared providers: "databricks", "databricks.ALIAS".
        self.providers: set[str] = set()
        self.problems: list[Diagnostic] = []
        self.notes: list[str] = []
        self.sensitive: set[str] = set()
        # (user or service principal, the group names it lists): filled in on the groups.
        self.memberships: list[tuple[Draft, list[str]]] = []
        # Securables whose grants: Laktory would make authoritative (a note, see spellings).
        self.laktory_grants: list[NodePath] = []
        # Laktory's resource_options.moved_from: (old address, new address), as ``moved:``.
        self.moved: list[tuple[str, str]] = []

    def report(self, path: NodePath, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(message, format_path(path), locate(self.marks, path), hint))

    def local_file(self, written: object, path: NodePath, what: str) -> Path | None:
        """The local file ``written`` names (relative to the stack file), or None after a
        located error: it does not exist, or lies outside the project root. Every path
        field of every kind (notebook and workspace file sources, DBFS file sources,
        Python package sources...) goes through here."""
        source = (self.directory / str(written)).resolve()
        refusal = self.roots.refusal(source)
        if refusal is not None:
            self.report(path, f"{what} {written}: {refusal}", AllowedRoots.hint())
            return None
        if source.is_file():
            return source
        self.report(
            path,
            f"no such file: {source}",
            f"{what} is a local file path, relative to the stack file",
        )
        return None

    def portable(self, location: Path) -> LocalSource:
        """A local file as specs, plans and state hold it: relative to the stack file's
        directory, so another checkout of the project plans the same (model/local_source)."""
        return LocalSource.of(location, self.directory.resolve())

    def add(self, kind: str, key: str, spec: dict[str, Any], path: NodePath) -> Draft:
        """Record a resource ``kind.key`` made from the node at ``path``."""
        draft = Draft(Address(kind, key), spec, path)
        self.drafts.append(draft)
        return draft

    def register(self, stack_key: str, address: Address, path: NodePath) -> bool:
        """Make ``stack_key`` name ``address`` in references; False if the key is taken."""
        if not self._free(stack_key, path):
            return False
        self.by_key[stack_key] = address
        return True

    def register_lookup(self, stack_key: str, known: dict[str, Any], path: NodePath) -> None:
        """Make ``stack_key`` a read-only reference whose ``known`` attributes resolve."""
        if self._free(stack_key, path):
            self.lookups[stack_key] = known

    def _free(self, stack_key: str, path: NodePath) -> bool:
        taken = self.by_key.get(stack_key) or ("a lookup" if stack_key in self.lookups else None)
        if taken is None:
            return True
        self.report(
            path,
            f"resource key '{stack_key}' is used twice",
            f"it already names {taken}; keys are unique per stack",
        )
        return False

    def provider_of(self, text: str, path: NodePath) -> str | None:
        """The provider ``resource_options.provider`` names (``${resources.databricks.dev}``,
        or ``databricks.dev`` as Terraform writes it); None, reported, if undeclared."""
        found = _REFERENCE.fullmatch(text.strip())
        name = found["ref"] if found else text.strip()
        if name in self.providers or name == "databricks":
            return name
        self.report(
            path,
            f"unknown provider '{name}'",
            "declare it under resources: providers: (databricks or databricks.ALIAS)",
        )
        return None

    def resolve_references(self) -> list[Resource]:
        """The drafts as Resources, with references made canonical and edges added."""
        resources = []
        for draft in self.drafts:
            spec = self._rewrite(draft.spec, draft, draft.path)
            if draft.provider is not None:
                # The handler picks its connection by it (providers/databricks/_routing.py),
                # and moving a resource to another provider is a replace.
                spec = {**spec, ROUTING_FIELD: draft.provider}
            for text, path in draft.depends_on_keys:
                target = self._depends_on_target(text, path)
                if target == draft.address:
                    self.report(path, f"{text} depends on itself", "remove it from depends_on")
                elif target is not None:
                    draft.depends_on.add(target)
            resources.append(
                Resource(
                    draft.address,
                    spec,
                    frozenset(draft.depends_on),
                    draft.lifecycle,
                    locate(self.marks, draft.path),
                    draft.provider,
                )
            )
        return resources

    def _depends_on_target(self, text: str, path: NodePath) -> Address | None:
        found = _REFERENCE.fullmatch(text.strip())
        key, _ = self._split(found["ref"] if found else text.strip())
        if key in self.providers or key in self.lookups:
            return None  # nothing to wait for: neither is created by this plan
        if key not in self.by_key:
            self._unknown(key, path)
            return None
        return self.by_key[key]

    def _rewrite(self, value: Any, draft: Draft, path: NodePath) -> Any:
        """``value`` with references made canonical; unchanged containers are reused."""
        if isinstance(value, str):
            if "${resources." not in value:
                return value
            rewritten = _REFERENCE.sub(lambda found: self._canonical(found, draft, path), value)
            if "${resources." in _REFERENCE.sub("", rewritten):
                self.report(
                    path,
                    f"malformed reference in {value!r}",
                    "write ${resources.KEY} or ${resources.KEY.ATTR}",
                )
            return rewritten
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
        key, attr = self._split(found["ref"])
        if key in self.providers:
            self.report(
                path,
                f"provider '{key}' referenced in a field",
                "a provider is named only in resource_options.provider",
            )
        elif attr is None and (key in self.by_key or key in self.lookups):
            self.report(
                path,
                f"${{resources.{key}}} names the whole resource: add an attribute",
                f"e.g. ${{resources.{key}.id}}; a bare key is allowed only in "
                "resource_options.provider and depends_on",
            )
        elif key in self.lookups:
            return self._looked_up(key, str(attr), path, found.group(0))
        elif key in self.by_key and self.by_key[key] == draft.address:
            self.report(
                path,
                f"{found.group(0)} refers to the resource it is written in",
                "a resource cannot depend on itself: write the value itself",
            )
        elif key in self.by_key:
            target = self.by_key[key]
            draft.depends_on.add(target)
            return canonical_reference(target, str(attr))
        else:
            self._unknown(key, path)
        return found.group(0)

    def _looked_up(self, key: str, attr: str, path: NodePath, text: str) -> str:
        known = self.lookups[key]
        if attr in known:
            return str(known[attr])
        self.report(
            path,
            f"'{key}' is a lookup_existing reference: its {attr} is not known",
            f"known: {', '.join(sorted(known))}",
        )
        return text

    def _split(self, ref: str) -> tuple[str, str | None]:
        """``KEY.ATTR`` -> (the longest declared KEY, the rest); the first part if none."""
        parts = ref.split(".")
        for size in range(len(parts), 0, -1):
            key = ".".join(parts[:size])
            if key in self.by_key or key in self.lookups or key in self.providers:
                return key, ".".join(parts[size:]) or None
        return parts[0], ".".join(parts[1:]) or None

    def _unknown(self, key: str, path: NodePath) -> None:
        known = [*self.by_key, *self.lookups]
        close = difflib.get_close_matches(key, known, n=1)
        self.report(
            path,
            f"unknown resource key '{key}' in ${{resources.{key}...}}",
            f"did you mean '{close[0]}'?"
            if close
            else "use the key a resource has under its kind in resources:",
        )
