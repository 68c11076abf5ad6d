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
from functools import partial
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.cluster_policy import SPEC as SCHEMA
from data_iac.kinds.databricks.cluster_policy import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import (
    CreatesOnce,
    carrying,
    create_adopting,
    read_back,
)
from data_iac.providers.databricks._kind_io import delete_quietly, get_plain, list_plain
from data_iac.providers.databricks._sdk_args import call_typed, typed_kwargs

__all__ = ["KIND", "SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_cluster_policy"
FAMILY = "cluster_policies"


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


class Handler(CreatesOnce):
    """CRUD for cluster policies through ``client``; thread safe."""

    schema = SCHEMA

    def read(self, address: Address, remote_id: str) -> Observed | None:
        get = self.client.w.cluster_policies.get
        raw = get_plain(self.client, FAMILY, get, remote_id, address=str(address))
        return None if raw is None else _observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        for raw in self._list_raw():
            yield Address(KIND, str(raw["name"])), _observed(raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        create = self.client.w_no_retry.cluster_policies.create
        kwargs = typed_kwargs(create, _wire(spec), address=str(address))
        return create_adopting(
            self, address, "policy", family=FAMILY, create=create, kwargs=kwargs,
            created_id=lambda created: created.policy_id,
            find=partial(self.find_by_name, str(spec.get("name"))),
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        edit = self.client.w.cluster_policies.edit
        at = str(address)
        call_typed(self.client, FAMILY, edit, observed.remote_id, body=_wire(spec), address=at)
        return read_back(self, address, observed.remote_id, "policy")

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.client.w.cluster_policies.delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """Policies carry no tags: the unique ``name`` of the desired ``spec`` is the marker
        (None without a spec)."""
        name = (spec or {}).get("name")
        return self.find_by_name(str(name)) if name else None

    def find_by_name(self, name: str) -> Observed | None:
        raw = carrying(self._list_raw(), _name_of, name)
        return None if raw is None else _observed(raw)

    def _list_raw(self) -> Iterator[dict[str, Any]]:
        return list_plain(self.client, FAMILY, self.client.w.cluster_policies.list)


def _name_of(raw: Mapping[str, Any]) -> str | None:
    return raw.get("name")


def _observed(raw: Mapping[str, Any]) -> Observed:
    return Observed(remote_id=str(raw["policy_id"]), attributes=to_observed(raw))
