"""Unity Catalog kinds: nested and stand-alone schemas and volumes, and their grants."""

from __future__ import annotations

from pathlib import Path

from data_iac.addresses import Address
from data_iac.config.stack.context import StackContext
from data_iac.config.stack.unity import build_catalog, build_schema, build_volume


def test_catalog_nesting_gives_keys_from_parent_and_name() -> None:
    ctx = StackContext({}, Path("."))
    raw = {
        "name": "dev",
        "grants": [{"principal": "u", "privileges": ["USE_CATALOG"]}],
        "schemas": [{"name": "raw", "volumes": [{"name": "files", "storage_location": "s3://b"}]}],
    }
    build_catalog(ctx, "cat", raw, ("resources", "catalogs", "cat"))
    made = {str(r.address): r for r in ctx.resolve_references()}
    assert sorted(made) == [
        "databricks_catalog.cat",
        "databricks_grants.cat",
        "databricks_schema.cat.raw",
        "databricks_volume.cat.raw.files",
    ]
    volume = made["databricks_volume.cat.raw.files"]
    assert volume.spec["volume_type"] == "EXTERNAL"
    assert volume.depends_on == {Address("databricks_schema", "cat.raw")}
    assert ctx.by_key == {"cat": Address("databricks_catalog", "cat")}  # children: not keys


def test_stand_alone_schema_and_volume_need_their_parents_names() -> None:
    ctx = StackContext({}, Path("."))
    build_schema(ctx, "s", {"name": "raw"}, ("resources", "schemas", "s"))
    build_volume(ctx, "v", {"name": "files", "catalog_name": "dev"}, ("resources", "volumes", "v"))
    assert [p.message for p in ctx.problems] == [
        "a schema needs catalog_name",
        "a volume needs catalog_name and schema_name",
    ]
