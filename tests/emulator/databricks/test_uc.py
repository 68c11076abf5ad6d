"""Unity Catalog (catalogs, schemas, volumes, tables, grants) through the real SDK."""
# ruff: noqa: F811 - pytest fixtures imported from core_fixtures are parameters here

from __future__ import annotations

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import BadRequest, NotFound
from databricks.sdk.service import catalog as uc

from data_iac.emulator.server import Emulator
from tests.emulator.databricks.core_fixtures import (  # noqa: F401 - fixtures
    _core_emulator,
    _core_small_emulator,
    core,
    core_small,
    cw,
    small_cw,
)
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture

BASE = "/api/2.1/unity-catalog"


def _grant(principal: str, add=(), remove=()) -> uc.PermissionsChange:
    return uc.PermissionsChange(
        principal=principal,
        add=[uc.Privilege(p) for p in add] or None,
        remove=[uc.Privilege(p) for p in remove] or None,
    )


def _schema(w: WorkspaceClient, catalog: str = "main", name: str = "s") -> uc.SchemaInfo:
    if not any(c.name == catalog for c in w.catalogs.list()):
        w.catalogs.create(catalog)
    return w.schemas.create(name, catalog)


# -- catalogs --------------------------------------------------------------------------------
def test_catalog_create_sends_the_captured_body_and_fills_server_fields(core, cw) -> None:
    sent = capture(core)
    info = cw.catalogs.create("main", comment="c", properties={"k": "v"})
    assert bodies(sent) == [{"comment": "c", "name": "main", "properties": {"k": "v"}}]
    assert (info.full_name, info.owner, info.catalog_type) == (
        "main",
        "emulator-user@example.com",
        uc.CatalogType.MANAGED_CATALOG,
    )
    assert info.created_at and info.created_by and info.updated_at and info.metastore_id
    assert info.isolation_mode == uc.CatalogIsolationMode.OPEN


def test_catalog_responses_round_trip(cw) -> None:
    cw.catalogs.create("main", comment="c", properties={"k": "v"}, storage_root="s3://b/x/")
    raw = cw.api_client.do("GET", f"{BASE}/catalogs/main")
    assert isinstance(raw, dict) and raw["storage_root"] == "s3://b/x"
    assert_round_trips(uc.CatalogInfo, raw)
    listed = cw.api_client.do("GET", f"{BASE}/catalogs", query={"max_results": 0})
    assert_round_trips(uc.ListCatalogsResponse, listed)


def test_catalog_names_are_lowercased_and_lookups_case_insensitive(cw) -> None:
    assert cw.catalogs.create("Sales").name == "sales"
    assert cw.catalogs.get("SALES").name == "sales"


def test_missing_catalog_is_a_404_with_the_uc_code(cw) -> None:
    with pytest.raises(NotFound) as caught:
        cw.catalogs.get("nope")
    assert caught.value.error_code == "CATALOG_DOES_NOT_EXIST"
    assert str(caught.value) == "Catalog 'nope' does not exist."


def test_duplicate_catalog_is_a_400_already_exists(cw) -> None:
    cw.catalogs.create("main")
    with pytest.raises(BadRequest) as caught:
        cw.catalogs.create("main")
    assert caught.value.error_code == "CATALOG_ALREADY_EXISTS"


def test_invalid_catalog_name_is_refused(cw) -> None:
    with pytest.raises(BadRequest, match="is not a valid name"):
        cw.catalogs.create("a b")


def test_catalog_update_sends_the_captured_body_and_bumps_updated_at(core, cw) -> None:
    before = cw.catalogs.create("main", comment="c")
    sent = capture(core)
    after = cw.catalogs.update(
        "main", comment="c2", owner="grp", isolation_mode=uc.CatalogIsolationMode.ISOLATED
    )
    assert bodies(sent) == [{"comment": "c2", "isolation_mode": "ISOLATED", "owner": "grp"}]
    assert (after.comment, after.owner) == ("c2", "grp")
    assert after.updated_at is not None and after.updated_at > (before.updated_at or 0)


