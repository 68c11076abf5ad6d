"""What the refresh, drift, import and generate tests share: a DSS project config applied
to the in-process emulator, the CLI run in-process, and a DSSClient for out-of-band edits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from data_iac.cli.exits import ExitWith
from data_iac.cli.failure import render_error
from data_iac.cli.main import _register, cli
from data_iac.emulator import Emulator
from data_iac.errors import DataIacError

API_KEY = "test-api-key-for-drift"
PROJECT_YML = """\
version: "1.0"
project:
  key: DRIFTY
  name: Drifty
  description: drift tests
  variables: {threshold: 10}
zones:
  - name: curated
    color: "#2ab1ac"
datasets:
  - name: ORDERS
    type: postgresql
    connection: pg_main
    params: {schema: public, table: orders, mode: table}
  - name: CLEAN
    type: managed
    format_type: parquet
    zone: curated
    tags: [gold]
managed_folders:
  - name: reports
recipes:
  - name: clean
    type: python
    inputs: [ORDERS]
    outputs: [CLEAN]
    zone: curated
    code: |
      print("clean")
scenarios:
  - name: nightly
    active: false
    steps:
      - type: build_flowitem
        name: build
        params: {builds: [{type: DATASET, itemId: CLEAN}]}
"""


def providers_yml(url: str) -> str:
    return f"providers:\n  dataiku:\n    url: {url}\n    api_key: {API_KEY}\n"


def run_iac(*args: str) -> tuple[int, str, str]:
    """(exit code as `iac` would exit, stdout, stdout+stderr) of one in-process run."""
    _register()
    result = CliRunner().invoke(cli, list(args), standalone_mode=False)
    error = result.exception
    if error is None:
        return 0, result.stdout, result.output
    if isinstance(error, ExitWith):
        return error.code, result.stdout, result.output
    if isinstance(error, DataIacError):
        return 1, result.stdout, result.output + render_error(error)
    raise error


def run_json(*args: str) -> tuple[int, Any]:
    code, stdout, _ = run_iac(*args, "--json")
    return code, json.loads(stdout)


@pytest.fixture
def dss_project(
    emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A config dir holding the DRIFTY project, applied to the emulator; yields its path."""
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config"
    config.mkdir()
    (config / "project.yml").write_text(PROJECT_YML + providers_yml(emulator.url))
    code, _, output = run_iac("apply", "-c", str(config), "--auto-approve")
    assert code == 0, output
    yield config


def dss_client(emulator: Emulator) -> Any:
    from dataikuapi import DSSClient

    return DSSClient(emulator.url, API_KEY)


def read_requests(emulator: Emulator) -> list[str]:
    """The non-mutating requests served since the log was last cleared."""
    return [f"{r.method} {r.path}" for r in emulator.request_log() if r.method == "GET"]


TOKEN = "dapi-drift-tests"
STACK_YAML = """\
name: lakehouse
resources:
  catalogs:
    cat-main:
      name: main
      comment: the main catalog
      grants:
        - principal: data-eng
          privileges: [USE_CATALOG]
      schemas:
        - name: raw
          comment: landing zone
  jobs:
    nightly:
      name: nightly-etl
      tasks:
        - task_key: ingest
          notebook_task: {notebook_path: /Shared/ingest}
"""


def databricks_yml(url: str) -> str:
    return f"providers:\n  databricks:\n    host: {url}\n    token: {TOKEN}\n    rate_limit: 0\n"


@pytest.fixture
def dbx_stack(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config dir holding the lakehouse stack, applied to the emulator (whose account
    groups ``data-eng`` and ``analysts`` exist already: Unity Catalog grants name
    account-level principals)."""
    for name in [key for key in __import__("os").environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "stack"
    config.mkdir()
    (config / "stack.yaml").write_text(STACK_YAML + databricks_yml(emulator.url))
    from tests.auth_helpers import account_client, deployer

    boot = deployer(emulator)
    admin = account_client(emulator, boot.client_id, boot.client_secret)
    for group in ("data-eng", "analysts"):  # principals exist before anyone grants to them
        admin.groups.create(display_name=group)
    code, _, output = run_iac("apply", "-c", str(config), "--auto-approve")
    assert code == 0, output
    return config


def workspace_client(emulator: Emulator) -> Any:
    from databricks.sdk import WorkspaceClient

    return WorkspaceClient(host=emulator.url, token=TOKEN)
