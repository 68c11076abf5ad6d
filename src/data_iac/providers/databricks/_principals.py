"""One handler for the SCIM principals that are flat field sets (users, service
principals), told their differences by a ``PrincipalKind``.

Each has one unique key field (a user's ``user_name``, a service principal's
``application_id``) that addresses it in listings, finds it after an ambiguous create, and
cannot change in place; the other fields are replaced by one SCIM PATCH.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import CreatesOnce, create_adopting
from data_iac.providers.databricks._kind_io import delete_quietly, get_plain
from data_iac.providers.databricks._scim import (
    FAMILY,
    find_one,
    list_scim,
    replace_fields,
    update_scim,
)

__all__ = ["PrincipalHandler", "PrincipalKind"]


@dataclass(frozen=True)
class PrincipalKind:
    """What differs between two SCIM principal kinds."""

    kind: str
    what: str  # names the object in errors: "user"
    service: Callable[[Any], Any]  # WorkspaceClient -> its service: ``w.users``
    key: str  # the unique spec field: "user_name"
    fields: Mapping[str, str]  # spec field -> SCIM attribute, ``key`` included
    to_observed: Callable[[Mapping[str, Any]], dict[str, Any]]

    @property
    def key_attribute(self) -> str:
        return self.fields[self.key]


class PrincipalHandler(CreatesOnce):
    """CRUD for a ``PrincipalKind`` through ``client``; thread safe."""

    principal: ClassVar[PrincipalKind]

    def read(self, address: Address, remote_id: str) -> Observed | None:
        get = self.principal.service(self.client.w).get
        raw = get_plain(self.client, FAMILY, get, remote_id, address=str(address))
        return None if raw is None else self._observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        p = self.principal
        list_fn = p.service(self.client.w).list
        return list_scim(self.client, list_fn, p.kind, p.key_attribute, self._observed)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        p = self.principal
        kwargs = {field: spec[field] for field in p.fields if field in spec}
        create = p.service(self.client.w_no_retry).create
        return create_adopting(
            self, address, p.what, family=FAMILY, create=create, kwargs=kwargs,
            created_id=lambda created: created.id,
            find=lambda: self.find_by_address(address, spec),
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        p = self.principal
        operations = replace_fields(p.fields, spec)
        patch_fn = p.service(self.client.w).patch
        return update_scim(
            self, patch_fn, observed.remote_id, operations, address=address, what=p.what
        )

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.principal.service(self.client.w).delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The principal with the desired ``spec``'s unique key, or None; a spec without
        one cannot be matched safely (display names repeat)."""
        value = (spec or {}).get(self.principal.key)
        return self.find_by_key(str(value)) if value else None

    def find_by_key(self, value: str) -> Observed | None:
        """The principal whose unique key is ``value``, or None."""
        p = self.principal
        list_fn = p.service(self.client.w).list
        raw = find_one(self.client, list_fn, p.key_attribute, value)
        return None if raw is None else self._observed(raw)

    def _observed(self, raw: Mapping[str, Any]) -> Observed:
        return Observed(remote_id=str(raw["id"]), attributes=self.principal.to_observed(raw))
