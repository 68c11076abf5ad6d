"""``databricks_sql_warehouse``: ``{name, cluster_size, min_num_clusters?, max_num_clusters?,
auto_stop_mins?, enable_photon?, enable_serverless_compute?, warehouse_type?, channel?,
spot_instance_policy?, tags?}`` in REST form (``tags: {custom_tags: [{key, value}]}``);
remote id: the warehouse id.

Create is not idempotent: warehouses carry the address in ``tags.custom_tags`` and an
ambiguous failure looks it up before retrying. Creates do not wait for RUNNING.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks._create_once import (
    CreateRetry,
    carrying,
    create_adopting,
    read_back,
    tagged_address,
)
from data_iac.providers.databricks._kind_io import delete_quietly, get_plain, list_plain
from data_iac.providers.databricks._sdk_args import call_typed, typed_kwargs
from data_iac.providers.databricks.client import ADDRESS_TAG, DatabricksClient

__all__ = ["KIND", "SCHEMA", "Handler", "to_observed"]

KIND = "databricks_sql_warehouse"
FAMILY = "warehouses"
SCHEMA = KindSchema(
    kind=KIND,
    computed=frozenset(
        {
            "id",
            "state",
            "creator_name",
            "num_clusters",
            "num_active_sessions",
            "jdbc_url",
            "odbc_params",
            "health",
        }
    ),
    unordered=frozenset({"tags.custom_tags"}),
)


def _pairs(raw: Mapping[str, Any]) -> list[dict[str, Any]]:
    return list((raw.get("tags") or {}).get("custom_tags") or [])


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A warehouse JSON as attributes; the address tag pair is not shown."""
    attributes = copy.deepcopy(dict(raw))
    if "tags" in attributes:
        kept = [p for p in _pairs(raw) if p.get("key") != ADDRESS_TAG]
        attributes["tags"] = {**attributes["tags"], "custom_tags": kept}
    return attributes


def address_of(raw: Mapping[str, Any]) -> str | None:
    for pair in _pairs(raw):
        if pair.get("key") == ADDRESS_TAG:
            return str(pair.get("value"))
    return None


class Handler:
    """CRUD for SQL warehouses through ``client``; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient, retry: CreateRetry | None = None) -> None:
        self.client = client
        self.retry = retry or CreateRetry()

    def read(self, address: Address, remote_id: str) -> Observed | None:
        w = self.client.w
        raw = get_plain(self.client, FAMILY, w.warehouses.get, remote_id, address=str(address))
        return None if raw is None else _observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        for raw in self._list_raw():
            address = tagged_address(address_of(raw), KIND, str(raw["name"]))
            yield address, _observed(raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        w = self.client.w_no_retry
        kwargs = typed_kwargs(w.warehouses.create, _tagged(spec, address), address=str(address))

        def attempt() -> str:
            waiter: Any = self.client.call(
                FAMILY, w.warehouses.create, address=str(address), **kwargs
            )
            return str(waiter.response.id)

        find = partial(self.find_by_address, address)
        return create_adopting(
            self, address, "warehouse", attempt=attempt, find=find, retry=self.retry
        )

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        edit, body = self.client.w.warehouses.edit, _tagged(spec, address)
        call_typed(self.client, FAMILY, edit, observed.remote_id, body=body, address=str(address))
        return read_back(self, address, observed.remote_id, "warehouse")

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.client.w.warehouses.delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The warehouse carrying ``address`` in its custom tags, or None
        (``spec`` is accepted for a uniform signature; the tag alone decides)."""
        raw = carrying(self._list_raw(), address_of, str(address))
        return None if raw is None else _observed(raw)

    def _list_raw(self) -> Iterator[dict[str, Any]]:
        return list_plain(self.client, FAMILY, self.client.w.warehouses.list)


def _tagged(spec: Mapping[str, Any], address: Address) -> dict[str, Any]:
    body = copy.deepcopy(dict(spec))
    pairs = [p for p in _pairs(body) if p.get("key") != ADDRESS_TAG]
    pairs.append({"key": ADDRESS_TAG, "value": str(address)})
    body["tags"] = {**(body.get("tags") or {}), "custom_tags": pairs}
    return body


def _observed(raw: Mapping[str, Any]) -> Observed:
    return Observed(remote_id=str(raw["id"]), attributes=to_observed(raw))
