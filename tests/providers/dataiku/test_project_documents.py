"""dataiku_project_variables and dataiku_project_permissions through the real DSSClient
against the emulator: each writes its own document of the project
(``DSSProject.get_variables``/``set_variables``, ``get_permissions``/``set_permissions``,
dataikuapi/dss/project.py), reads back what DSS holds, and leaves the rest alone."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.providers.dataiku import make_handlers
from data_iac.providers.dataiku.project_documents import PermissionsHandler, VariablesHandler


@pytest.fixture
def handlers(dss_settings: dict[str, Any]) -> Any:
    handlers = make_handlers(dss_settings)
    handlers["dataiku_project"].create(Address("dataiku_project", "SALES"),
                                       {"project_key": "SALES", "name": "Sales"})  # fmt: skip
    return handlers


def test_variables_merge_key_by_key_and_delete_empties_them(handlers: Any) -> None:
    variables = handlers["dataiku_project_variables"]
    assert isinstance(variables, VariablesHandler)
    address = Address("dataiku_project_variables", "SALES")
    spec = {"project_key": "SALES", "standard": {"env": "dev", "threshold": 3}}
    created = variables.create(address, spec)
    assert diff_attributes(spec, created.attributes, variables.schema) == []
    project = variables._conn.client.get_project("SALES")
    project.update_variables({"by_hand": 1})  # someone else's variable
    updated = variables.update(
        address, created, {"project_key": "SALES", "standard": {"env": "prod"}}
    )
    assert updated.attributes["standard"] == {"env": "prod", "threshold": 3, "by_hand": 1}
    variables.delete(address, updated)
    assert project.get_variables()["standard"] == {}
    assert variables.read(address, "NOPE") is None


def test_permissions_replace_the_entries_and_keep_the_owner(handlers: Any) -> None:
    permissions = handlers["dataiku_project_permissions"]
    assert isinstance(permissions, PermissionsHandler)
    address = Address("dataiku_project_permissions", "SALES")
    spec = {
        "project_key": "SALES",
        "permissions": [{"group": "analysts", "readProjectContent": True}],
    }
    created = permissions.create(address, spec)
    assert diff_attributes(spec, created.attributes, permissions.schema) == []
    project = permissions._conn.client.get_project("SALES")
    raw = project.get_permissions()
    assert raw["permissions"][0]["writeProjectContent"] is False  # DSS answers every flag
    assert raw["owner"] == "admin"
    assert [a.key for a, _ in permissions.list({"project_key": "SALES"})] == ["SALES"]
    permissions.delete(address, created)
    assert project.get_permissions() == {**raw, "permissions": []}
    assert list(permissions.list({"project_key": "SALES"})) == []  # nothing left to import
