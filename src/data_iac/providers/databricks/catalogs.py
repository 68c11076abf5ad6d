"""``databricks_catalog``: a Unity Catalog catalog, identified by its name.

Spec (REST names): ``name``, and optionally ``comment``, ``properties``, ``storage_root``,
``isolation_mode`` (OPEN | ISOLATED), ``owner``, ``enable_predictive_optimization``,
``options``, ``connection_name``, ``provider_name``, ``share_name``. Fields the create call
does not take (``owner``, ``isolation_mode`` ...) are set by a PATCH right after it.

UC gives a new standard catalog a ``default`` schema; like the Terraform provider
(``catalog/resource_catalog.go``: "only remove catalog default schema for standard
catalog"), the create deletes it, so it is never unmanaged drift and a ``default`` the
config declares is simply created (recovery finishes a create interrupted before that,
through ``finish_create``). ``force_destroy`` (input only, kept in state) lets a
destroy drop schemas this config does not manage; without it such schemas stop the destroy
(see ``_uc_delete``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.catalog import SPEC as SCHEMA
from data_iac.kinds.databricks.catalog import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import (
    accepted_fields,
    delete_quietly,
    pick,
    split_spec,
)
from data_iac.providers.databricks._uc import FAMILY, UcHandler, UcKind
from data_iac.providers.databricks._uc_delete import catalog_leftovers, refuse_unless_forced

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_catalog"


MANAGED = (
    "name",
    "comment",
    "properties",
    "storage_root",
    "isolation_mode",
    "owner",
    "enable_predictive_optimization",
    "options",
    "connection_name",
    "provider_name",
    "share_name",
)
# Catalogs every metastore has and no config manages.
SYSTEM_CATALOGS = frozenset({"system", "samples", "hive_metastore", "__databricks_internal"})


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """CatalogInfo JSON -> attributes: the managed fields plus the computed ones. Pure."""
    return pick(raw, (*MANAGED, *sorted(SCHEMA.computed)))


def _changes(spec: Mapping[str, Any]) -> dict[str, Any]:
    skipped = SCHEMA.immutable | SCHEMA.write_only
    return {k: v for k, v in normalize_spec(spec).items() if k not in skipped}


class Handler(UcHandler):
    """CRUD for catalogs; the remote id is the catalog name."""

    schema = SCHEMA
    uc = UcKind(
        service=lambda w: w.catalogs, id_key="name", to_observed=to_observed, changes=_changes
    )

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        infos = self.client.call(FAMILY, lambda: list(self.client.w.catalogs.list()))
        for info in infos:
            if info.name and info.name not in SYSTEM_CATALOGS:
                yield Address(KIND, info.name), self._observed(info)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        spec = {k: v for k, v in normalize_spec(spec).items() if k not in SCHEMA.write_only}
        create_args, later = split_spec(spec, accepted_fields(self.client.w.catalogs.create))
        observed = self._create(address, create_args, later, spec["name"])
        self.finish_create(address, observed)
        return observed

    def finish_create(self, address: Address, observed: Observed) -> None:
        """The create's last step, which recovery also runs on a catalog whose create was
        interrupted after it landed: drop the ``default`` schema UC gave a standard one."""
        attributes = observed.attributes
        if not (attributes.get("share_name") or attributes.get("connection_name")):
            default = f"{observed.remote_id}.default"
            delete_quietly(
                self.client, FAMILY, self.client.w.schemas.delete, default, address=str(address)
            )

    def delete(self, address: Address, observed: Observed) -> None:
        at, name = str(address), observed.remote_id
        leftovers = catalog_leftovers(self.client, name, at)
        if leftovers is None:
            return  # already gone
        forced = bool(observed.attributes.get("force_destroy"))
        refuse_unless_forced(f"catalog {name}", leftovers, forced, at)
        delete = self.client.w.catalogs.delete
        delete_quietly(self.client, FAMILY, delete, name, force=True, address=at)