def test_catalog_rename_moves_its_schemas(cw) -> None:
    _schema(cw, "old", "s")
    cw.catalogs.update("old", new_name="new")
    assert cw.schemas.get("new.s").catalog_name == "new"
    with pytest.raises(NotFound):
        cw.catalogs.get("old")


def test_non_empty_catalog_delete_needs_force(core, cw) -> None:
    _schema(cw)
    with pytest.raises(BadRequest) as caught:
        cw.catalogs.delete("main")
    assert caught.value.error_code == "CATALOG_NOT_EMPTY"
    sent = capture(core)
    cw.catalogs.delete("main", force=True)
    assert sent[0].query == {"force": ["true"]}
    with pytest.raises(NotFound):
        cw.schemas.get("main.s")


def test_catalog_list_pages(core_small: Emulator, small_cw) -> None:
    for index in range(5):
        small_cw.catalogs.create(f"c{index}")
    sent = capture(core_small)
    assert [c.name for c in small_cw.catalogs.list()] == [f"c{i}" for i in range(5)]
    assert len(sent) == 3 and sent[0].query["max_results"] == ["0"]


# -- schemas ---------------------------------------------------------------------------------
def test_schema_create_sends_the_captured_body_and_lowercases(core, cw) -> None:
    cw.catalogs.create("main")
    sent = capture(core)
    info = cw.schemas.create("MySCHEMA_x", "main")
    assert bodies(sent) == [{"catalog_name": "main", "name": "MySCHEMA_x"}]
    assert (info.name, info.full_name) == ("myschema_x", "main.myschema_x")
    assert info.schema_id and info.owner and info.created_at
    raw = cw.api_client.do("GET", f"{BASE}/schemas/main.myschema_x")
    assert_round_trips(uc.SchemaInfo, raw)


def test_schema_errors(cw) -> None:
    with pytest.raises(NotFound) as missing_catalog:
        cw.schemas.create("s", "nope")
    assert missing_catalog.value.error_code == "CATALOG_DOES_NOT_EXIST"
    _schema(cw)
    with pytest.raises(BadRequest) as duplicate:
        cw.schemas.create("s", "main")
    assert duplicate.value.error_code == "SCHEMA_ALREADY_EXISTS"
    with pytest.raises(NotFound, match=r"Schema 'main.x' does not exist."):
        cw.schemas.get("main.x")


def test_schema_update_list_and_non_empty_delete(cw) -> None:
    _schema(cw)
    cw.schemas.update("main.s", comment="new", properties={"a": "1"})
    assert cw.schemas.get("main.s").properties == {"a": "1"}
    assert [s.name for s in cw.schemas.list("main")] == ["default", "information_schema", "s"]
    cw.volumes.create("main", "s", "v", uc.VolumeType.MANAGED)
    with pytest.raises(BadRequest, match=r"tables\(s\), 0 functions\(s\), 1 volumes\(s\)"):
        cw.schemas.delete("main.s")
    cw.schemas.delete("main.s", force=True)
    with pytest.raises(NotFound):
        cw.volumes.read("main.s.v")


def test_schema_list_pages(small_cw) -> None:
    small_cw.catalogs.create("main")
    for index in range(4):
        small_cw.schemas.create(f"s{index}", "main")
    assert len(list(small_cw.schemas.list("main"))) == 6  # + default, information_schema


# -- volumes ---------------------------------------------------------------------------------
def test_volume_create_sends_the_captured_body_and_round_trips(core, cw) -> None:
    _schema(cw)
    sent = capture(core)
    info = cw.volumes.create("main", "s", "V", uc.VolumeType.MANAGED)
    assert bodies(sent) == [
        {"catalog_name": "main", "name": "V", "schema_name": "s", "volume_type": "MANAGED"}
    ]
    assert (info.full_name, info.volume_type) == ("main.s.v", uc.VolumeType.MANAGED)
    assert info.volume_id and info.storage_location
    assert_round_trips(uc.VolumeInfo, cw.api_client.do("GET", f"{BASE}/volumes/main.s.v"))


