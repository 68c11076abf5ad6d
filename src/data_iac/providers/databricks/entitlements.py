"""``databricks_entitlements`` (kinds/databricks/entitlements.py): a principal's workspace
entitlements through its SCIM service (``w.users``, ``w.groups``,
``w.service_principals``): read takes the principal's ``entitlements`` values; create and
update PATCH ``add`` the entitlements set true and ``remove`` those set false; delete
removes the ones set true (what this resource granted)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ConfigError, ResourceNotFound
from data_iac.kinds.databricks.entitlements import ENTITLEMENT_VALUES, PRINCIPAL_FIELDS, SPEC
from data_iac.model.resource import Observed
from data_iac.providers.databricks._scim import FAMILY, patch
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["Handler", "remote_id_of"]

_Ops = list[dict[str, Any]]  # SCIM PATCH operations
_SERVICES = {"user": "users", "group": "groups", "spn": "service_principals"}


def remote_id_of(spec: Mapping[str, Any]) -> str:
    """``group/123`` for a spec naming ``group_id: 123``. Pure.

    Raises:
        ConfigError: the spec names no principal, or more than one.
    """
    named = [(prefix, spec[f]) for f, prefix in PRINCIPAL_FIELDS.items() if spec.get(f)]
    if len(named) != 1:
        raise ConfigError(
            "entitlements name exactly one of user_id, group_id, service_principal_id",
            hint="e.g. group_id: ${resources.my-group.id}",
        )
    prefix, principal_id = named[0]
    return f"{prefix}/{principal_id}"


def operations(spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The PATCH operations making the written entitlements true. Pure."""
    wanted = [v for f, v in ENTITLEMENT_VALUES.items() if spec.get(f) is True]
    unwanted = [v for f, v in ENTITLEMENT_VALUES.items() if spec.get(f) is False]
    found: list[dict[str, Any]] = []
    if wanted:
        found.append({"op": "add", "path": "entitlements", "value": [{"value": v} for v in wanted]})
    found += [{"op": "remove", "path": f'entitlements[value eq "{v}"]'} for v in unwanted]
    return found


class Handler:
    """CRUD of one principal's entitlements; thread safe."""

    schema = SPEC

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def _service(self, prefix: str) -> Any:
        return getattr(self.client.w, _SERVICES[prefix])

    def read(self, address: Address, remote_id: str) -> Observed | None:
        prefix, _, principal_id = remote_id.partition("/")
        if prefix not in _SERVICES:
            return None
        try:
            found = self.client.call(
                FAMILY, self._service(prefix).get, principal_id, address=str(address)
            )
        except ResourceNotFound:
            return None
        values = {e.value for e in found.entitlements or []}
        field = next(f for f, p in PRINCIPAL_FIELDS.items() if p == prefix)
        attributes: dict[str, Any] = {field: principal_id}
        attributes |= {f: v in values for f, v in ENTITLEMENT_VALUES.items()}
        return Observed(remote_id, attributes)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        """Entitlements are read per principal: nothing to list workspace-wide."""
        return iter(())

    def natural_id(self, address: Address, spec: Mapping[str, Any]) -> str | None:
        """``KIND/ID`` of the principal the entitlements are on (recovery reads it)."""
        named = [f for f in PRINCIPAL_FIELDS if spec.get(f)]
        return remote_id_of(spec) if len(named) == 1 else None

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        remote_id = remote_id_of(spec)
        self._patch(address, remote_id, operations(spec))
        found = self.read(address, remote_id)
        if found is None:
            raise ResourceNotFound(f"{address}: principal {remote_id} does not exist")
        return found

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self.create(address, spec)

    def delete(self, address: Address, observed: Observed) -> None:
        granted = {f: False for f, v in observed.attributes.items() if v is True}
        try:
            self._patch(address, observed.remote_id, operations(granted))
        except ResourceNotFound:
            return  # the principal is gone, and its entitlements with it

    def _patch(self, address: Address, remote_id: str, ops: _Ops) -> None:
        if not ops:
            return
        prefix, _, principal_id = remote_id.partition("/")
        service = self._service(prefix)
        patch(self.client, service.patch, principal_id, ops, address=str(address))
