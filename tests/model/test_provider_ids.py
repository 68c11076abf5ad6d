"""State ids of objects reached through a named provider."""

from __future__ import annotations

from data_iac.model.provider_ids import platform_id, scoped_id, split_provider


def test_split_and_scope_round_trip() -> None:
    assert split_provider("databricks.dev|dev.sales") == ("databricks.dev", "dev.sales")
    assert scoped_id("databricks.dev", "dev.sales") == "databricks.dev|dev.sales"
    assert scoped_id(None, "dev.sales") == "dev.sales"


def test_ids_without_a_provider_are_left_alone() -> None:
    # An assignment's own id holds a bar, and a DSS id may hold anything: only a Databricks
    # provider name in front counts.
    assert split_provider("1234|5678") == (None, "1234|5678")
    assert split_provider("PROJECT.dataset") == (None, "PROJECT.dataset")
    assert platform_id("databricks.account|1234|5678") == "1234|5678"