def test_volume_storage_location_rules(cw) -> None:
    _schema(cw)
    with pytest.raises(BadRequest, match="storage_location can not be provided"):
        cw.volumes.create("main", "s", "m", uc.VolumeType.MANAGED, storage_location="s3://b/m")
    ext = cw.volumes.create("main", "s", "e", uc.VolumeType.EXTERNAL, storage_location="s3://b/e/")
    assert ext.storage_location == "s3://b/e"


def test_volume_update_list_delete(small_cw) -> None:
    _schema(small_cw)
    for name in ("a", "b", "c"):
        small_cw.volumes.create("main", "s", name, uc.VolumeType.MANAGED)
    assert small_cw.volumes.update("main.s.a", comment="x").comment == "x"
    assert [v.name for v in small_cw.volumes.list("main", "s")] == ["a", "b", "c"]
    small_cw.volumes.delete("main.s.a")
    with pytest.raises(NotFound, match=r"Volume 'main.s.a' does not exist."):
        small_cw.volumes.read("main.s.a")


# -- tables (read side) ----------------------------------------------------------------------
def test_tables_get_list_exists_summaries(cw) -> None:
    _schema(cw)
    cw.tables.create(
        "t",
        "main",
        "s",
        uc.TableType.MANAGED,
        uc.DataSourceFormat.DELTA,
        "s3://b/t",
        columns=[uc.ColumnInfo(name="id", type_name=uc.ColumnTypeName.LONG, position=0)],
    )
    raw = cw.api_client.do("GET", f"{BASE}/tables/main.s.t")
    assert_round_trips(uc.TableInfo, raw)
    assert [t.full_name for t in cw.tables.list("main", "s")] == ["main.s.t"]
    assert cw.tables.exists("main.s.t").table_exists is True
    assert cw.tables.exists("main.s.nope").table_exists is False
    assert [t.full_name for t in cw.tables.list_summaries("main")] == ["main.s.t"]
    with pytest.raises(NotFound) as caught:
        cw.tables.get("main.s.nope")
    assert caught.value.error_code == "TABLE_DOES_NOT_EXIST"


# -- grants ----------------------------------------------------------------------------------
def test_grants_update_and_get_any_securable_type_case(core, cw) -> None:
    cw.catalogs.create("main")
    sent = capture(core)
    cw.grants.update("catalog", "main", changes=[_grant("account users", add=["USE_CATALOG"])])
    assert bodies(sent) == [{"changes": [{"add": ["USE_CATALOG"], "principal": "account users"}]}]
    assert sent[0].path == f"{BASE}/permissions/catalog/main"
    got = cw.grants.get("CATALOG", "main")
    assert got.as_dict() == {
        "privilege_assignments": [{"principal": "account users", "privileges": ["USE_CATALOG"]}]
    }
    raw = cw.api_client.do("GET", f"{BASE}/permissions/Catalog/main")
    assert_round_trips(uc.GetPermissionsResponse, raw)


def test_grants_add_and_remove_per_principal(cw) -> None:
    _schema(cw)
    cw.grants.update(
        "schema", "main.s", changes=[_grant("account users", add=["USE_SCHEMA", "SELECT"])]
    )
    result = cw.grants.update(
        "schema",
        "main.s",
        changes=[
            _grant("account users", remove=["SELECT"]),
            _grant("emulator-user@example.com", add=["MODIFY"]),
        ],
    )
    assert result.as_dict()["privilege_assignments"] == [
        {"principal": "account users", "privileges": ["USE_SCHEMA"]},
        {"principal": "emulator-user@example.com", "privileges": ["MODIFY"]},
    ]
    only = cw.grants.get("schema", "main.s", principal="emulator-user@example.com")
    assert [a.principal for a in only.privilege_assignments or []] == ["emulator-user@example.com"]


