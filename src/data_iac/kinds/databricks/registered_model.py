"""``databricks_registered_model``: a Unity Catalog registered model, ``catalog.schema.model``.

Generic handler over ``w.registered_models`` (``catalog.RegisteredModelsAPI``): created
from ``catalog_name``, ``schema_name`` and ``name``, then addressed by its full name; a
rename is an update (``new_name``: the full name then ends with the new name).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import StackEntry
from data_iac.kinds.databricks._pure import uc_normalized
from data_iac.kinds.databricks._sources import RESOURCES_YML
from data_iac.model.kind import SERVER_SET, KindSpec, ListScope, SdkApi, Strategy

__all__ = ["SPEC", "RegisteredModel", "normalize_spec"]


class RegisteredModel(StackEntry):
    """A registered model as a stack writes it (REST field names)."""

    name: str | None = None
    catalog_name: str
    schema_name: str
    comment: str | None = None
    owner: str | None = None
    storage_location: str | None = None


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Names lower-cased as Unity Catalog stores them (platform-apis.md 7.B.6)."""
    return uc_normalized(spec, ("catalog_name", "schema_name", "name"), "storage_location")


SPEC = KindSpec(
    kind="databricks_registered_model",
    sections=("registered_models",),
    config_model=RegisteredModel,
    immutable=frozenset({"catalog_name", "schema_name", "storage_location"}),
    defaults={k: SERVER_SET for k in ("storage_location", "owner", "full_name", "metastore_id")},
    reasons={"defaults": f"{RESOURCES_YML} registered_models.backend_defaults"},
    computed=frozenset(
        {
            "full_name",
            "metastore_id",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
            "aliases",
            "browse_only",
        }
    ),
    normalize=normalize_spec,
    parent="databricks_schema",
    scope=ListScope(("catalog_name", "schema_name")),
    identity=("catalog_name", "schema_name", "name"),
    import_id="the full name: `main.ml.churn`",
    refresh=Strategy.LISTING,
    generate="registered_model",
    api=SdkApi(
        service="registered_models",
        id_field="full_name",
        update_takes_id_in_body=False,
        family="unity-catalog",
    ),
)
