"""``databricks_secret``: one secret in a scope, identified by ``scope/key``.

Spec: ``scope``, ``key`` and ``string_value`` (or ``bytes_value``, base64). The platform never
returns a value, so the values are sensitive and write-only: attributes carry only what the
listing gives (``scope``, ``key``, ``last_updated_timestamp``) and the planner compares the
value with the salted hash kept in state. Update is the same ``put`` as create.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.secret import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import as_plain, delete_quietly, read_or_none
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["SCHEMA", "Handler", "to_observed"]

KIND = "databricks_secret"
FAMILY = "secrets"


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """SecretMetadata JSON plus its ``scope`` -> attributes (never a value). Pure."""
    attributes = {"scope": raw["scope"], "key": raw["key"]}
    if raw.get("last_updated_timestamp") is not None:
        attributes["last_updated_timestamp"] = raw["last_updated_timestamp"]
    return attributes


def split_id(remote_id: str) -> tuple[str, str]:
    """``scope/key`` -> (scope, key); neither name may contain a slash (API naming rules)."""
    scope, _, key = remote_id.partition("/")
    return scope, key


class Handler:
    """Put, find and delete secrets; the remote id is ``scope/key``."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def _in_scope(self, scope: str, address: str) -> dict[str, dict[str, Any]] | None:
        """Metadata by key, or None when the scope is gone."""
        w = self.client.w
        found = read_or_none(
            self.client, FAMILY, lambda: list(w.secrets.list_secrets(scope)), address=address
        )
        return None if found is None else {str(s.key): as_plain(s) for s in found}

    def read(self, address: Address, remote_id: str) -> Observed | None:
        scope, key = split_id(remote_id)
        raw = (self._in_scope(scope, str(address)) or {}).get(key)
        return None if raw is None else Observed(remote_id, to_observed({**raw, "scope": scope}))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every secret of ``scope["scope"]`` (metadata only)."""
        name = str(scope["scope"])
        for key, raw in sorted((self._in_scope(name, "") or {}).items()):
            remote_id = f"{name}/{key}"
            yield Address(KIND, remote_id), Observed(remote_id, to_observed({**raw, "scope": name}))

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return self._put(address, spec)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._put(address, spec)

    def _put(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        values = {k: spec[k] for k in sorted(SCHEMA.sensitive) if spec.get(k) is not None}
        w = self.client.w
        self.client.call(
            FAMILY, w.secrets.put_secret, str(spec["scope"]), str(spec["key"]),
            address=str(address), **values,
        )  # fmt: skip
        remote_id = f"{spec['scope']}/{spec['key']}"
        return self.read(address, remote_id) or Observed(remote_id, {"scope": spec["scope"]})

    def delete(self, address: Address, observed: Observed) -> None:
        scope, key = split_id(observed.remote_id)
        w = self.client.w
        delete_quietly(self.client, FAMILY, w.secrets.delete_secret, scope, key,
                       address=str(address))  # fmt: skip
