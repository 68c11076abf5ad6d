"""``iac validate`` refuses input the service refuses, before any request, located at the
field: the records' ``bounds`` (cluster autotermination 0 or 10-10000, warehouse auto stop 0
or >= 10 ...) and ``checks`` (a job cluster no task uses). The same inputs are refused by
the emulator (tests/emulator/databricks/test_limits.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.config import load_config
from data_iac.errors import ConfigValidationError
from data_iac.model.bounds import describe, out_of_bounds, within

STACK = """\
name: limits
resources:
  clusters:
    adhoc:
      cluster_name: adhoc
      spark_version: 15.4.x-scala2.12
      num_workers: 1
      autotermination_minutes: {minutes}
  warehouses:
    bi:
      name: bi
      cluster_size: Small
      auto_stop_mins: {stop}
  jobs:
    nightly:
      name: nightly
      tags: {tags}
      job_clusters:
        - job_cluster_key: main
          new_cluster: {{spark_version: 15.4.x-scala2.12, num_workers: 1}}
        - job_cluster_key: {second}
          new_cluster: {{spark_version: 15.4.x-scala2.12, num_workers: 1}}
      tasks:
        - task_key: a
          job_cluster_key: {main_ref}
          notebook_task: {{notebook_path: /Shared/a}}
        - task_key: b
          for_each_task:
            inputs: "[1]"
            task:
              task_key: b_inner
              job_cluster_key: extra
              notebook_task: {{notebook_path: /b}}
"""


def _load(tmp_path: Path, **values: object) -> None:
    defaults = {"minutes": 30, "stop": 10, "second": "extra", "main_ref": "main", "tags": "{}"}
    text = STACK.format(**{**defaults, **values})
    (tmp_path / "stack.yaml").write_text(text)
    load_config(tmp_path / "stack.yaml")


def test_values_inside_the_bounds_load(tmp_path: Path) -> None:
    _load(tmp_path)
    _load(tmp_path, minutes=0, stop=0)
    _load(tmp_path, minutes=10000, stop=10000)


@pytest.mark.parametrize(
    ("values", "field", "line"),
    [
        ({"minutes": 5}, "autotermination_minutes", 8),
        ({"minutes": 10001}, "autotermination_minutes", 8),
        ({"stop": 9}, "auto_stop_mins", 13),
        ({"second": "unused"}, "job_clusters[1].job_cluster_key", 21),
        ({"main_ref": "mian"}, "tasks[0].job_cluster_key", 25),
        ({"tags": "{" + ", ".join(f"t{i}: x" for i in range(26)) + "}"}, "tags", 17),
    ],
)
def test_a_value_the_service_refuses_is_a_located_error(
    tmp_path: Path, values: dict[str, object], field: str, line: int
) -> None:
    with pytest.raises(ConfigValidationError) as caught:
        _load(tmp_path, **values)
    [problem] = [p for p in caught.value.diagnostics if p.path == field]
    assert problem.path == field
    assert problem.location is not None
    assert (Path(problem.location.file).name, problem.location.line) == ("stack.yaml", line)


def test_bounds_cross_list_elements_and_skip_text() -> None:
    spec = {"tasks": [{"timeout_seconds": 5}, {"timeout_seconds": -1}, {"timeout_seconds": "${x}"}]}
    [found] = out_of_bounds(spec, {"tasks.timeout_seconds": (0, None)})
    assert found.path == ("tasks", 1, "timeout_seconds")
    assert describe(((0, 0), (10, 10000))) == "0, or 10 to 10000"
    assert within(0, ((0, 0), (10, None))) and not within(9, ((0, 0), (10, None)))
