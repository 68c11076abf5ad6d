"""The emulated code env API through the real ``DSSClient``.

Facts and their sources:
- ``create_code_env(lang, name, mode, params)`` POSTs ``/admin/code-envs/{lang}/{name}``
  with ``deploymentMode`` in the body, and fails unless the answer carries ``messages``
  without ``error`` (dataikuapi/dssclient.py, ``create_code_env``); ``delete`` and
  ``update_packages`` check the same (dataikuapi/dss/admin.py, ``DSSCodeEnv``).
- The design deployment modes are DESIGN_MANAGED, DESIGN_NON_MANAGED and
  EXTERNAL_CONDA_NAMED; the create body carries ``pythonInterpreter``,
  ``installCorePackages``, ``installJupyterSupport`` (DSS's admin UI,
  ``AdminCodeEnvsDesignNewPythonController`` in ``dataiku.admin.codeenvs.design``).
- The definition holds ``desc.pythonInterpreter``, ``specPackageList`` (asked) and
  ``actualPackageList`` (installed) (the same UI's edit controller compares the two);
  a save changes only what ``DSSCodeEnv.set_definition``'s docstring lists.
- A missing env answers ``CodedIOException: PYTHON env X doesn't exist`` with a 500
  (platform-apis.md §7.C.3).
"""

from __future__ import annotations

from typing import Any

import pytest
from dataikuapi.utils import DataikuException


def test_create_list_read_and_delete(dss: Any) -> None:
    params = {"pythonInterpreter": "PYTHON310", "installCorePackages": True}
    env = dss.create_code_env("PYTHON", "py310", "DESIGN_MANAGED", params)
    listed = dss.list_code_envs()
    assert listed == [
        {"envName": "py310", "envLang": "PYTHON", "deploymentMode": "DESIGN_MANAGED",
         "owner": "admin"}
    ]  # fmt: skip
    raw = env.get_settings().get_raw()
    assert raw["desc"]["pythonInterpreter"] == "PYTHON310"
    assert raw["desc"]["installCorePackages"] is True
    assert raw["specPackageList"] == raw["actualPackageList"] == ""
    env.delete()
    assert dss.list_code_envs() == []


def test_a_save_changes_only_documented_fields_and_an_update_installs(dss: Any) -> None:
    env = dss.create_code_env("PYTHON", "ml", "DESIGN_MANAGED")
    settings = env.get_settings()
    settings.set_required_packages("pandas>=2", "scikit-learn")
    raw = settings.get_raw()
    raw["usableByAll"] = True
    raw["permissions"] = [{"group": "data-team", "use": True}]
    raw["deploymentMode"] = "DESIGN_NON_MANAGED"  # not a field a save changes
    raw["desc"]["pythonInterpreter"] = "PYTHON27"  # neither
    settings.save()
    after = env.get_settings().get_raw()
    assert after["specPackageList"] == "pandas>=2\nscikit-learn"
    assert after["actualPackageList"] == ""  # asked for, not installed yet
    assert after["deploymentMode"] == "DESIGN_MANAGED"
    assert after["desc"]["pythonInterpreter"] != "PYTHON27"
    assert after["permissions"] == [
        {"group": "data-team", "use": True, "update": False, "manageUsers": False}
    ]
    assert env.update_packages()["messages"]["error"] is False
    assert env.get_settings().get_raw()["actualPackageList"] == "pandas>=2\nscikit-learn"


def test_missing_duplicate_and_bad_mode(dss: Any) -> None:
    with pytest.raises(DataikuException, match="CodedIOException: PYTHON env nope doesn't"):
        dss.get_code_env("PYTHON", "nope").get_settings()
    dss.create_code_env("R", "r-base", "DESIGN_MANAGED")
    with pytest.raises(DataikuException, match="already exists"):
        dss.create_code_env("R", "r-base", "DESIGN_MANAGED")
    with pytest.raises(DataikuException, match="deployment mode 'AUTOMATION_SINGLE'"):
        dss.create_code_env("PYTHON", "auto", "AUTOMATION_SINGLE")
    assert (
        "pythonInterpreter" not in dss.get_code_env("R", "r-base").get_settings().get_raw()["desc"]
    )


def test_a_new_code_recipe_inherits_the_project_code_env(dss: Any, project: Any) -> None:
    project.create_dataset("IN", "Filesystem", params={"connection": "filesystem_managed"})
    project.create_dataset("OUT", "Filesystem", params={"connection": "filesystem_managed"})
    project.new_recipe("python", "compute").with_input("IN").with_output("OUT").create()
    settings = project.get_recipe("compute").get_settings()
    assert settings.get_code_env_settings() == {"envMode": "INHERIT"}
    settings.set_code_env(code_env="ml")
    settings.save()
    again = project.get_recipe("compute").get_settings().get_code_env_settings()
    assert again == {"envMode": "EXPLICIT_ENV", "envName": "ml"}
