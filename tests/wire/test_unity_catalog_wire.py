"""Unity Catalog on the wire: catalogs, schemas, volumes and grants.

Sources (databricks/cli at 7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f, ``Cloud = true``):

- ``acceptance/bundle/resource_deps/remote_field_storage_location/out.deploy.requests.direct.json``:
  ``POST /api/2.1/unity-catalog/schemas`` with ``catalog_name``, ``name``; ``POST .../volumes``
  with ``catalog_name``, ``schema_name``, ``name``, ``volume_type`` ``MANAGED``.
- ``acceptance/bundle/resources/grants/catalogs/out.deploy1.requests.direct.json``: ``PATCH
  /api/2.1/unity-catalog/permissions/catalog/<name>`` with ``changes[].{principal, add[]}``.
- ``acceptance/bundle/resources/catalogs/with-schemas/output.txt``: ``catalogs get`` answers
  ``name``, ``comment``, ``properties``; ``schemas get`` answers ``full_name``,
  ``catalog_name``, ``comment``.

Every key must also be a parameter of the SDK method sending it or a field of the SDK's
answer dataclass (databricks-sdk 0.162 ``service/catalog.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

from databricks.sdk import WorkspaceClient
from databricks.sdk.service import catalog

from data_iac.emulator.server import Emulator
from data_iac.providers.base import ResourceHandler
from tests.wire.shapes import OneOf, mismatches, unknown_arguments, unknown_fields
from tests.wire.wire import body_of, create, sent

UC = r"/api/2\.1/unity-catalog"
CATALOG_ANSWER = {"name": str, "comment": str, "properties": dict, "owner": str}
SCHEMA_SHAPE = {"catalog_name": str, "name": str}
SCHEMA_ANSWER = {"full_name": str, "catalog_name": str, "comment": str}
VOLUME_SHAPE = {
    "catalog_name": str,
    "schema_name": str,
    "name": str,
    "volume_type": OneOf({"MANAGED", "EXTERNAL"}),
}
VOLUME_ANSWER = {**VOLUME_SHAPE, "full_name": str, "storage_location": str}
GRANTS_SHAPE = {"changes": [{"principal": str, "add": [str]}]}
GRANTS_ANSWER = {"privilege_assignments": [{"principal": str, "privileges": [str]}]}


def test_catalog_schema_and_volume(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    requests = sent(emulator)
    create(
        handlers,
        "databricks_catalog",
        "sales",
        {"name": "sales", "comment": "c", "properties": {"a": "1"}},
    )
    body = body_of(requests, "POST", rf"{UC}/catalogs")
    assert unknown_arguments(body, catalog.CatalogsAPI.create) == []
    answer = w.api_client.do("GET", "/api/2.1/unity-catalog/catalogs/sales")
    assert mismatches(answer, CATALOG_ANSWER) == []
    assert unknown_fields(answer, catalog.CatalogInfo) == []

    create(
        handlers,
        "databricks_schema",
        "sales.raw",
        {"catalog_name": "sales", "name": "raw", "comment": "s"},
    )
    body = body_of(requests, "POST", rf"{UC}/schemas")
    assert mismatches(body, SCHEMA_SHAPE) == []
    assert unknown_arguments(body, catalog.SchemasAPI.create) == []
    answer = w.api_client.do("GET", "/api/2.1/unity-catalog/schemas/sales.raw")
    assert mismatches(answer, SCHEMA_ANSWER) == []
    assert unknown_fields(answer, catalog.SchemaInfo) == []

    volume = {
        "catalog_name": "sales",
        "schema_name": "raw",
        "name": "files",
        "volume_type": "MANAGED",
    }
    create(handlers, "databricks_volume", "sales.raw.files", volume)
    body = body_of(requests, "POST", rf"{UC}/volumes")
    assert mismatches(body, VOLUME_SHAPE) == []
    assert unknown_arguments(body, catalog.VolumesAPI.create) == []
    answer = w.api_client.do("GET", "/api/2.1/unity-catalog/volumes/sales.raw.files")
    assert mismatches(answer, VOLUME_ANSWER) == []
    assert unknown_fields(answer, catalog.VolumeInfo) == []


def test_grants_patch_and_answer(
    handlers: Mapping[str, ResourceHandler], emulator: Emulator, w: WorkspaceClient
) -> None:
    create(handlers, "databricks_catalog", "sales", {"name": "sales"})
    spec = {
        "securable_type": "catalog",
        "full_name": "sales",
        "grants": [{"principal": "account users", "privileges": ["USE_CATALOG", "CREATE_SCHEMA"]}],
    }
    requests = sent(emulator)
    create(handlers, "databricks_grants", "sales", spec)
    body = body_of(requests, "PATCH", rf"{UC}/permissions/catalog/sales")
    assert mismatches(body, GRANTS_SHAPE) == []
    assert unknown_arguments(body, catalog.GrantsAPI.update) == []
    answer = w.api_client.do("GET", "/api/2.1/unity-catalog/permissions/catalog/sales")
    assert mismatches(answer, GRANTS_ANSWER) == []
    assert unknown_fields(answer, catalog.GetPermissionsResponse) == []
