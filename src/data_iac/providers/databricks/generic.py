"""One handler for every kind that is create / get / list / update / delete on one SDK
service, told the service and its method names by the kind's record (``KindSpec.api``).

- create goes through the no-retry SDK client and, when the record names a field unique in
  the workspace (``api.unique_by``), a failure that may have landed looks the object up by it
  before trying again (``_create_once``); a kind with no unique field whose id is made up by
  the workspace (alerts, queries, dashboards) is found by its record's ``identity`` (display
  name, folder): a create refuses when an object with that identity exists already, so the
  one object carrying it after an ambiguous failure or a crash is ours
  (``find_by_address``, which recovery uses); fields the create call does not take but the update
  call does are sent by an update right after (Unity Catalog's ``owner``);
- the object is always read back, so state holds what the platform holds;
- update sends the spec's fields the update call takes; with ``update_takes_id_in_body`` the
  id goes in as a keyword with them (``edit(instance_pool_id=...)``), else first (UC's
  ``update(name, ...)``); a kind without update has every field immutable in its record;
- attributes are the object's JSON as read, through the record's ``normalize`` when it has
  one, so desired and observed are compared in the same shape.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceAlreadyExists
from data_iac.model.kind import KindSpec, SdkApi
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import (
    CreateRetry,
    CreatesOnce,
    carrying,
    create_adopting,
    read_back,
)
from data_iac.providers.databricks._kind_io import (
    accepted_fields,
    as_plain,
    delete_quietly,
    get_plain,
    list_plain,
    split_spec,
)
from data_iac.providers.databricks._sdk_args import call_typed, typed_kwargs
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["GenericHandler"]


class GenericHandler(CreatesOnce):
    """CRUD for the kind ``spec`` describes; thread safe (no state besides the client)."""

    def __init__(
        self, client: DatabricksClient, spec: KindSpec, retry: CreateRetry | None = None
    ) -> None:
        super().__init__(client, retry)
        if spec.api is None:
            raise ValueError(f"{spec.kind} has no `api`: it needs its own handler")
        self.schema = spec
        self.api: SdkApi = spec.api
        self.family = spec.api.family or spec.api.service.rpartition(":")[2]

    def _service(self, retrying: bool = True) -> Any:
        """The SDK service: ``w.<service>``, or, when ``service`` is ``module:Class``, that
        SDK-style class built on the SDK's own ``ApiClient`` (a service the installed SDK
        does not have yet)."""
        w = self.client.w if retrying else self.client.w_no_retry
        if ":" not in self.api.service:
            return getattr(w, self.api.service)
        module, _, name = self.api.service.partition(":")
        return getattr(importlib.import_module(module), name)(w.api_client)

    def read(self, address: Address, remote_id: str) -> Observed | None:
        get = getattr(self._service(), self.api.get)
        raw = get_plain(self.client, self.family, get, remote_id, address=str(address))
        return None if raw is None or self._trashed(raw) else self._observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        if self.api.list is None:
            return  # the service lists nothing: each object is read (Strategy.READ)
        listing = getattr(self._service(), self.api.list)
        for raw in list_plain(self.client, self.family, listing, **dict(scope)):
            if self._trashed(raw):
                continue
            observed = self._observed(raw)
            key = self.schema.name_of(observed.attributes, observed.remote_id)
            yield Address(self.schema.kind, key), observed

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The object a create of ``address`` with ``spec`` (the intent's identity) made, or
        None: by the unique field, the id the spec names, else by identity."""
        wanted = dict(spec or {})
        return self._only_alike(address, wanted) if self._by_identity() else self._find(wanted)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        spec = self._normalized(spec)
        if self._by_identity():
            self._refuse_alike(address, spec)
        create = getattr(self._service(retrying=False), self.api.create)
        if self.api.wrapper is not None:
            return self._create_wrapped(address, create, spec)
        body, later = split_spec(self._wire(spec), accepted_fields(create))
        kwargs = typed_kwargs(create, body, address=str(address))
        update = self._update_method()
        if later and update is not None:
            self._update_kwargs(update, later, "", str(address))  # refuse typos up front
        elif later:
            typed_kwargs(create, later, address=str(address))  # raises: a field it cannot take
        created = create_adopting(
            self, address, self.noun, family=self.family, create=create, kwargs=kwargs,
            created_id=lambda answer: self._answer(answer)[self.api.id_field],
            find=lambda: self.find_by_address(address, spec),
        )  # fmt: skip
        if later and update is not None:
            return self._send_update(address, created.remote_id, later)
        return created

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        update = self._update_method()
        if update is None:
            return self.read(address, observed.remote_id) or observed
        fields = self._normalized(spec)
        if self.api.update_body is not None:
            fields = dict(fields.get(self.api.update_body) or {})
        if self.api.wrapper is not None:
            return self._update_wrapped(address, update, observed.remote_id, fields)
        accepted = accepted_fields(update)
        wire = self._wire(fields)
        body = {k: v for k, v in wire.items() if k in accepted and v is not None}
        renamed = self._renamed(observed, fields, accepted)
        if renamed is None:
            return self._send_update(address, observed.remote_id, body)
        body["new_name"] = fields[self.schema.name_field]
        return self._send_update(address, observed.remote_id, body, read_id=renamed)

    def delete(self, address: Address, observed: Observed) -> None:
        delete = getattr(self._service(), self.api.delete)
        at = str(address)
        delete_quietly(self.client, self.family, delete, observed.remote_id, address=at)

    def _create_wrapped(self, address: Address, create: Any, spec: Mapping[str, Any]) -> Observed:
        """Create through a method taking the whole object as one parameter."""
        wrapper = str(self.api.wrapper)
        kwargs = typed_kwargs(create, {wrapper: dict(spec)}, address=str(address))
        return create_adopting(
            self, address, self.noun, family=self.family, create=create, kwargs=kwargs,
            created_id=lambda answer: self._answer(answer)[self.api.id_field],
            find=lambda: self.find_by_address(address, spec),
        )  # fmt: skip

    def _update_wrapped(
        self, address: Address, update: Any, remote_id: str, spec: Mapping[str, Any]
    ) -> Observed:
        """Update through a method taking the id, the object (and maybe an update mask)."""
        body: dict[str, Any] = {str(self.api.wrapper): dict(spec)}
        if self.api.update_mask:
            body["update_mask"] = ",".join(sorted(spec))
        at = str(address)
        call_typed(self.client, self.family, update, remote_id, body=body, address=at)
        return read_back(self, address, remote_id, self.noun)

    def _trashed(self, raw: Mapping[str, Any]) -> bool:
        gone = self.api.gone
        return gone is not None and self._unwrapped(raw).get(gone[0]) == gone[1]

    def _answer(self, answer: Any) -> Mapping[str, Any]:
        """A create's answer as JSON: a long-running call's ``Wait`` carries the object
        as first answered (creates never wait for the object to be ready)."""
        response = getattr(answer, "response", None)
        raw = as_plain(response if response is not None else answer)
        created = self.api.created_unwrap
        if created is not None and isinstance(raw.get(created), Mapping):
            return dict(raw[created])
        return self._unwrapped(raw)

    def _unwrapped(self, raw: Mapping[str, Any]) -> Mapping[str, Any]:
        unwrap = self.api.unwrap
        if unwrap is not None and isinstance(raw.get(unwrap), Mapping):
            return dict(raw[unwrap])
        return raw

    @property
    def noun(self) -> str:
        return self.schema.kind.removeprefix("databricks_").replace("_", " ")

    def _renamed(
        self, observed: Observed, fields: Mapping[str, Any], accepted: frozenset[str]
    ) -> str | None:
        """The new remote id when ``fields`` rename an object addressed by its name and the
        update call takes ``new_name`` (Unity Catalog's credentials, locations,
        connections, models); None otherwise."""
        name = fields.get(self.schema.name_field)
        if "new_name" not in accepted or not isinstance(name, str):
            return None
        if name == observed.attributes.get(self.schema.name_field):
            return None
        return self.schema.natural_key(fields) or name

    def _send_update(
        self,
        address: Address,
        remote_id: str,
        body: Mapping[str, Any],
        *,
        read_id: str | None = None,
    ) -> Observed:
        """Send the update, then read the object back (by ``read_id`` after a rename)."""
        update = self._update_method()
        assert update is not None
        at = str(address)
        if self.api.update_takes_id_in_body:
            kwargs = self._update_kwargs(update, body, remote_id, at)
            self.client.call(self.family, update, address=at, **kwargs)
        else:
            rest = {k: v for k, v in body.items() if k != self.api.id_field}
            call_typed(self.client, self.family, update, remote_id, body=rest, address=at)
        return read_back(self, address, read_id or remote_id, self.noun)

    def _update_kwargs(
        self, update: Any, body: Mapping[str, Any], remote_id: str, at: str
    ) -> dict[str, Any]:
        if not self.api.update_takes_id_in_body:
            rest = {k: v for k, v in body.items() if k != self.api.id_field}
            return typed_kwargs(update, rest, address=at)
        return typed_kwargs(update, {**body, self.api.id_field: remote_id}, address=at)

    def _update_method(self) -> Any:
        return None if self.api.update is None else getattr(self._service(), self.api.update)

    def _find(self, spec: Mapping[str, Any]) -> Observed | None:
        """The object carrying the desired unique value (``api.unique_by``), or the one
        whose id the spec names (kinds addressed by name), if any."""
        field = self.api.unique_by
        if field is None and isinstance(spec.get(self.api.id_field), str):
            return self.read(Address(self.schema.kind, "?"), spec[self.api.id_field])
        natural = self.schema.natural_key(spec) if field is None else None
        if natural is not None and self.schema.scope.fields:
            # an id made of names (a model's catalog.schema.name), not given as the id field
            return self.read(Address(self.schema.kind, "?"), natural)
        if field is None or spec.get(field) is None or self.api.list is None:
            return None
        listing = getattr(self._service(), self.api.list)
        raws = list_plain(self.client, self.family, listing)
        raw = carrying(raws, lambda r: r.get(field), spec[field])
        return None if raw is None else self._observed(raw)

    def _by_identity(self) -> bool:
        """No unique field, and an id that is neither a name nor made of names."""
        api, record = self.api, self.schema
        return (
            api.unique_by is None
            and api.id_field not in record.identity
            and not record.scope.fields
        )

    def _alike(self, spec: Mapping[str, Any]) -> tuple[Observed, ...]:
        """The live objects whose identity fields equal those ``spec`` sets."""
        fields = [f for f in self.schema.identity if spec.get(f) is not None]
        if not fields or self.api.list is None:
            return ()
        listing = getattr(self._service(), self.api.list)
        raws = [r for r in list_plain(self.client, self.family, listing) if not self._trashed(r)]
        found = [self._observed(raw) for raw in raws]
        return tuple(o for o in self._with_fields(found, spec, fields) if _same(o, spec, fields))

    def _with_fields(
        self, found: Sequence[Observed], spec: Mapping[str, Any], fields: Sequence[str]
    ) -> Iterator[Observed]:
        """The listed objects alike on the fields their listing carries, each read whole
        where the listing leaves an identity field out (the SQL queries and alerts listings
        carry no ``parent_path``: ``sql.ListQueryObjectsResponseQuery``)."""
        for observed in found:
            listed = [f for f in fields if f in observed.attributes]
            if not _same(observed, spec, listed):
                continue
            if len(listed) == len(fields):
                yield observed
                continue
            whole = self.read(Address(self.schema.kind, observed.remote_id), observed.remote_id)
            if whole is not None:
                yield whole

    def _only_alike(self, address: Address, spec: Mapping[str, Any]) -> Observed | None:
        found = self._alike(spec)
        if len(found) > 1:
            ids = ", ".join(o.remote_id for o in found)
            raise ResourceAlreadyExists(
                f"{len(found)} {self.noun}s carry this identity ({ids}): data-iac cannot tell "
                "which one an interrupted create made", platform="databricks",
                address=str(address), hint="delete the extra one, then run again",
            )  # fmt: skip
        return found[0] if found else None

    def _refuse_alike(self, address: Address, spec: Mapping[str, Any]) -> None:
        found = self._alike(spec)
        if found:
            named = ", ".join(f"{f}={spec[f]!r}" for f in self.schema.identity if f in spec)
            raise ResourceAlreadyExists(
                f"a {self.noun} with {named} exists already ({found[0].remote_id})",
                platform="databricks", address=str(address),
                hint=f"data-iac finds a {self.noun} by {named.split('=')[0]} (and folder) "
                "after a crash: import that one (`iac import`) or give this one another name",
            )  # fmt: skip

    def _wire(self, spec: Mapping[str, Any]) -> dict[str, Any]:
        """The spec as the calls take it: ``api.json_text`` fields as JSON text (sorted
        keys, so the text is stable)."""
        out = dict(spec)
        for name in self.api.json_text:
            if isinstance(out.get(name), Mapping | list):
                out[name] = json.dumps(out[name], sort_keys=True)
        return out

    def _normalized(self, spec: Mapping[str, Any]) -> dict[str, Any]:
        normalize = self.schema.normalize
        return normalize(spec) if normalize is not None else dict(spec)

    def _observed(self, raw: Mapping[str, Any]) -> Observed:
        raw = self._unwrapped(raw)
        remote_id = str(raw[self.api.id_field])
        return Observed(remote_id, self._normalized(raw))


def _same(observed: Observed, spec: Mapping[str, Any], fields: Sequence[str]) -> bool:
    return all(observed.attributes.get(f) == spec[f] for f in fields)
