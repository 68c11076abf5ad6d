"""``databricks_cluster``: an all-purpose cluster. The spec is the ClusterSpec JSON
(``cluster_name``, ``spark_version``, ``node_type_id``, ``num_workers`` or ``autoscale``,
``custom_tags`` ...); remote id: the cluster id.

Create is not idempotent: clusters are created carrying ``custom_tags[ADDRESS_TAG]`` and an
ambiguous failure looks that tag up before retrying. ``delete`` is a *permanent* delete
(a terminated cluster would still exist and still hold its id).
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

KIND = "databricks_cluster"
FAMILY = "clusters"
SCHEMA = KindSchema(
    kind=KIND,
    computed=frozenset(
        {
            "cluster_id",
            "state",
            "state_message",
            "creator_user_name",
            "default_tags",
            "cluster_source",
            "start_time",
            "terminated_time",
            "termination_reason",
            "last_restarted_time",
            "last_state_loss_time",
            "spark_context_id",
            "jdbc_port",
            "cluster_memory_mb",
            "cluster_cores",
            "driver",
            "executors",
            "cluster_log_status",
        }
    ),
)
# Fields of ClusterDetails that are not part of the spec a user writes.
_NOT_SPEC = ("spec",)


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A ``ClusterDetails`` JSON as attributes; the address tag is not shown."""
    attributes = {k: copy.deepcopy(v) for k, v in raw.items() if k not in _NOT_SPEC}
    if isinstance(attributes.get("custom_tags"), Mapping):
        attributes["custom_tags"] = {
            k: v for k, v in attributes["custom_tags"].items() if k != ADDRESS_TAG
        }
    return attributes


def address_of(raw: Mapping[str, Any]) -> str | None:
    value = (raw.get("custom_tags") or {}).get(ADDRESS_TAG)
    return str(value) if value else None


class Handler:
    """CRUD for clusters through ``client``; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient, retry: CreateRetry | None = None) -> None:
        self.client = client
        self.retry = retry or CreateRetry()

    def read(self, address: Address, remote_id: str) -> Observed | None:
        w = self.client.w
        raw = get_plain(self.client, FAMILY, w.clusters.get, remote_id, address=str(address))
        return None if raw is None else _observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        for raw in self._list_raw():
            address = tagged_address(address_of(raw), KIND, str(raw["cluster_id"]))
            yield address, _observed(raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        w = self.client.w_no_retry
        kwargs = typed_kwargs(w.clusters.create, _tagged(spec, address), address=str(address))

        def attempt() -> str:
            # Not waiting for RUNNING: the SDK's waiter sleeps for real between polls.
            waiter: Any = self.client.call(
                FAMILY, w.clusters.create, address=str(address), **kwargs
            )
            return str(waiter.response.cluster_id)

        find = partial(self.find_by_address, address)
        return create_adopting(
            self, address, "cluster", attempt=attempt, find=find, retry=self.retry
        )

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        edit, body = self.client.w.clusters.edit, _tagged(spec, address)
        call_typed(self.client, FAMILY, edit, observed.remote_id, body=body, address=str(address))
        return read_back(self, address, observed.remote_id, "cluster")

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.client.w.clusters.permanent_delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The cluster carrying ``address`` in its custom tags, or None
        (``spec`` is accepted for a uniform signature; the tag alone decides)."""
        raw = carrying(self._list_raw(), address_of, str(address))
        return None if raw is None else _observed(raw)

    def _list_raw(self) -> Iterator[dict[str, Any]]:
        return list_plain(self.client, FAMILY, self.client.w.clusters.list)


def _tagged(spec: Mapping[str, Any], address: Address) -> dict[str, Any]:
    body = copy.deepcopy(dict(spec))
    body["custom_tags"] = {**(body.get("custom_tags") or {}), ADDRESS_TAG: str(address)}
    return body


def _observed(raw: Mapping[str, Any]) -> Observed:
    return Observed(remote_id=str(raw["cluster_id"]), attributes=to_observed(raw))
