"""``databricks_volume``: a Unity Catalog volume, identified by ``catalog.schema.name``.

Spec (REST names): ``catalog_name``, ``schema_name``, ``name``, ``volume_type`` (MANAGED |
EXTERNAL), and optionally ``storage_location`` (EXTERNAL only), ``comment``, ``owner``.
Only ``comment`` and ``owner`` can change in place; everything else plans a replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.volume import SPEC as SCHEMA
from data_iac.kinds.databricks.volume import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import pick
from data_iac.providers.databricks._uc import FAMILY, UcHandler, UcKind

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_volume"


MANAGED = (
    "catalog_name",
    "schema_name",
    "name",
    "volume_type",
    "storage_location",
    "comment",
    "owner",
)
UPDATABLE = ("comment", "owner")


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """VolumeInfo JSON -> attributes: managed plus computed fields. Pure."""
    return pick(raw, (*MANAGED, *sorted(SCHEMA.computed)))


def _full_name(spec: Mapping[str, Any]) -> str:
    return f"{spec['catalog_name']}.{spec['schema_name']}.{spec['name']}"


def _changes(spec: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in normalize_spec(spec).items() if k in UPDATABLE}


class Handler(UcHandler):
    """CRUD for volumes; the remote id is the full name."""

    schema = SCHEMA
    uc = UcKind(
        service=lambda w: w.volumes,
        id_key="full_name",
        to_observed=to_observed,
        changes=_changes,
        getter=lambda service: service.read,  # the volumes service reads with ``read``
    )

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every volume of ``scope["catalog_name"]``.``scope["schema_name"]``."""
        catalog, schema = str(scope["catalog_name"]), str(scope["schema_name"])
        infos = self.client.call(FAMILY, lambda: list(self.client.w.volumes.list(catalog, schema)))
        for info in infos:
            if info.full_name:
                yield Address(KIND, info.full_name), self._observed(info)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        spec = normalize_spec(spec)
        later = {k: spec[k] for k in UPDATABLE if k != "comment" and spec.get(k) is not None}
        args = {k: v for k, v in spec.items() if k not in later and v is not None}
        return self._create(address, args, later, _full_name(spec))