def test_grant_errors(cw) -> None:
    cw.catalogs.create("main")
    with pytest.raises(BadRequest) as unknown:
        cw.grants.update("catalog", "main", changes=[_grant("ghosts", add=["USE_CATALOG"])])
    assert unknown.value.error_code == "PRINCIPAL_DOES_NOT_EXIST"
    assert str(unknown.value) == "Could not find principal with name ghosts."
    with pytest.raises(BadRequest, match="Duplicate privileges to add and delete"):
        cw.grants.update(
            "catalog", "main", changes=[_grant("account users", add=["SELECT"], remove=["SELECT"])]
        )
    with pytest.raises(BadRequest, match="not applicable"):
        cw.grants.update("catalog", "main", changes=[_grant("account users", add=["READ_FILES"])])
    with pytest.raises(NotFound) as missing:
        cw.grants.get("catalog", "nope")
    assert missing.value.error_code == "CATALOG_DOES_NOT_EXIST"


def test_seeded_account_principal_can_be_granted(core, cw) -> None:
    cw.catalogs.create("main")
    core.store.table("databricks.uc_principals")["data-eng"] = {"type": "group"}
    cw.grants.update("catalog", "main", changes=[_grant("data-eng", add=["BROWSE"])])
    assert cw.grants.get("catalog", "main").privilege_assignments[0].principal == "data-eng"


def test_effective_grants_include_inherited(cw) -> None:
    _schema(cw)
    cw.grants.update("catalog", "main", changes=[_grant("account users", add=["USE_CATALOG"])])
    cw.grants.update("schema", "main.s", changes=[_grant("account users", add=["SELECT"])])
    effective = cw.grants.get_effective("schema", "main.s")
    privileges = (effective.privilege_assignments or [])[0].privileges or []
    assert {(p.privilege.value, p.inherited_from_name) for p in privileges if p.privilege} == {
        ("USE_CATALOG", "main"),
        ("SELECT", None),
    }


def test_privilege_assignments_list_pages(core_small: Emulator, small_cw) -> None:
    small_cw.catalogs.create("main")
    core_small.store.table("databricks.uc_principals")["svc@example.com"] = {"type": "user"}
    principals = ["account users", "emulator-user@example.com", "svc@example.com"]
    small_cw.grants.update(
        "catalog", "main", changes=[_grant(p, add=["BROWSE"]) for p in principals]
    )
    listed = list(small_cw.grants.list("catalog", "main"))
    assert sorted(a.principal for a in listed) == sorted(principals)


def test_grants_are_dropped_with_their_securable(cw) -> None:
    cw.catalogs.create("main")
    cw.grants.update("catalog", "main", changes=[_grant("account users", add=["USE_CATALOG"])])
    cw.catalogs.delete("main", force=True)
    cw.catalogs.create("main")
    assert not cw.grants.get("catalog", "main").privilege_assignments


