"""dataiku_connection: validate, plan, apply, plan empty, update, drift and import through
the real DSSClient on the emulator; the secret never reaches a plan, the state or the
output. Emulator facts are cited in tests/emulator/dataiku/test_connections.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from tests.kinds.dataiku_support import (
    apply_then_plan_empty,
    dss_client,
    plan,
    run_iac,
    write_config,
)

SECRET = "s3cr3t-pg-password"
DOCUMENT = f"""\
version: "1.0"
project: {{key: SALES, name: Sales}}
connections:
  - name: pg_sales
    type: postgresql
    description: the sales database
    params: {{host: db.internal, port: 5432, db: sales, user: etl}}
    credentials: {{password: {SECRET}}}
    usable_by: ALLOWED
    allowed_groups: [analysts, data-eng]
    allow_managed_datasets: false
datasets:
  - name: ORDERS
    type: postgresql
    connection: pg_sales
    params: {{schema: public, table: orders, mode: table}}
"""


@pytest.fixture
def config(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_config(tmp_path, emulator, DOCUMENT)


def test_apply_then_plan_empty_without_the_secret_anywhere(
    config: Path, emulator: Emulator, tmp_path: Path
) -> None:
    first = apply_then_plan_empty(config)
    order = [c["address"] for c in first["changes"]]
    assert order.index("dataiku_connection.pg_sales") < order.index("dataiku_dataset.SALES.ORDERS")
    assert SECRET not in str(first)
    for state in (tmp_path / ".iac").rglob("*.json"):
        assert SECRET not in state.read_text()
    raw = dss_client(emulator).get_connection("pg_sales").get_settings().get_raw()
    assert (raw["type"], raw["usableBy"], raw["allowManagedDatasets"]) == (
        "PostgreSQL", "ALLOWED", False)  # fmt: skip
    assert raw["params"]["password"].startswith("e:AES:")


def test_param_and_credential_changes_update_in_place(config: Path) -> None:
    apply_then_plan_empty(config)
    document = (config / "project.yml").read_text()
    (config / "project.yml").write_text(document.replace("port: 5432", "port: 6432"))
    code, changed = plan(config)
    assert code == 2
    (change,) = changed["changes"]
    assert (change["action"], change["reasons"]) == ("update", ["params.port"])
    (config / "project.yml").write_text(document.replace(SECRET, "rotated-password"))
    code, changed = plan(config)
    (change,) = changed["changes"]
    assert (change["action"], change["reasons"]) == ("update", ["credentials"])
    assert "rotated-password" not in str(changed)
    retyped = document.replace("type: postgresql\n    desc", "type: mysql\n    desc")
    (config / "project.yml").write_text(retyped)
    code, changed = plan(config)
    assert [c["action"] for c in changed["changes"]] == ["replace"]


def test_drift_and_import(config: Path, emulator: Emulator) -> None:
    dss = dss_client(emulator)
    dss.create_connection("pg_sales", "PostgreSQL", {"host": "db.internal", "port": 5432,
                          "db": "sales", "user": "etl", "password": SECRET},
                          usable_by="ALLOWED", allowed_groups=["data-eng", "analysts"],
                          description="the sales database")  # fmt: skip
    settings = dss.get_connection("pg_sales").get_settings()
    settings.allow_managed_datasets = False
    settings.save()
    address = "dataiku_connection.pg_sales"
    code, _, output = run_iac("import", "-c", str(config), address, "pg_sales")
    assert code == 0, output
    code, planned = plan(config)
    # DSS never gives the password back: an import cannot know it, so the plan writes it
    # once (the same as any write-only secret); nothing else differs.
    reasons = {c["address"]: c.get("reasons") for c in planned["changes"]}
    assert reasons[address] == ["credentials"]
    settings = dss.get_connection("pg_sales").get_settings()
    settings.get_raw()["params"]["host"] = "elsewhere"
    settings.save()
    code, drifted = plan(config)
    reasons = {c["address"]: c.get("reasons") for c in drifted["changes"]}
    assert sorted(reasons[address]) == ["credentials", "params.host"]


def test_validate_refuses_a_secret_in_params(tmp_path: Path, emulator: Emulator) -> None:
    bad = DOCUMENT.replace("user: etl}", "user: etl, password: oops}")
    config = write_config(tmp_path, emulator, bad)
    code, _, output = run_iac("validate", "-c", str(config))
    assert code == 1
    assert "connections[0].params.password: 'password' is a secret" in output
    assert "move it to credentials:" in output
