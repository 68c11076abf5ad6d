"""``databricks_secret_scope``: a secret scope, identified by its name.

Spec: ``name`` and optionally ``initial_manage_principal``, ``scope_backend_type``
(DATABRICKS | AZURE_KEYVAULT), ``backend_azure_keyvault``. Nothing about a scope can change in
place, so every field is immutable (a change plans a replace). Only ``name`` and
``backend_type`` can be read back; the create-only fields are write-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.secret_scope import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import create_named
from data_iac.providers.databricks._kind_io import as_plain, delete_quietly, pick
from data_iac.providers.databricks._sdk_args import typed_kwargs
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["SCHEMA", "Handler", "to_observed"]

KIND = "databricks_secret_scope"
FAMILY = "secrets"


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """SecretScope JSON -> attributes. Pure."""
    return pick(raw, ("name", "backend_type", "keyvault_metadata"))


class Handler:
    """Create, find and delete secret scopes; the remote id is the scope name."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def _all(self) -> dict[str, dict[str, Any]]:
        scopes = self.client.call(FAMILY, lambda: list(self.client.w.secrets.list_scopes()))
        return {str(s.name): as_plain(s) for s in scopes}

    def read(self, address: Address, remote_id: str) -> Observed | None:
        raw = self._all().get(remote_id)  # there is no "get scope" endpoint
        return None if raw is None else Observed(remote_id, to_observed(raw))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        for name, raw in sorted(self._all().items()):
            yield Address(KIND, name), Observed(name, to_observed(raw))

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        w = self.client.w
        args = {k: v for k, v in spec.items() if k != "name" and v is not None}
        kwargs = typed_kwargs(w.secrets.create_scope, args, address=str(address))
        name, create = str(spec["name"]), self.client.w_no_retry.secrets.create_scope
        return create_named(
            self, address, f"secret scope {name}",
            send=lambda: self.client.call(FAMILY, create, name, address=str(address), **kwargs),
            remote_id=name,
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        """Nothing changes in place (every field is immutable); returns the scope as it is."""
        return self.read(address, observed.remote_id) or observed

    def delete(self, address: Address, observed: Observed) -> None:
        w = self.client.w
        delete_quietly(
            self.client, FAMILY, w.secrets.delete_scope, observed.remote_id, address=str(address)
        )