def test_every_listing_and_grant_response_round_trips(cw) -> None:
    _schema(cw)
    cw.volumes.create("main", "s", "v", uc.VolumeType.MANAGED)
    cw.tables.create("t", "main", "s", uc.TableType.MANAGED, uc.DataSourceFormat.DELTA, "s3://t")
    in_schema = {"catalog_name": "main", "schema_name": "s"}
    change = {"changes": [{"principal": "account users", "add": ["USE_CATALOG"]}]}
    cases = [
        (uc.ListSchemasResponse, "GET", f"{BASE}/schemas", {"catalog_name": "main"}, None),
        (uc.ListVolumesResponseContent, "GET", f"{BASE}/volumes", in_schema, None),
        (uc.ListTablesResponse, "GET", f"{BASE}/tables", in_schema, None),
        (uc.ListTableSummariesResponse, "GET", f"{BASE}/table-summaries",
         {"catalog_name": "main"}, None),
        (uc.TableExistsResponse, "GET", f"{BASE}/tables/main.s.t/exists", None, None),
        (uc.UpdatePermissionsResponse, "PATCH", f"{BASE}/permissions/catalog/main", None, change),
        (uc.EffectivePermissionsList, "GET", f"{BASE}/effective-permissions/schema/main.s",
         None, None),
    ]  # fmt: skip
    for cls, method, path, query, body in cases:
        raw = cw.api_client.do(method, path, query=query, body=body)
        assert isinstance(raw, dict) and raw, path
        assert_round_trips(cls, raw)


# -- details a real workspace shows (issue 14 item 5) ----------------------------------------
def test_a_new_catalog_has_a_default_schema_that_blocks_a_plain_delete(cw) -> None:
    """A standard catalog gets ``default`` besides ``information_schema``: the Terraform
    provider deletes it right after the create "only for standard catalog"
    (terraform-provider-databricks ``catalog/resource_catalog.go`` at 684f4424), and the
    Asset Bundles direct engine deletes catalogs with ``force: true`` (databricks/cli
    ``bundle/direct/dresources/catalog.go`` at 7bbe2852)."""
    cw.catalogs.create("main")
    default = cw.schemas.get("main.default")
    assert (default.owner, default.catalog_name) == ("emulator-user@example.com", "main")
    with pytest.raises(BadRequest, match="is not empty"):
        cw.catalogs.delete("main")
    cw.schemas.delete("main.default")
    cw.catalogs.delete("main")
    cw.catalogs.create("shared", share_name="s", provider_name="p")
    assert [s.name for s in cw.schemas.list("shared")] == ["information_schema"]


@pytest.mark.parametrize(
    ("path", "rpc"),
    [("catalogs/main", "UpdateCatalog"), ("schemas/main.s", "UpdateSchema")],
)
def test_an_empty_patch_answers_nothing_to_update(cw, path: str, rpc: str) -> None:
    """UC refuses an update with no field: "UpdateSchema Nothing to update" (databricks/cli
    ``bundle/direct/dresources/resources.yml`` at 7bbe2852)."""
    _schema(cw)
    with pytest.raises(BadRequest, match=f"^{rpc} Nothing to update$"):
        cw.api_client.do("PATCH", f"{BASE}/{path}", body={})
    cw.api_client.do("PATCH", f"{BASE}/{path}", body={"comment": ""})


def test_removing_all_privileges_removes_every_privilege_before_the_additions(cw) -> None:
    """Recorded on a real workspace: holding ``CREATE_TABLE, USE_SCHEMA``, the change
    ``remove [ALL_PRIVILEGES], add [APPLY_TAG, CREATE_TABLE]`` leaves ``APPLY_TAG,
    CREATE_TABLE`` (databricks/cli
    ``acceptance/bundle/resources/grants/schemas/change_privilege/output.txt`` at 7bbe2852,
    ``Cloud = true``)."""
    _schema(cw)
    who = "account users"
    cw.grants.update("schema", "main.s", changes=[_grant(who, add=["CREATE_TABLE", "USE_SCHEMA"])])
    change = _grant(who, add=["APPLY_TAG", "CREATE_TABLE"], remove=["ALL_PRIVILEGES"])
    after = cw.grants.update("schema", "main.s", changes=[change])
    assert [(a.principal, a.privileges) for a in after.privilege_assignments or []] == [
        (who, [uc.Privilege.APPLY_TAG, uc.Privilege.CREATE_TABLE])
    ]
    cw.grants.update("schema", "main.s", changes=[_grant(who, remove=["ALL_PRIVILEGES"])])
    assert not cw.grants.get("schema", "main.s").privilege_assignments
