"""Visual recipe settings (a recipe's ``settings:``, the payload DSS keeps): prepare, join,
group, window, stack and split recipes apply, plan empty and update one key, through the
real DSSClient on the emulator; a sync recipe's options are its ``params``.

Payload shapes and their sources are in src/data_iac/config/dataiku/payloads.py (keys)
and src/data_iac/emulator/dataiku/payloads.py (what DSS writes at creation and on save,
e.g. ``$idx`` on group ``values[]``). Each settings block below is written as dataikuapi's
settings classes write it (``GroupingRecipeSettings.set_column_aggregations``,
``JoinRecipeSettings.add_join`` / ``add_condition_to_join``,
``PrepareRecipeSettings.add_processor_step``, ``StackRecipeSettings``,
``SplitRecipeSettings``), dataikuapi/dss/recipe.py.
"""

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

DOCUMENT = """\
version: "1.0"
project: {key: VIS, name: Visual recipes}
datasets:
  - {name: ORDERS, type: managed}
  - {name: CUSTOMERS, type: managed}
  - {name: CLEAN, type: managed}
  - {name: JOINED, type: managed}
  - {name: TOTALS, type: managed}
  - {name: RANKED, type: managed}
  - {name: ALL_ROWS, type: managed}
  - {name: BIG, type: managed}
  - {name: SMALL, type: managed}
  - {name: COPY, type: managed}
recipes:
  - name: clean_orders
    type: prepare
    inputs: [ORDERS]
    outputs: [CLEAN]
    settings:
      steps:
        - metaType: PROCESSOR
          type: ColumnRenamer
          params: {renamings: [{from: amt, to: amount}]}
  - name: join_customers
    type: join
    inputs: [CLEAN, CUSTOMERS]
    outputs: [JOINED]
    settings:
      joins:
        - table1: 0
          table2: 1
          type: LEFT
          conditionsMode: AND
          on:
            - {type: EQ, column1: {name: customer_id, table: 0}, column2: {name: id, table: 1}}
  - name: group_totals
    type: group
    inputs: [JOINED]
    outputs: [TOTALS]
    settings:
      keys: [{column: region}]
      values: [{column: amount, sum: true, avg: true}]
      globalCount: true
  - name: rank_orders
    type: window
    inputs: [CLEAN]
    outputs: [RANKED]
    settings:
      windows:
        - enablePartitioning: true
          partitioningColumns: [customer_id]
          enableOrdering: true
          orders: [{column: amount, desc: true}]
      rank: true
  - name: stack_all
    type: stack
    inputs: [CLEAN, CUSTOMERS]
    outputs: [ALL_ROWS]
    settings: {mode: INTERSECT, addOriginColumn: true, originColumnName: source}
  - name: split_by_size
    type: split
    inputs: [CLEAN]
    outputs: [BIG, SMALL]
    settings:
      mode: RANGE
      column: amount
      rangeSplits: [{outputIndex: 0, min: 1000}]
      defaultOutputIndex: 1
  - name: copy_orders
    type: sync
    inputs: [ORDERS]
    outputs: [COPY]
    params: {schemaMode: STRICT_SYNC}
"""


@pytest.fixture
def config(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_config(tmp_path, emulator, DOCUMENT)


def payload(emulator: Emulator, recipe: str) -> dict:
    settings = dss_client(emulator).get_project("VIS").get_recipe(recipe).get_settings()
    return dict(settings.get_json_payload())


def test_every_visual_recipe_applies_and_plans_empty(config: Path, emulator: Emulator) -> None:
    apply_then_plan_empty(config)
    steps = payload(emulator, "clean_orders")["steps"]
    assert steps[0]["type"] == "ColumnRenamer"
    join = payload(emulator, "join_customers")
    assert [v["index"] for v in join["virtualInputs"]] == [0, 1]  # made at creation
    assert join["joins"][0]["on"][0]["column2"] == {"name": "id", "table": 1}
    group = payload(emulator, "group_totals")
    assert group["values"] == [{"column": "amount", "sum": True, "avg": True, "$idx": 0}]
    assert group["enlargeYourBits"] is True  # DSS's own key survives the merge
    assert payload(emulator, "rank_orders")["rank"] is True
    assert payload(emulator, "stack_all")["mode"] == "INTERSECT"
    assert payload(emulator, "split_by_size")["rangeSplits"] == [{"outputIndex": 0, "min": 1000}]
    sync = dss_client(emulator).get_project("VIS").get_recipe("copy_orders").get_settings()
    assert sync.raw_params["schemaMode"] == "STRICT_SYNC"


def test_one_changed_setting_plans_one_update(config: Path) -> None:
    apply_then_plan_empty(config)
    document = (config / "project.yml").read_text()
    (config / "project.yml").write_text(document.replace("globalCount: true", "globalCount: false"))
    code, changed = plan(config)
    assert code == 2
    (change,) = changed["changes"]
    assert (change["address"], change["action"]) == ("dataiku_recipe.VIS.group_totals", "update")
    assert change["reasons"] == ["settings.globalCount"]


def test_a_hand_edit_of_a_payload_is_drift(config: Path, emulator: Emulator) -> None:
    apply_then_plan_empty(config)
    settings = dss_client(emulator).get_project("VIS").get_recipe("stack_all").get_settings()
    settings.get_json_payload()["mode"] = "UNION"
    settings.save()
    code, drifted = plan(config)
    assert code == 2 and drifted["changes"][0]["reasons"] == ["settings.mode"]


def test_validate_locates_settings_mistakes(tmp_path: Path, emulator: Emulator) -> None:
    bad = (
        DOCUMENT.replace("globalCount: true", "globalcount: true")
        .replace("mode: RANGE", "mode: RANGES")
        .replace("params: {schemaMode: STRICT_SYNC}", "settings: {mode: UNION}")
    )
    config = write_config(tmp_path, emulator, bad)
    code, _, output = run_iac("validate", "-c", str(config))
    assert code == 1
    assert "recipes[2].settings.globalcount: unknown grouping setting 'globalcount'" in output
    assert "did you mean 'globalCount'?" in output
    assert "recipes[5].settings.mode: unknown split mode 'RANGES'" in output
    assert "recipes[6].settings: recipe 'copy_orders' of type sync takes no settings" in output
