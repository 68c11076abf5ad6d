"""``databricks_cluster``: an all-purpose cluster. The spec is the ClusterSpec JSON
(``cluster_name``, ``spark_version``, ``node_type_id``, ``num_workers`` or ``autoscale``,
``custom_tags`` ...); remote id: the cluster id.

Create is not idempotent: clusters are created carrying ``custom_tags[ADDRESS_TAG]`` and an
ambiguous failure looks that tag up before retrying. ``delete`` is a *permanent* delete
(a terminated cluster would still exist and still hold its id).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.cluster import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._tagged import TaggedHandler, TaggedKind
from data_iac.providers.databricks.client import ADDRESS_TAG

__all__ = ["KIND", "SCHEMA", "Handler", "to_observed"]

KIND = "databricks_cluster"
FAMILY = "clusters"
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


def _tagged(spec: Mapping[str, Any], address: Address) -> dict[str, Any]:
    body = copy.deepcopy(dict(spec))
    body["custom_tags"] = {**(body.get("custom_tags") or {}), ADDRESS_TAG: str(address)}
    return body


def _observed(raw: Mapping[str, Any]) -> Observed:
    return Observed(remote_id=str(raw["cluster_id"]), attributes=to_observed(raw))


class Handler(TaggedHandler):
    """CRUD for clusters through ``client``; thread safe."""

    schema = SCHEMA
    tagged_kind = TaggedKind(
        kind=KIND,
        family=FAMILY,
        what="cluster",
        service=lambda w: w.clusters,
        remove=lambda service: service.permanent_delete,
        created_id=lambda waiter: waiter.response.cluster_id,
        untagged_key="cluster_id",
        address_of=address_of,
        tagged=_tagged,
        observed=_observed,
    )
