"""databricks_grants: additive versus authoritative, through the real SDK."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.errors import ProviderError, ResourceNotFound
from data_iac.providers.databricks import catalogs, grants
from data_iac.providers.databricks.client import DatabricksClient

ADDRESS = Address("databricks_grants", "sales")


@pytest.fixture
def handler(dbx: DatabricksClient, emulator: Emulator) -> grants.Handler:
    catalogs.Handler(dbx).create(Address("databricks_catalog", "sales"), {"name": "sales"})
    for name in ("data-eng", "analysts", "auditors"):  # account groups
        emulator.store.table("databricks.uc_principals")[name] = {"type": "group"}
    return grants.Handler(dbx)


def _spec(mode: str, **by_principal: list[str]) -> dict:
    rows = [{"principal": p.replace("_", "-"), "privileges": v} for p, v in by_principal.items()]
    return {"securable_type": "catalog", "full_name": "sales", "grants": rows, "grants_mode": mode}


def _held(dbx: DatabricksClient) -> dict[str, list[str]]:
    response = dbx.w.grants.get("catalog", "sales")
    return {
        a.principal: sorted(p.value for p in a.privileges)
        for a in response.privilege_assignments or []
    }


def _no_diff(handler: grants.Handler, spec: dict, observed) -> None:
    normal = grants.normalize_spec(spec)
    assert diff_attributes(normal, observed.attributes, handler.schema) == []


def test_additive_leaves_unlisted_principals_alone(handler, dbx) -> None:
    handler.create(ADDRESS, _spec("authoritative", analysts=["BROWSE"]))
    spec = _spec("additive", data_eng=["USE_CATALOG", "USE_SCHEMA"])
    created = handler.create(ADDRESS, spec)
    assert created.remote_id == "catalog/sales"
    assert created.attributes["grants"] == {"data-eng": ["USE_CATALOG", "USE_SCHEMA"]}
    assert _held(dbx) == {"data-eng": ["USE_CATALOG", "USE_SCHEMA"], "analysts": ["BROWSE"]}
    read = handler.read(ADDRESS, "catalog/sales")
    _no_diff(handler, spec, read)  # analysts' BROWSE is not drift in additive mode
    handler.delete(ADDRESS, created)
    assert _held(dbx) == {"analysts": ["BROWSE"]}


def test_authoritative_revokes_unlisted_principals(handler, dbx) -> None:
    handler.create(ADDRESS, _spec("additive", analysts=["BROWSE"]))
    spec = _spec("authoritative", data_eng=["USE_CATALOG"])
    read = handler.read(ADDRESS, "catalog/sales")
    assert diff_attributes(grants.normalize_spec(spec), read.attributes, handler.schema)
    handler.update(ADDRESS, read, spec)
    assert _held(dbx) == {"data-eng": ["USE_CATALOG"]}
    _no_diff(handler, spec, handler.read(ADDRESS, "catalog/sales"))
    handler.delete(ADDRESS, handler.read(ADDRESS, "catalog/sales"))
    assert handler.read(ADDRESS, "catalog/sales") is None


def test_update_sends_one_patch_with_exact_changes(handler, dbx, emulator) -> None:
    observed = handler.create(ADDRESS, _spec("additive", data_eng=["USE_CATALOG", "BROWSE"]))
    emulator.clear_requests()
    seen: list = []
    emulator.hooks.before.append(lambda r, route: seen.append(r) if r.method == "PATCH" else None)
    handler.update(ADDRESS, observed, _spec("additive", data_eng=["USE_CATALOG", "USE_SCHEMA"]))
    assert [r.json() for r in seen] == [
        {"changes": [{"add": ["USE_SCHEMA"], "principal": "data-eng", "remove": ["BROWSE"]}]}
    ]
    seen.clear()
    handler.update(ADDRESS, observed, _spec("additive", data_eng=["USE_SCHEMA", "USE_CATALOG"]))
    assert seen == []  # nothing to change: no request


def test_plan_changes_is_exact() -> None:
    current = {"a": ["SELECT"], "b": ["MODIFY"]}
    desired = {"a": ["SELECT", "MODIFY"]}
    assert grants.plan_changes(current, desired, "additive") == [
        {"principal": "a", "add": ["MODIFY"]}
    ]
    assert grants.plan_changes(current, desired, "authoritative") == [
        {"principal": "a", "add": ["MODIFY"]},
        {"principal": "b", "remove": ["MODIFY"]},
    ]


def test_normalize_spec_accepts_both_shapes_and_is_idempotent() -> None:
    spec = _spec("AUTHORITATIVE", analysts=["SELECT", "BROWSE", "SELECT"])
    once = grants.normalize_spec(spec)
    assert once["grants"] == {"analysts": ["BROWSE", "SELECT"]}
    assert once["principals"] == ["analysts"] and once["securable_type"] == "CATALOG"
    assert grants.normalize_spec(once) == once
    with pytest.raises(ProviderError):
        grants.normalize_spec({**spec, "grants_mode": "sometimes"})


def test_errors(handler) -> None:
    with pytest.raises(ProviderError, match="Could not find principal"):
        handler.create(ADDRESS, _spec("additive", ghosts=["BROWSE"]))
    with pytest.raises(ProviderError, match="unknown privilege"):
        handler.create(ADDRESS, _spec("additive", analysts=["FLY"]))
    missing = {**_spec("additive", analysts=["BROWSE"]), "full_name": "nope"}
    with pytest.raises(ResourceNotFound):
        handler.create(ADDRESS, missing)
    assert handler.read(ADDRESS, "catalog/nope") is None


def test_list_yields_the_securable_grants(handler) -> None:
    handler.create(ADDRESS, _spec("additive", analysts=["BROWSE"]))
    listed = list(handler.list({"securable_type": "catalog", "full_name": "sales"}))
    assert [(a.key, o.attributes["principals"]) for a, o in listed] == [
        ("catalog/sales", ["analysts"])
    ]


def test_a_workspace_scim_group_cannot_be_granted(handler, dbx) -> None:
    # Unity Catalog resolves account-level identities only: a group created through the
    # workspace SCIM API is workspace-local (platform-apis.md B.4; terraform-provider-databricks
    # issues #1773, #5413: "cannot update grants: Could not find principal with name admins.").
    dbx.w.groups.create(display_name="workspace-analysts")
    with pytest.raises(ProviderError, match="Could not find principal with name workspace-an"):
        handler.create(ADDRESS, _spec("additive", workspace_analysts=["BROWSE"]))
    with pytest.raises(ProviderError, match="Could not find principal with name admins"):
        handler.create(ADDRESS, _spec("additive", admins=["BROWSE"]))
    assert _held(dbx) == {}


def test_read_follows_page_tokens() -> None:
    from data_iac.emulator.server import EmulatorOptions
    from data_iac.providers.databricks.client import connect

    with Emulator(options=EmulatorOptions(page_size=2)) as small:
        client = connect({"host": small.url, "token": "t", "rate_limit": 0})
        client.w.catalogs.create("sales")
        for name in ("analysts", "auditors"):
            small.store.table("databricks.uc_principals")[name] = {"type": "group"}
        handler = grants.Handler(client)
        handler.create(ADDRESS, _spec("additive", analysts=["BROWSE"], auditors=["BROWSE"]))
        third = {"principal": "account users", "privileges": ["BROWSE"]}
        handler.create(ADDRESS, {**_spec("additive"), "grants": [third]})
        read = handler.read(ADDRESS, "catalog/sales")
    assert read is not None
    assert read.attributes["principals"] == ["account users", "analysts", "auditors"]


def test_dropping_all_privileges_keeps_the_privileges_still_wanted(handler, dbx) -> None:
    """Removing ALL_PRIVILEGES takes every privilege away before the additions (a real
    workspace, databricks/cli ``acceptance/bundle/resources/grants/schemas/change_privilege``
    at 7bbe2852), so the wanted ones are sent again as additions."""
    created = handler.create(ADDRESS, _spec("additive", data_eng=["ALL_PRIVILEGES", "BROWSE"]))
    assert _held(dbx) == {"data-eng": ["ALL_PRIVILEGES", "BROWSE"]}
    spec = _spec("additive", data_eng=["BROWSE", "USE_CATALOG"])
    assert grants.plan_changes(
        {"data-eng": ["ALL_PRIVILEGES", "BROWSE"]},
        {"data-eng": ["BROWSE", "USE_CATALOG"]},
        "additive",
    ) == [{"principal": "data-eng", "remove": ["ALL_PRIVILEGES"], "add": ["BROWSE", "USE_CATALOG"]}]
    updated = handler.update(ADDRESS, created, spec)
    assert _held(dbx) == {"data-eng": ["BROWSE", "USE_CATALOG"]}
    assert updated.attributes["grants"] == {"data-eng": ["BROWSE", "USE_CATALOG"]}
    _no_diff(handler, spec, handler.read(ADDRESS, "catalog/sales"))
