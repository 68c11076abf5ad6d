"""``databricks_sql_warehouse``: ``{name, cluster_size, min_num_clusters?, max_num_clusters?,
auto_stop_mins?, enable_photon?, enable_serverless_compute?, warehouse_type?, channel?,
spot_instance_policy?, tags?}`` in REST form (``tags: {custom_tags: [{key, value}]}``);
remote id: the warehouse id.

Create is not idempotent: warehouses carry the address in ``tags.custom_tags`` and an
ambiguous failure looks it up before retrying. Creates do not wait for RUNNING.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.sql_warehouse import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._tagged import TaggedHandler, TaggedKind
from data_iac.providers.databricks.client import ADDRESS_TAG

__all__ = ["KIND", "SCHEMA", "Handler", "to_observed"]

KIND = "databricks_sql_warehouse"
FAMILY = "warehouses"


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


def _tagged(spec: Mapping[str, Any], address: Address) -> dict[str, Any]:
    body = copy.deepcopy(dict(spec))
    pairs = [p for p in _pairs(body) if p.get("key") != ADDRESS_TAG]
    pairs.append({"key": ADDRESS_TAG, "value": str(address)})
    body["tags"] = {**(body.get("tags") or {}), "custom_tags": pairs}
    return body


def _observed(raw: Mapping[str, Any]) -> Observed:
    return Observed(remote_id=str(raw["id"]), attributes=to_observed(raw))


class Handler(TaggedHandler):
    """CRUD for SQL warehouses through ``client``; thread safe."""

    schema = SCHEMA
    tagged_kind = TaggedKind(
        kind=KIND,
        family=FAMILY,
        what="warehouse",
        service=lambda w: w.warehouses,
        remove=lambda service: service.delete,
        created_id=lambda waiter: waiter.response.id,
        untagged_key="name",
        address_of=address_of,
        tagged=_tagged,
        observed=_observed,
    )
