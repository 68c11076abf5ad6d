"""``databricks_cluster_policy``: ``{name, definition, description?, max_clusters_per_user?,
libraries?, policy_family_id?, policy_family_definition_overrides?}``; remote id: the policy id.

``definition`` may be written as a mapping or as the JSON string the API takes; both are
normalised to a mapping (``normalize_spec``), so key order and spacing are never drift.
Policy names are unique in a workspace, which is the marker a retried create looks up.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ConfigError, ResourceNotFound
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks._create_once import CreateRetry, create_once, must_exist
from data_iac.providers.databricks._sdk_args import typed_kwargs
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["KIND", "SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_cluster_policy"
FAMILY = "cluster_policies"
SCHEMA = KindSchema(
    kind=KIND,
    computed=frozenset({"policy_id", "created_at_timestamp", "creator_user_name", "is_default"}),
)


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``spec`` with ``definition`` (and family overrides) parsed into mappings."""
    clean = copy.deepcopy(dict(spec))
    for key in ("definition", "policy_family_definition_overrides"):
        if isinstance(clean.get(key), str):
            try:
                clean[key] = json.loads(clean[key])
            except ValueError as exc:
                raise ConfigError(
                    f"{key} of a cluster policy is not valid JSON: {exc}", path=key
                ) from exc
    return clean


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A ``Policy`` JSON as attributes, its JSON documents parsed."""
    return normalize_spec(raw)


def _wire(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The request body: JSON documents as canonical strings (sorted keys)."""
    body = copy.deepcopy(dict(spec))
    for key in ("definition", "policy_family_definition_overrides"):
        if isinstance(body.get(key), Mapping):
            body[key] = json.dumps(body[key], sort_keys=True)
    return body


class Handler:
    """CRUD for cluster policies through ``client``; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient, retry: CreateRetry | None = None) -> None:
        self.client = client
        self.retry = retry or CreateRetry()

    def read(self, address: Address, remote_id: str) -> Observed | None:
        try:
            policy = self.client.call(
                FAMILY, self.client.w.cluster_policies.get, remote_id, address=str(address)
            )
        except ResourceNotFound:
            return None
        return _observed(policy.as_dict())

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        for raw in self._list_raw():
            yield Address(KIND, str(raw["name"])), _observed(raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        w = self.client.w_no_retry
        kwargs = typed_kwargs(w.cluster_policies.create, _wire(spec), address=str(address))

        def attempt() -> str:
            created = self.client.call(
                FAMILY, w.cluster_policies.create, address=str(address), **kwargs
            )
            return str(created.policy_id)

        def find() -> str | None:
            found = self.find_by_name(str(spec.get("name")))
            return found.remote_id if found else None

        policy_id = create_once(attempt, find, self.retry)
        return must_exist(self.read(address, policy_id), f"policy {policy_id}", str(address))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        w = self.client.w
        kwargs = typed_kwargs(w.cluster_policies.edit, _wire(spec), address=str(address))
        self.client.call(
            FAMILY, w.cluster_policies.edit, observed.remote_id, address=str(address), **kwargs
        )
        policy_id = observed.remote_id
        return must_exist(self.read(address, policy_id), f"policy {policy_id}", str(address))

    def delete(self, address: Address, observed: Observed) -> None:
        try:
            self.client.call(
                FAMILY,
                self.client.w.cluster_policies.delete,
                observed.remote_id,
                address=str(address),
            )
        except ResourceNotFound:
            return

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """Policies carry no tags: the unique ``name`` of the desired ``spec`` is the marker
        (None without a spec)."""
        name = (spec or {}).get("name")
        return self.find_by_name(str(name)) if name else None

    def find_by_name(self, name: str) -> Observed | None:
        for raw in self._list_raw():
            if raw.get("name") == name:
                return _observed(raw)
        return None

    def _list_raw(self) -> Iterator[dict[str, Any]]:
        policies = self.client.call(FAMILY, self.client.w.cluster_policies.list)
        for policy in policies:
            yield policy.as_dict()


def _observed(raw: Mapping[str, Any]) -> Observed:
    return Observed(remote_id=str(raw["policy_id"]), attributes=to_observed(raw))
