"""Golden renderings of the text plan: the exact text a reviewer reads.

Regenerate after an intended change with
``IAC_UPDATE_GOLDEN=1 pytest tests/cli/test_plan_golden.py``, then review the diff of
``tests/cli/golden/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.cli.views.plan_text import render_plan
from data_iac.model.plan import Action, Plan, ResourceChange

GOLDEN = Path(__file__).parent / "golden"

TASKS_BEFORE = [
    {"task_key": "ingest", "notebook_task": {"notebook_path": "/Shared/ingest"}},
    {
        "task_key": "transform",
        "depends_on": [{"task_key": "ingest"}],
        "notebook_task": {"notebook_path": "/Shared/transform", "base_parameters": {"d": "1"}},
        "timeout_seconds": 600,
    },
    {"task_key": "publish", "depends_on": [{"task_key": "transform"}]},
]
TASKS_AFTER = [
    TASKS_BEFORE[0],
    {
        "task_key": "transform",
        "depends_on": [{"task_key": "ingest"}],
        "notebook_task": {"notebook_path": "/Shared/transform", "base_parameters": {"d": "2"}},
        "timeout_seconds": 1200,
    },
    TASKS_BEFORE[2],
]
CODE_BEFORE = """import dataiku
import pandas as pd

orders = dataiku.Dataset("orders").get_dataframe()
orders = orders[orders.amount > 0]
totals = orders.groupby("customer").amount.sum()
out = dataiku.Dataset("totals")
out.write_with_schema(totals.reset_index())
"""
CODE_AFTER = CODE_BEFORE.replace("amount > 0", "amount >= 0").replace(
    "out = ", "totals = totals.round(2)\nout = "
)


def plan_of(*changes: ResourceChange) -> Plan:
    return Plan(plan_id="p", prior_lineage="l", prior_serial=1, changes=changes)


def job_edit() -> Plan:
    return plan_of(
        ResourceChange(
            Address("databricks_job", "nightly"),
            Action.UPDATE,
            {"name": "nightly", "tasks": TASKS_BEFORE},
            {"name": "nightly", "tasks": TASKS_AFTER},
            ("tasks",),
            diffs=(("tasks", TASKS_BEFORE, TASKS_AFTER),),
        )
    )


def recipe_code_edit() -> Plan:
    return plan_of(
        ResourceChange(
            Address("dataiku_recipe", "SALES.compute_totals"),
            Action.UPDATE,
            {"type": "python", "code": CODE_BEFORE},
            {"type": "python", "code": CODE_AFTER},
            ("code",),
            diffs=(("code", CODE_BEFORE, CODE_AFTER),),
        )
    )


def grants_change() -> Plan:
    return plan_of(
        ResourceChange(
            Address("databricks_grants", "catalog/main"),
            Action.UPDATE,
            {},
            {"securable_type": "catalog", "full_name": "main", "grants": {}},
            (),
            diffs=(
                ("grants.account users", ["ALL_PRIVILEGES", "USE_CATALOG"], ["USE_CATALOG"]),
                ("grants.data-engineers", None, ["USE_CATALOG", "USE_SCHEMA"]),
                ("grants.interns", ["SELECT"], None),
            ),
        )
    )


def create_nested() -> Plan:
    return plan_of(
        ResourceChange(
            Address("databricks_job", "ingest"),
            Action.CREATE,
            None,
            {
                "name": "ingest",
                "tags": {"owner": "data-eng", "cost_center": "42"},
                "job_clusters": [
                    {
                        "job_cluster_key": "small",
                        "new_cluster": {"spark_version": "15.4.x-scala2.12", "num_workers": 2},
                    }
                ],
                "tasks": [
                    {
                        "task_key": "load",
                        "job_cluster_key": "small",
                        "notebook_task": {
                            "notebook_path": "${ref:databricks_notebook.load#path}",
                            "base_parameters": {"mode": "full"},
                        },
                    }
                ],
                "description": "Loads the raw orders.\nRuns nightly.",
            },
        ),
        ResourceChange(
            Address("databricks_secret", "etl/token"),
            Action.CREATE,
            None,
            {"scope": "etl", "key": "token", "string_value": "(sensitive)"},
            sensitive=("string_value",),
        ),
    )


CASES = {
    "job_edit": job_edit,
    "recipe_code_edit": recipe_code_edit,
    "grants_change": grants_change,
    "create_nested": create_nested,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    text = "\n".join(line for line, _ in render_plan(CASES[name]())) + "\n"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("IAC_UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text()
