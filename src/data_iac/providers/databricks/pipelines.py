"""``databricks_pipeline``: a Lakeflow (DLT) pipeline. The spec is the pipeline spec JSON
(``name``, ``catalog``, ``schema`` or ``target``, ``libraries``, ``clusters``,
``configuration``, ``continuous``, ``development``, ``serverless``, ``tags`` ...); remote id:
the pipeline id; ``version``: ``last_modified``, sent back as ``expected_last_modified`` so a
concurrent edit is refused (409) rather than overwritten.

Names are unique unless ``allow_duplicate_names``; the address rides in ``tags`` as well, so
a retried create adopts the pipeline its first attempt made. A pipeline in state DELETED
(deletion is asynchronous) reads as gone.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.pipeline import SPEC as SCHEMA
from data_iac.kinds.databricks.pipeline import STATUS_FIELDS
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import (
    CreatesOnce,
    create_adopting,
    read_back,
    tagged_address,
)
from data_iac.providers.databricks._kind_io import delete_quietly, get_plain, list_plain
from data_iac.providers.databricks._sdk_args import call_typed, typed_kwargs
from data_iac.providers.databricks.client import ADDRESS_TAG

__all__ = ["KIND", "SCHEMA", "Handler", "to_observed"]

KIND = "databricks_pipeline"
FAMILY = "pipelines"


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A ``GetPipelineResponse`` JSON as attributes: its spec plus the status fields."""
    attributes = copy.deepcopy(dict(raw.get("spec") or {}))
    if isinstance(attributes.get("tags"), Mapping):
        attributes["tags"] = {k: v for k, v in attributes["tags"].items() if k != ADDRESS_TAG}
    for key in (*STATUS_FIELDS, "run_as"):  # run_as: managed, but reported beside the spec
        if key in raw:
            attributes[key] = copy.deepcopy(raw[key])
    return attributes


def address_of(raw: Mapping[str, Any]) -> str | None:
    value = ((raw.get("spec") or {}).get("tags") or {}).get(ADDRESS_TAG)
    return str(value) if value else None


class Handler(CreatesOnce):
    """CRUD for pipelines through ``client``; thread safe."""

    schema = SCHEMA

    def read(self, address: Address, remote_id: str) -> Observed | None:
        raw = self._get(remote_id, str(address))
        return None if raw is None else _observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        for pipeline_id in self._ids(scope.get("name")):
            raw = self._get(pipeline_id, "")
            if raw is not None:
                address = tagged_address(address_of(raw), KIND, pipeline_id)
                yield address, _observed(raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        create = self.client.w_no_retry.pipelines.create
        kwargs = typed_kwargs(create, _tagged(spec, address), address=str(address))
        return create_adopting(
            self, address, "pipeline", family=FAMILY, create=create, kwargs=kwargs,
            created_id=lambda created: created.pipeline_id,
            find=partial(self.find_by_address, address, spec), marked=True,
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        body = _tagged(spec, address)
        if observed.version is not None:
            body["expected_last_modified"] = int(observed.version)
        update = self.client.w.pipelines.update
        call_typed(self.client, FAMILY, update, observed.remote_id, body=body, address=str(address))
        return read_back(self, address, observed.remote_id, "pipeline")

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.client.w.pipelines.delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The pipeline carrying ``address`` in its tags, or None. Listings show no tags, so
        each candidate is read; the desired ``spec``'s name narrows the candidates."""
        for pipeline_id in self._ids((spec or {}).get("name")):
            raw = self._get(pipeline_id, str(address))
            if raw is not None and address_of(raw) == str(address):
                return _observed(raw)
        return None

    def _get(self, pipeline_id: str, address: str) -> dict[str, Any] | None:
        get = self.client.w.pipelines.get
        raw = get_plain(self.client, FAMILY, get, pipeline_id, address=address)
        return None if raw is None or raw.get("state") == "DELETED" else raw

    def _ids(self, name: str | None) -> tuple[str, ...]:
        flt = f"name LIKE '{_like_literal(name)}'" if name else None
        statuses = list_plain(
            self.client, FAMILY, self.client.w.pipelines.list_pipelines, filter=flt
        )
        return tuple(str(s.get("pipeline_id")) for s in statuses)


def _like_literal(name: str) -> str:
    """``name`` as a LIKE pattern: quotes doubled. ``%`` and ``_`` in the name stay
    wildcards (escapes are not documented), which only widens the candidates."""
    return name.replace("'", "''")


def _tagged(spec: Mapping[str, Any], address: Address) -> dict[str, Any]:
    body = copy.deepcopy(dict(spec))
    body["tags"] = {**(body.get("tags") or {}), ADDRESS_TAG: str(address)}
    return body


def _observed(raw: Mapping[str, Any]) -> Observed:
    version = raw.get("last_modified")
    return Observed(
        remote_id=str(raw["pipeline_id"]),
        attributes=to_observed(raw),
        version=None if version is None else str(version),
    )
