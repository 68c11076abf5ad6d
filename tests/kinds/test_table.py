"""databricks_table: the owner and grants of an existing table on the emulator. Facts and
sources: ``catalog.TablesAPI`` (databricks-sdk 0.162: ``get(full_name)``, ``update`` is a
PATCH taking only ``owner``, ``list(catalog_name, schema_name)``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.config.build import load_config
from data_iac.errors import ProviderError
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.tables import Handler

ADDRESS = Address("databricks_table", "orders")
SPEC = {"catalog_name": "main", "schema_name": "sales", "name": "orders", "owner": "data-team"}


def _table(dbx: DatabricksClient) -> None:
    dbx.w.catalogs.create(name="main")
    dbx.w.schemas.create(name="sales", catalog_name="main")
    body = {"name": "orders", "catalog_name": "main", "schema_name": "sales"}
    dbx.w.api_client.do("POST", "/api/2.1/unity-catalog/tables", body=body)


def test_adopts_sets_the_owner_and_never_drops(dbx: DatabricksClient) -> None:
    _table(dbx)
    handler = Handler(dbx)
    created = handler.create(ADDRESS, SPEC)
    assert created.remote_id == "main.sales.orders"
    assert created.attributes["owner"] == "data-team"
    assert [a.key for a, _ in handler.list({"catalog_name": "main", "schema_name": "sales"})] == [
        "main.sales.orders"
    ]
    handler.delete(ADDRESS, created)
    assert dbx.w.tables.get("main.sales.orders").name == "orders"  # forgotten, not dropped


def test_a_missing_table_is_an_error_naming_it(dbx: DatabricksClient) -> None:
    with pytest.raises(ProviderError, match=r"main\.sales\.orders does not exist"):
        Handler(dbx).create(ADDRESS, SPEC)


def test_grants_of_a_table_are_grants_on_the_table_securable(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(
        "name: t\n"
        "resources:\n"
        "  tables:\n"
        "    orders:\n"
        "      catalog_name: main\n"
        "      schema_name: sales\n"
        "      grants: [{principal: analysts, privileges: [SELECT]}]\n"
    )
    resources = load_config(tmp_path / "stack.yaml", environ={}).desired.resources
    grants = resources[Address("databricks_grants", "orders")].spec
    assert (grants["securable_type"], grants["full_name"]) == ("table", "main.sales.orders")
    assert resources[Address("databricks_table", "orders")].spec["name"] == "orders"


def test_grants_apply_to_an_adopted_table(dbx: DatabricksClient) -> None:
    from data_iac.kinds import spec_of
    from data_iac.providers.registry import make_handlers

    _table(dbx)
    grants = make_handlers("databricks", {"host": dbx.w.config.host, "token": "emulator"})[
        "databricks_grants"
    ]
    normalize = spec_of("databricks_grants").normalize
    assert normalize is not None
    spec = normalize(
        {"securable_type": "table", "full_name": "main.sales.orders",
         "grants": [{"principal": "account users", "privileges": ["SELECT"]}]}
    )  # fmt: skip
    applied = grants.create(Address("databricks_grants", "orders"), spec)
    assert applied.attributes["grants"] == {"account users": ["SELECT"]}
