"""``databricks_secret_acl``: one principal's permission on a secret scope, identified by
``scope/principal``.

Spec: ``scope``, ``principal``, ``permission`` (READ | WRITE | MANAGE). ``put`` both creates
and changes it, so only ``permission`` is updatable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.kinds.databricks.secret_acl import SPEC as SCHEMA
from data_iac.kinds.databricks.secret_acl import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import as_plain, delete_quietly, read_or_none
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_secret_acl"
FAMILY = "secrets"


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """AclItem JSON plus its ``scope`` -> attributes. Pure."""
    return {"scope": raw["scope"], "principal": raw["principal"], "permission": raw["permission"]}


class Handler:
    """Put, get and delete secret ACLs; the remote id is ``scope/principal``."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        scope, _, principal = remote_id.partition("/")
        w = self.client.w
        item = read_or_none(
            self.client, FAMILY, w.secrets.get_acl, scope, principal, address=str(address)
        )
        return (
            None
            if item is None
            else Observed(remote_id, to_observed({**as_plain(item), "scope": scope}))
        )

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every ACL of ``scope["scope"]``."""
        name = str(scope["scope"])
        items = self.client.call(FAMILY, lambda: list(self.client.w.secrets.list_acls(name)))
        for item in items:
            raw = as_plain(item)
            remote_id = f"{name}/{raw['principal']}"
            yield Address(KIND, remote_id), Observed(remote_id, to_observed({**raw, "scope": name}))

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return self._put(address, normalize_spec(spec))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._put(address, normalize_spec(spec))

    def _put(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        from databricks.sdk.service.workspace import AclPermission

        scope, principal = str(spec["scope"]), str(spec["principal"])
        try:
            permission = AclPermission(spec["permission"])
        except ValueError as exc:
            raise ProviderError(
                f"permission must be READ, WRITE or MANAGE, not {spec['permission']!r}",
                platform="databricks", address=str(address),
            ) from exc  # fmt: skip
        w = self.client.w
        self.client.call(
            FAMILY, w.secrets.put_acl, scope, principal, permission, address=str(address)
        )
        remote_id = f"{scope}/{principal}"
        return Observed(remote_id, {"scope": scope, "principal": principal,
                                    "permission": spec["permission"]})  # fmt: skip

    def delete(self, address: Address, observed: Observed) -> None:
        scope, _, principal = observed.remote_id.partition("/")
        w = self.client.w
        delete_quietly(self.client, FAMILY, w.secrets.delete_acl, scope, principal,
                       address=str(address))  # fmt: skip
