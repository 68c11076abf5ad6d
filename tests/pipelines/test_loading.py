"""Loading pipelines from YAML files and raw dicts: every accepted shape, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.cli.failure import render_error
from data_iac.errors import PipelineError
from data_iac.pipelines.loading import PipelineSpecError, load_pipeline_file, pipelines_from_raw

NODE = {"name": "a", "source": {"path": "a.csv", "format": "csv"}}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pipeline.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ({"name": "one", "nodes": [NODE]}, ["one"]),
        (
            {"pipelines": [{"name": "x", "nodes": [NODE]}, {"name": "y", "nodes": [NODE]}]},
            ["x", "y"],
        ),
        (
            {"pipelines": {"pl-x": {"nodes": [NODE]}, "pl-y": {"name": "named", "nodes": [NODE]}}},
            ["pl-x", "named"],
        ),
        ({"pl-a": {"nodes": [NODE]}}, ["pl-a"]),
        (
            {
                "name": "stack",
                "resources": {"pipelines": {"dlt": {"libraries": []}, "data": {"nodes": [NODE]}}},
            },
            ["data"],
        ),
    ],
)
def test_every_accepted_shape_yields_its_pipelines(raw, names):
    assert [item.pipeline.name for item in pipelines_from_raw(raw)] == names


def test_a_document_without_nodes_is_a_clear_error():
    with pytest.raises(PipelineSpecError, match="1 problem") as caught:
        pipelines_from_raw({"name": "nothing"})
    assert "no pipeline with `nodes:` found" in render_error(caught.value)


def test_problems_are_reported_together_with_file_and_line(tmp_path):
    path = write(
        tmp_path,
        "name: p\n"
        "nodes:\n"
        "  - name: a\n"
        "    source:\n"
        "      path: a.csv\n"
        "      format: xml\n"
        "    transformer:\n"
        "      nodes:\n"
        "        - func_name: select\n"
        "          func_args: [a]\n"
        "        - func_name: pivotz\n",
    )
    with pytest.raises(PipelineSpecError) as caught:
        load_pipeline_file(path)
    error = caught.value
    assert isinstance(error, PipelineError)
    assert [(d.path, d.location.line if d.location else None) for d in error.diagnostics] == [
        ("nodes.0.sources.0.format", 6),
        ("nodes.0.transformer.1", 11),
    ]
    assert f"--> {path}:11:11" in render_error(error)


def test_duplicate_yaml_keys_are_errors_not_silently_dropped(tmp_path):
    path = write(tmp_path, "name: p\nname: q\nnodes: []\n")
    with pytest.raises(PipelineSpecError, match="1 problem") as caught:
        load_pipeline_file(path)
    assert "duplicate key 'name'" in render_error(caught.value)
    assert caught.value.diagnostics[0].location.line == 2


def test_invalid_yaml_is_located(tmp_path):
    path = write(tmp_path, "name: p\nnodes: [\n")
    with pytest.raises(PipelineSpecError) as caught:
        load_pipeline_file(path)
    assert "invalid YAML" in render_error(caught.value)


def test_missing_file_is_a_pipeline_error(tmp_path):
    with pytest.raises(PipelineError, match="cannot read"):
        load_pipeline_file(tmp_path / "nope.yml")


def test_node_locations_are_recorded(tmp_path):
    path = write(tmp_path, "name: p\nnodes:\n  - name: a\n    source: {path: a.csv, format: csv}\n")
    [loaded] = load_pipeline_file(path)
    assert loaded.node_locations["a"].line == 3
    assert loaded.pipeline.nodes[0].source.path == "a.csv"
