"""``databricks_grants``: the Unity Catalog privileges on one securable.

Spec: ``securable_type`` (catalog, schema, volume, table, ...), ``full_name``, ``grants``
(``[{principal, privileges: [...]}]`` or ``{principal: [...]}``) and ``grants_mode``:

- ``additive`` (default) manages only the listed principals; anyone else's privileges are
  left alone and are never drift;
- ``authoritative`` also revokes every privilege of every principal not listed.

Attributes hold ``grants`` as ``{principal: sorted privileges}`` (so the diff, which compares
only the keys a spec names, checks listed principals only) and ``principals``, the sorted
list of every principal holding something. ``normalize_spec`` turns a spec into that shape
and, in authoritative mode only, adds ``principals`` so that an extra principal is drift.
Every change is one PATCH with the exact add/remove per principal. Remote id:
``<securable_type>/<full_name>``, e.g. ``catalog/main``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ProviderError, ResourceNotFound
from data_iac.kinds.databricks.grants import ADDITIVE, AUTHORITATIVE, normalize_spec
from data_iac.kinds.databricks.grants import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import read_or_none
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["SCHEMA", "Handler", "after_change", "normalize_spec", "plan_changes", "to_observed"]

KIND = "databricks_grants"
FAMILY = "unity-catalog"
ALL_PRIVILEGES = "ALL_PRIVILEGES"


Grants = dict[str, list[str]]
# Aliases, because inside Handler the name ``list`` is the protocol method.
Changes = list[dict[str, Any]]
Rows = list[Any]


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """``{securable_type, full_name, privilege_assignments: [...]}`` -> attributes. Pure."""
    grants: Grants = {}
    for row in raw.get("privilege_assignments") or []:
        privileges = sorted(set(row.get("privileges") or []))
        if privileges:
            grants[str(row["principal"])] = privileges
    return {
        "securable_type": str(raw["securable_type"]).upper(),
        "full_name": raw["full_name"],
        "grants": grants,
        "principals": sorted(grants),
    }


def plan_changes(current: Grants, desired: Grants, mode: str) -> Changes:
    """The PATCH ``changes`` turning ``current`` into ``desired``; pure.

    Listed principals get exactly their privileges; in authoritative mode every other
    principal loses everything. Principals are sorted so the request is deterministic.
    """
    changes = []
    principals = set(desired) | (set(current) if mode == AUTHORITATIVE else set())
    for principal in sorted(principals):
        want, have = set(desired.get(principal, [])), set(current.get(principal, []))
        change: dict[str, Any] = {"principal": principal}
        add = want - have
        if have - want:
            change["remove"] = sorted(have - want)
            if ALL_PRIVILEGES in have - want:
                add = want  # removing ALL_PRIVILEGES takes every privilege away first
        if add:
            change["add"] = sorted(add)
        if len(change) > 1:
            changes.append(change)
    return changes


def after_change(held: set[str], change: Mapping[str, Any]) -> set[str]:
    """A principal's privileges after one PATCH change, as the service applies it:
    removals first (``ALL_PRIVILEGES`` removes every privilege), then additions
    (databricks/cli ``acceptance/bundle/resources/grants/schemas/change_privilege`` at
    7bbe2852, recorded on a real workspace). Pure."""
    removed = set(change.get("remove", []))
    kept = set() if ALL_PRIVILEGES in removed else held - removed
    return kept | set(change.get("add", []))


def _remote_id(securable_type: str, full_name: str) -> str:
    return f"{securable_type.lower()}/{full_name}"


class Handler:
    """Reads and PATCHes the grants of one securable; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def _fetch(self, securable_type: str, full_name: str, address: str) -> Rows | None:
        """Every assignment, following page tokens; None when the securable is missing."""
        w = self.client.w
        rows: Rows = []
        token: str | None = None
        while True:
            response = read_or_none(
                self.client, FAMILY, w.grants.get, securable_type.lower(), full_name,
                max_results=0, page_token=token, address=address,
            )  # fmt: skip
            if response is None:
                return None
            rows += [a.as_dict() for a in response.privilege_assignments or []]
            token = response.next_page_token
            if not token:
                return rows

    def read(self, address: Address, remote_id: str) -> Observed | None:
        """The grants, or None when the securable is gone or nobody holds anything on it."""
        securable_type, _, full_name = remote_id.partition("/")
        rows = self._fetch(securable_type, full_name, str(address))
        if not rows:
            return None
        raw = {"securable_type": securable_type, "full_name": full_name}
        return Observed(remote_id, to_observed({**raw, "privilege_assignments": rows}))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """The grants on ``scope["securable_type"]`` ``scope["full_name"]`` (one object)."""
        remote_id = _remote_id(str(scope["securable_type"]), str(scope["full_name"]))
        found = self.read(Address(KIND, remote_id), remote_id)
        if found is not None:
            yield Address(KIND, remote_id), found

    def natural_id(self, address: Address, spec: Mapping[str, Any]) -> str | None:
        """``SECURABLE_TYPE/FULL_NAME``, as ``read`` takes it (recovery reads it by this)."""
        kind, name = spec.get("securable_type"), spec.get("full_name")
        return None if kind is None or name is None else _remote_id(str(kind), str(name))

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return self._apply(address, normalize_spec(spec))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._apply(address, normalize_spec(spec))

    def _apply(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        securable_type, full_name = spec["securable_type"], spec["full_name"]
        rows = self._fetch(securable_type, full_name, str(address))
        if rows is None:
            raise ResourceNotFound(
                f"{securable_type.lower()} {full_name!r} does not exist",
                platform="databricks",
                address=str(address),
            )
        raw = {"securable_type": securable_type, "full_name": full_name}
        current = to_observed({**raw, "privilege_assignments": rows})["grants"]
        changes = plan_changes(current, spec["grants"], spec["grants_mode"])
        self._patch(address, securable_type, full_name, changes)
        return self._managed_view(spec, current, changes)

    def _patch(
        self, address: Address, securable_type: str, full_name: str, changes: Changes
    ) -> None:
        if not changes:
            return
        from databricks.sdk.service.catalog import PermissionsChange, Privilege

        try:
            typed = [
                PermissionsChange(
                    principal=c["principal"],
                    add=[Privilege(p) for p in c.get("add", [])] or None,
                    remove=[Privilege(p) for p in c.get("remove", [])] or None,
                )
                for c in changes
            ]
        except ValueError as exc:
            raise ProviderError(
                f"unknown privilege: {exc}", platform="databricks", address=str(address)
            ) from exc
        w = self.client.w
        self.client.call(
            FAMILY, w.grants.update, securable_type.lower(), full_name, changes=typed,
            address=str(address),
        )  # fmt: skip

    def _managed_view(self, spec: Mapping[str, Any], current: Grants, changes: Changes) -> Observed:
        """What state keeps after a create/update: the listed principals only in additive
        mode (so delete revokes only those), every principal in authoritative mode."""
        after = {p: sorted(v) for p, v in current.items()}
        for change in changes:
            held = set(after.get(change["principal"], []))
            held = after_change(held, change)
            after[change["principal"]] = sorted(held)
        after = {p: v for p, v in after.items() if v}
        if spec["grants_mode"] == ADDITIVE:
            after = {p: v for p, v in after.items() if p in spec["grants"]}
        attributes = {
            "securable_type": spec["securable_type"],
            "full_name": spec["full_name"],
            "grants": after,
            "principals": sorted(after),
            "grants_mode": spec["grants_mode"],
        }
        return Observed(_remote_id(spec["securable_type"], spec["full_name"]), attributes)

    def delete(self, address: Address, observed: Observed) -> None:
        """Revoke what ``observed`` (the state's view) holds; others' grants stay."""
        attributes = observed.attributes
        securable_type, full_name = attributes["securable_type"], attributes["full_name"]
        changes = [
            {"principal": p, "remove": sorted(v)}
            for p, v in sorted(attributes.get("grants", {}).items())
            if v
        ]
        if self._fetch(securable_type, full_name, str(address)) is None:
            return  # the securable is gone, and its grants with it
        self._patch(address, securable_type, full_name, changes)
