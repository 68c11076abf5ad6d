from pathlib import Path

import pytest

from data_iac.errors import ConfigError
from data_iac.migrate.laktory_project import find_laktory_project

STACK = """name: lake
resources:
  databricks_directories: !use resources/directories.yaml
{extra}
"""


def _project(tmp_path: Path, extra: str = "") -> Path:
    (tmp_path / "stack.yaml").write_text(STACK.format(extra=extra))
    return tmp_path


def test_local_state_beside_the_stack_as_laktory_runs_terraform(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "terraform.tfstate").write_text("{}")
    found = find_laktory_project(project, "dev")
    assert found.stack == project / "stack.yaml"
    assert found.state == str(project / "terraform.tfstate")


def test_older_laktory_cache_and_terraform_workspaces(tmp_path: Path) -> None:
    project = _project(tmp_path)
    workspace_state = project / "terraform.tfstate.d" / "prd" / "terraform.tfstate"
    workspace_state.parent.mkdir(parents=True)
    workspace_state.write_text("{}")
    assert find_laktory_project(project, "prd").state == str(workspace_state)
    (project / ".laktory").mkdir()
    (project / ".laktory" / "terraform.tfstate").write_text("{}")
    assert find_laktory_project(project, "prd").state.endswith(".laktory/terraform.tfstate")


def test_an_environment_backend_overrides_the_stack_one(tmp_path: Path) -> None:
    extra = """terraform:
  backend:
    local: {path: states/base.tfstate}
environments:
  prd:
    terraform:
      backend:
        s3: {bucket: tf-states, key: lake/prd.tfstate, region: eu-west-1}
"""
    project = _project(tmp_path, extra)
    assert find_laktory_project(project, "prd").state == "s3://tf-states/lake/prd.tfstate"
    assert find_laktory_project(project, "dev").state == str(project / "states/base.tfstate")


def test_unreadable_backends_and_missing_states_say_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no stack\.yaml"):
        find_laktory_project(tmp_path, "dev")
    project = _project(tmp_path, "terraform:\n  backend:\n    azurerm: {container_name: x}\n")
    with pytest.raises(ConfigError, match="azurerm backend") as raised:
        find_laktory_project(project, "dev")
    assert "terraform state pull" in raised.value.hint
    (project / "stack.yaml").write_text(STACK.format(extra=""))
    with pytest.raises(ConfigError, match="no Terraform state found"):
        find_laktory_project(project, "dev")
