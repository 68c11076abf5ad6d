"""``databricks_group``: a workspace group, ``{display_name, members?, external_id?}`` where
``members`` lists user names, service principal application ids and group display names;
remote id: the SCIM id. Members are compared as a set; membership changes are one SCIM
PATCH. Renaming is not done in place (``display_name`` is immutable: replace)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds.databricks.group import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import CreatesOnce, create_adopting
from data_iac.providers.databricks._kind_io import delete_quietly, get_plain
from data_iac.providers.databricks._scim import (
    FAMILY,
    MemberDirectory,
    find_one,
    list_scim,
    member_ids,
    member_names,
    update_scim,
)
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["KIND", "SCHEMA", "Handler", "to_observed"]

KIND = "databricks_group"


def to_observed(raw: Mapping[str, Any], members: list[str]) -> dict[str, Any]:
    """A SCIM Group JSON as attributes; ``members`` are its members' names (resolved by the
    handler, since the JSON only holds ids)."""
    attributes: dict[str, Any] = {"id": str(raw["id"]), "display_name": raw.get("displayName")}
    if "externalId" in raw:
        attributes["external_id"] = raw["externalId"]
    attributes["members"] = sorted(members)
    attributes["groups"] = sorted(str(g.get("display")) for g in raw.get("groups") or [])
    return attributes


class Handler(CreatesOnce):
    """CRUD for workspace groups through ``client``; thread safe."""

    schema = SCHEMA

    def read(self, address: Address, remote_id: str) -> Observed | None:
        w = self.client.w
        raw = get_plain(self.client, FAMILY, w.groups.get, remote_id, address=str(address))
        return None if raw is None else self._observed(raw, MemberDirectory(self.client))

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        w = self.client.w
        directory = MemberDirectory(self.client)  # one user and one SP listing for all groups
        observe = partial(self._observed, directory=directory)
        return list_scim(self.client, w.groups.list, KIND, "displayName", observe)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        from databricks.sdk.service.iam import ComplexValue

        ids = member_ids(self.client, spec.get("members") or [], address=str(address))
        kwargs: dict[str, Any] = {
            "display_name": spec["display_name"],
            "members": [ComplexValue(value=i) for i in ids],
        }
        if "external_id" in spec:
            kwargs["external_id"] = spec["external_id"]
        return create_adopting(
            self, address, "group", family=FAMILY, create=self.client.w_no_retry.groups.create,
            kwargs=kwargs, created_id=lambda created: created.id,
            find=partial(self.find_by_address, address, spec),
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        operations = _member_changes(self.client, address, observed, spec)
        if "external_id" in spec:
            operations.append({"op": "replace", "path": "externalId", "value": spec["external_id"]})
        patch_fn = self.client.w.groups.patch
        return update_scim(
            self, patch_fn, observed.remote_id, operations, address=address, what="group"
        )

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The group with the desired ``spec``'s ``display_name`` (unique), or None."""
        name = (spec or {}).get("display_name")
        if not name:
            return None
        raw = find_one(self.client, self.client.w.groups.list, "displayName", str(name))
        return None if raw is None else self._observed(raw, MemberDirectory(self.client))

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.client.w.groups.delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))

    def _observed(self, raw: Mapping[str, Any], directory: MemberDirectory) -> Observed:
        names = member_names(directory, raw.get("members") or [])
        return Observed(remote_id=str(raw["id"]), attributes=to_observed(raw, names))


def _member_changes(
    client: DatabricksClient, address: Address, observed: Observed, spec: Mapping[str, Any]
) -> list[dict[str, Any]]:
    if "members" not in spec:
        return []
    current = set(observed.attributes.get("members") or [])
    wanted = set(spec["members"] or [])
    added = member_ids(client, sorted(wanted - current), address=str(address))
    removed = _existing_ids(client, sorted(current - wanted), str(address))
    operations: list[dict[str, Any]] = []
    if added:
        operations.append({"op": "add", "path": "members", "value": [{"value": i} for i in added]})
    operations += [{"op": "remove", "path": f'members[value eq "{i}"]'} for i in removed]
    return operations


def _existing_ids(client: DatabricksClient, names: list[str], address: str) -> list[str]:
    """SCIM ids of the members to remove that still exist: a principal deleted meanwhile
    (a user replaced in the same apply) has left the group already, so it is skipped."""
    ids: list[str] = []
    for name in names:
        try:
            ids += member_ids(client, [name], address=address)
        except ResourceNotFound:
            continue
    return ids
