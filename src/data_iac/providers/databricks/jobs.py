"""``databricks_job``: a Lakeflow job. The spec is the JobSettings JSON (``name``, ``tasks``,
``job_clusters``, ``parameters``, ``schedule``, ``tags`` ...); remote id: the job id.

Job names are not unique and create is not idempotent, so every job is created carrying
``tags[ADDRESS_TAG] = <address>`` and a create that fails ambiguously looks that tag up
before trying again (``_create_once``). Updates reset the whole settings document.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.job import SPEC as SCHEMA
from data_iac.kinds.databricks.job import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import (
    CreatesOnce,
    carrying,
    create_adopting,
    read_back,
    tagged_address,
)
from data_iac.providers.databricks._kind_io import delete_quietly, get_plain, list_plain
from data_iac.providers.databricks._sdk_args import typed_kwargs
from data_iac.providers.databricks.client import ADDRESS_TAG

__all__ = ["KIND", "SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_job"
FAMILY = "jobs"


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A ``Job`` JSON (jobs/get) as attributes: its settings plus the computed fields."""
    attributes = normalize_spec(raw.get("settings") or {})
    attributes["job_id"] = str(raw["job_id"])
    for key in ("created_time", "creator_user_name", "run_as_user_name"):
        if key in raw:
            attributes[key] = raw[key]
    return attributes


def _creator_identity(attributes: Mapping[str, Any]) -> dict[str, str]:
    """``run_as`` naming the job's creator: a service principal's application id is a UUID."""
    creator = str(attributes.get("creator_user_name") or "")
    field = "service_principal_name" if _is_uuid(creator) else "user_name"
    return {field: creator}


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def address_of(raw: Mapping[str, Any]) -> str | None:
    """The address tag a job JSON carries, if data-iac created it."""
    tags = (raw.get("settings") or {}).get("tags") or {}
    value = tags.get(ADDRESS_TAG)
    return str(value) if value else None


class Handler(CreatesOnce):
    """CRUD for jobs through ``client``; thread safe (no state besides the client)."""

    schema = SCHEMA

    def read(self, address: Address, remote_id: str) -> Observed | None:
        raw = self._get(remote_id, str(address))
        return None if raw is None else _observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        for raw in self._list_raw(name=scope.get("name")):
            address = tagged_address(address_of(raw), KIND, str(raw["job_id"]))
            yield address, _observed(raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        create = self.client.w_no_retry.jobs.create
        kwargs = typed_kwargs(create, _tagged(spec, address), address=str(address))
        return create_adopting(
            self, address, "job", family=FAMILY, create=create, kwargs=kwargs,
            created_id=lambda created: created.job_id,
            find=partial(self.find_by_address, address, spec),
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        from databricks.sdk.service.jobs import JobSettings

        # Reset replaces the whole settings document: fields left out of the spec are cleared,
        # except run_as, which the service keeps; so a removed run_as is sent as the creator.
        wanted = _tagged(spec, address)
        if "run_as" not in wanted and observed.attributes.get("run_as"):
            wanted["run_as"] = _creator_identity(observed.attributes)
        kwargs = typed_kwargs(JobSettings, wanted, address=str(address))
        self.client.call(
            FAMILY,
            self.client.w.jobs.reset,
            int(observed.remote_id),
            JobSettings(**kwargs),
            address=str(address),
        )
        return read_back(self, address, observed.remote_id, "job")

    def delete(self, address: Address, observed: Observed) -> None:
        # Already gone is fine: the goal is reached.
        delete = self.client.w.jobs.delete
        delete_quietly(self.client, FAMILY, delete, int(observed.remote_id), address=str(address))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The job carrying ``address`` in its tags (made by an earlier, interrupted
        attempt), or None. The desired ``spec``'s name, when given, narrows the search."""
        raws = self._list_raw(name=(spec or {}).get("name"))
        raw = carrying(raws, address_of, str(address))
        return None if raw is None else self.read(address, str(raw["job_id"]))

    def _get(self, job_id: str, address: str) -> dict[str, Any] | None:
        return get_plain(self.client, FAMILY, self.client.w.jobs.get, int(job_id), address=address)

    def _list_raw(self, *, name: str | None = None) -> Iterator[dict[str, Any]]:
        list_jobs = self.client.w.jobs.list
        return list_plain(self.client, FAMILY, list_jobs, name=name, expand_tasks=True)


def _tagged(spec: Mapping[str, Any], address: Address) -> dict[str, Any]:
    settings = copy.deepcopy(dict(spec))
    settings["tags"] = {**(settings.get("tags") or {}), ADDRESS_TAG: str(address)}
    return settings


def _observed(raw: Mapping[str, Any]) -> Observed:
    return Observed(remote_id=str(raw["job_id"]), attributes=to_observed(raw))
