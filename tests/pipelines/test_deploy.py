"""``deploy_resources``: a pipeline with an orchestrator -> Databricks resources (pure)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.errors import PipelineError
from data_iac.model.references import find_references
from data_iac.pipelines.deploy import deploy_resources, generated_files, orchestrator_of
from data_iac.pipelines.deploy_sources import dlt_notebook_source, pipeline_json
from data_iac.pipelines.loading import load_pipeline_file
from data_iac.pipelines.spec import Pipeline
from tests.pipelines.conftest import EXAMPLE

FILES = Path("/generated")


@pytest.fixture
def pipeline() -> Pipeline:
    [loaded] = load_pipeline_file(EXAMPLE)
    return loaded.pipeline


def test_job_has_one_task_per_node_depending_on_its_upstreams(pipeline: Pipeline) -> None:
    orchestrator = orchestrator_of(
        {"type": "job", "clusters": [{"name": "main", "num_workers": 1}]}
    )
    assert orchestrator is not None
    resources = deploy_resources(pipeline, "pl", orchestrator, FILES)
    by_address = {r.address: r for r in resources}
    job = by_address[Address("databricks_job", "pl")]
    tasks = {task["task_key"]: task for task in job.spec["tasks"]}
    assert list(tasks) == [node.name for node in pipeline.nodes]
    assert "depends_on" not in tasks["brz_stock_prices"]
    assert tasks["slv_stock_prices"]["depends_on"] == [{"task_key": "brz_stock_prices"}]
    gold = tasks["gld_stock_prices_by_symbol"]
    assert gold["notebook_task"]["base_parameters"] == {
        "pipeline_file": f"/.laktory/pipelines/{pipeline.name}.json",
        "node_name": "gld_stock_prices_by_symbol",
    }
    assert gold["job_cluster_key"] == "main"
    assert job.spec["job_clusters"] == [
        {"job_cluster_key": "main", "new_cluster": {"num_workers": 1}}
    ]
    runner = Address("databricks_notebook", "pl.runner")
    config = Address("databricks_workspace_file", "pl.config")
    assert job.depends_on == {runner, config}
    assert {address for address, _ in find_references(job.spec)} == {runner}


def test_uploaded_files_carry_the_hash_of_the_generated_content(pipeline: Pipeline) -> None:
    orchestrator = orchestrator_of("job")
    assert orchestrator is not None
    files = generated_files(pipeline, orchestrator, FILES)
    [config] = [
        r for r in deploy_resources(pipeline, "pl", orchestrator, FILES)
        if r.address.kind == "databricks_workspace_file"
    ]  # fmt: skip
    import hashlib

    content = files[Path(config.spec["source"])]
    assert config.spec["content_sha256"] == hashlib.sha256(content).hexdigest()
    assert Pipeline.model_validate(json.loads(content)) == pipeline.model_copy(
        update={"orchestrator": None}
    )


def test_generated_content_is_deterministic(pipeline: Pipeline) -> None:
    for kind in ("job", "dlt"):
        orchestrator = orchestrator_of(kind)
        assert orchestrator is not None
        again = load_pipeline_file(EXAMPLE)[0].pipeline
        assert generated_files(pipeline, orchestrator, FILES) == generated_files(
            again, orchestrator, FILES
        )
    assert pipeline_json(pipeline) == pipeline_json(pipeline.model_copy())


def test_dlt_notebook_defines_one_table_per_node_with_expectations(pipeline: Pipeline) -> None:
    source = dlt_notebook_source(pipeline)
    tree = ast.parse(source)  # valid Python
    tables = [
        decorator.keywords[0].value.value  # type: ignore[attr-defined]
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "dlt.table"
    ]
    assert tables == [node.name for node in pipeline.nodes]
    assert "@dlt.expect_or_fail('symbol_present', 'symbol IS NOT NULL')" in source
    assert "@dlt.expect_or_drop('positive_close', 'close > 0')" in source
    assert "@dlt.expect('liquid', 'volume >= 2000000')" in source


def test_dlt_pipeline_uses_the_generated_notebook(pipeline: Pipeline) -> None:
    orchestrator = orchestrator_of({"type": "DATABRICKS_DLT", "catalog": "dev", "target": "x"})
    assert orchestrator is not None
    notebook, dlt = deploy_resources(pipeline, "pl", orchestrator, FILES)
    assert notebook.address == Address("databricks_notebook", "pl.dlt")
    assert notebook.spec["path"] == f"/.laktory/pipelines/{pipeline.name}_dlt"
    assert dlt.address == Address("databricks_pipeline", "pl")
    assert dlt.spec["catalog"] == "dev" and dlt.spec["name"] == pipeline.name
    assert dlt.spec["libraries"] == [
        {"notebook": {"path": "${ref:databricks_notebook.pl.dlt#path}"}}
    ]
    assert dlt.depends_on == {notebook.address}


def test_orchestrator_spellings_and_errors() -> None:
    assert orchestrator_of(None) is None
    parsed = orchestrator_of({"type": "DLT", "workspace_root": "/x/", "catalog": "c"})
    assert parsed is not None
    assert (parsed.type, parsed.root, dict(parsed.settings)) == ("dlt", "/x", {"catalog": "c"})
    with pytest.raises(PipelineError, match="unknown orchestrator 'airflow'"):
        orchestrator_of("airflow")
    with pytest.raises(PipelineError, match="mapping with `type:`"):
        orchestrator_of({"catalog": "c"})
