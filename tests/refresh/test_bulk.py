"""Bulk refresh over HTTP against the emulator: listings instead of reads, change markers
that spare the reads of unchanged objects, and the drift the planner derives from it."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.emulator import Emulator
from data_iac.model.resource import DesiredState, Resource
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.planning.planner import PlanOptions, make_plan
from data_iac.providers.registry import kind_schema, make_handlers
from data_iac.refresh.bulk import bulk_refresh
from tests.refresh.support import TOKEN, dss_client, dss_project, read_requests, workspace_client

__all__ = ["dss_project"]  # fixture used below


def _state_of(config: Path) -> StateSnapshot:
    [path] = (config.parent / ".iac" / "state").rglob("default.json")
    from data_iac.state.local import LocalBackend

    snapshot = LocalBackend(path).read()
    assert snapshot is not None
    return snapshot


def _dss_handlers(emulator: Emulator) -> Any:
    from tests.refresh.support import API_KEY

    return make_handlers("dataiku", {"url": emulator.url, "api_key": API_KEY})


def test_unchanged_recipe_is_not_read_and_a_changed_one_is_read_once(
    dss_project: Path, emulator: Emulator
) -> None:
    state = _state_of(dss_project)
    handlers = _dss_handlers(emulator)
    emulator.clear_requests()
    result = bulk_refresh(state, handlers)
    assert "GET /dip/publicapi/projects/DRIFTY/recipes/clean" not in read_requests(emulator)
    assert result.reads == 0 and result.cached >= 3  # project, recipe, scenario
    assert all(result.observed.values())

    recipe = dss_client(emulator).get_project("DRIFTY").get_recipe("clean").get_settings()
    recipe.set_payload("print('changed')\n")
    recipe.save()
    emulator.clear_requests()
    result = bulk_refresh(state, handlers)
    assert read_requests(emulator).count("GET /dip/publicapi/projects/DRIFTY/recipes/clean") == 1
    observed = result.observed[Address("dataiku_recipe", "DRIFTY.clean")]
    assert observed is not None and observed.attributes["code"] == "print('changed')\n"


def test_a_deleted_project_empties_its_scope(dss_project: Path, emulator: Emulator) -> None:
    dss_client(emulator).get_project("DRIFTY").delete()
    result = bulk_refresh(_state_of(dss_project), _dss_handlers(emulator))
    assert set(result.observed.values()) == {None}


@pytest.fixture
def dbx_handlers(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Any:
    for name in [key for key in os.environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    settings = {"host": emulator.url, "token": TOKEN, "rate_limit": 0}
    return make_handlers("databricks", settings)


def _applied(handlers: Any, resources: list[Resource]) -> StateSnapshot:
    """State as apply would record it after creating ``resources``."""
    state = StateSnapshot(lineage="L")
    for resource in resources:
        kind = resource.address.kind
        made = handlers[kind].create(resource.address, resource.spec)
        entry = ResourceState(kind, made.remote_id, dict(made.attributes), version=made.version)
        state = state.with_resource(resource.address, entry)
    return state


def test_notebook_is_exported_only_when_modified_at_moved(
    dbx_handlers: Any, emulator: Emulator, tmp_path: Path
) -> None:
    from databricks.sdk.service.workspace import ImportFormat, Language

    source = tmp_path / "ingest.py"
    source.write_text("print('v1')\n")
    address = Address("databricks_notebook", "ingest")
    spec = {"path": "/Shared/etl/ingest", "source": str(source), "language": "PYTHON"}
    state = _applied(dbx_handlers, [Resource(address, spec)])
    assert state.resources[Address.parse("databricks_notebook.ingest")].version is not None
    emulator.clear_requests()
    bulk_refresh(state, dbx_handlers)
    assert not [p for p in read_requests(emulator) if "export" in p]

    workspace_client(emulator).workspace.import_(
        "/Shared/etl/ingest",
        content=base64.b64encode(b"print('v2')\n").decode(),
        format=ImportFormat.SOURCE,
        language=Language.PYTHON,
        overwrite=True,
    )
    emulator.clear_requests()
    result = bulk_refresh(state, dbx_handlers)
    assert len([p for p in read_requests(emulator) if "export" in p]) == 1
    desired = DesiredState({address: Resource(address, spec)})
    plan = make_plan(desired, state, kind_schema, PlanOptions(observed=result.observed))
    assert [d.after for d in plan.drift] == [
        {"content_sha256": result.observed[address].attributes["content_sha256"]}  # type: ignore[union-attr]
    ]


def test_authoritative_grants_make_an_unlisted_principal_drift(
    dbx_handlers: Any, emulator: Emulator
) -> None:
    from databricks.sdk.service.catalog import PermissionsChange, Privilege

    from tests.auth_helpers import account_client, deployer

    w = workspace_client(emulator)
    boot = deployer(emulator)
    for group in ("eng", "bi"):  # account groups: Unity Catalog grants name account principals
        account_client(emulator, boot.client_id, boot.client_secret).groups.create(
            display_name=group
        )
    catalog = Resource(Address("databricks_catalog", "main"), {"name": "main"})
    grants = Resource(
        Address("databricks_grants", "main"),
        {
            "securable_type": "catalog",
            "full_name": "main",
            "grants_mode": "authoritative",
            "grants": [{"principal": "eng", "privileges": ["USE_CATALOG"]}],
        },
    )
    state = _applied(dbx_handlers, [catalog, grants])
    w.grants.update(
        "catalog", "main", changes=[PermissionsChange(principal="bi", add=[Privilege.USE_CATALOG])]
    )
    desired = DesiredState({r.address: r for r in (catalog, grants)})
    observed = bulk_refresh(state, dbx_handlers).observed
    plan = make_plan(desired, state, kind_schema, PlanOptions(observed=observed))
    [drift] = plan.drift
    assert drift.address == grants.address
    assert drift.after == {"principals": ["bi", "eng"]}
    assert [c.action.value for c in plan.actionable] == ["update"]


def test_a_folder_holding_notebooks_and_files_is_listed_once(
    dbx_handlers: Any, emulator: Emulator, tmp_path: Path
) -> None:
    """The notebook and the workspace file kinds refresh from one listing of their folder
    (providers/listings.py), not one each; outside a refresh nothing is shared."""
    from data_iac.kinds.databricks.workspace_file import normalize_spec
    from data_iac.providers.databricks._workspace_io import listed

    (tmp_path / "nb.py").write_text("print(1)\n")
    (tmp_path / "conf.yml").write_text("a: 1\n")
    notebook = {"path": "/Shared/team/nb", "source": str(tmp_path / "nb.py"), "language": "PYTHON"}
    conf = normalize_spec({"path": "/Shared/team/conf.yml", "source": str(tmp_path / "conf.yml")})
    state = _applied(
        dbx_handlers,
        [
            Resource(Address("databricks_notebook", "nb"), notebook),
            Resource(Address("databricks_workspace_file", "conf"), conf),
        ],
    )
    emulator.clear_requests()
    result = bulk_refresh(state, dbx_handlers)
    assert all(result.observed.values())
    assert read_requests(emulator).count("GET /api/2.0/workspace/list") == 1

    client = dbx_handlers["databricks_notebook"].client
    emulator.clear_requests()
    listed(client, "/Shared/team", "NOTEBOOK")
    listed(client, "/Shared/team", "FILE")
    assert read_requests(emulator).count("GET /api/2.0/workspace/list") == 2
