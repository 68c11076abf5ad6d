"""``databricks_schema``: a Unity Catalog schema, identified by its full name ``catalog.name``.

Spec (REST names): ``catalog_name``, ``name``, and optionally ``comment``, ``properties``,
``storage_root``, ``owner``, ``enable_predictive_optimization``. ``owner`` and the predictive
optimisation flag are not create fields; a PATCH sets them right after the create.
``force_destroy`` (input only, kept in state) lets a destroy drop tables and volumes this
config does not manage; without it they stop the destroy (see ``_uc_delete``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.schema import SPEC as SCHEMA
from data_iac.kinds.databricks.schema import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import (
    accepted_fields,
    delete_quietly,
    pick,
    split_spec,
)
from data_iac.providers.databricks._uc import FAMILY, UcHandler, UcKind
from data_iac.providers.databricks._uc_delete import refuse_unless_forced, schema_leftovers

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_schema"


MANAGED = (
    "catalog_name",
    "name",
    "comment",
    "properties",
    "storage_root",
    "owner",
    "enable_predictive_optimization",
)
# Schemas UC makes itself in every catalog.
SYSTEM_SCHEMAS = frozenset({"information_schema"})


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """SchemaInfo JSON -> attributes: managed plus computed fields. Pure."""
    return pick(raw, (*MANAGED, *sorted(SCHEMA.computed)))


def _changes(spec: Mapping[str, Any]) -> dict[str, Any]:
    skipped = SCHEMA.immutable | SCHEMA.write_only
    return {k: v for k, v in normalize_spec(spec).items() if k not in skipped}


class Handler(UcHandler):
    """CRUD for schemas; the remote id is the full name ``catalog.schema``."""

    schema = SCHEMA
    uc = UcKind(
        service=lambda w: w.schemas, id_key="full_name", to_observed=to_observed, changes=_changes
    )

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every schema of ``scope["catalog_name"]`` but the system ones."""
        catalog = str(scope["catalog_name"])
        infos = self.client.call(FAMILY, lambda: list(self.client.w.schemas.list(catalog)))
        for info in infos:
            if info.name not in SYSTEM_SCHEMAS and info.full_name:
                yield Address(KIND, info.full_name), self._observed(info)

    def delete(self, address: Address, observed: Observed) -> None:
        at, full_name = str(address), observed.remote_id
        leftovers = schema_leftovers(self.client, full_name, at)
        if leftovers is None:
            return  # already gone
        forced = bool(observed.attributes.get("force_destroy"))
        refuse_unless_forced(f"schema {full_name}", leftovers, forced, at)
        delete = self.client.w.schemas.delete
        delete_quietly(self.client, FAMILY, delete, full_name, force=True, address=at)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        spec = {k: v for k, v in normalize_spec(spec).items() if k not in SCHEMA.write_only}
        create_args, later = split_spec(spec, accepted_fields(self.client.w.schemas.create))
        return self._create(address, create_args, later, f"{spec['catalog_name']}.{spec['name']}")
