"""Polars reads and writes: single files and part folders, every format and write mode."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from data_iac.errors import PipelineError
from data_iac.pipelines.engines.polars_io import read_frame, write_frame
from data_iac.pipelines.storage import ReadLocation, SinkTarget

FIRST = pl.DataFrame({"k": [1, 2], "v": ["a", "b"]})
SECOND = pl.DataFrame({"k": [2, 3], "v": ["B", "c"]})


def target(path: Path, fmt: str, mode: str, table: bool = True) -> SinkTarget:
    return SinkTarget(str(path), fmt, mode, ("k",), is_table=table)


def read(path: Path, fmt: str) -> list[tuple]:
    return sorted(read_frame(ReadLocation(str(path), fmt)).collect().rows())


@pytest.mark.parametrize("fmt", ["parquet", "csv", "json", "delta"])
def test_table_folders_support_overwrite_append_and_merge(tmp_path, fmt):
    folder = tmp_path / "t"
    write_frame(FIRST, target(folder, fmt, "append"))
    write_frame(SECOND, target(folder, fmt, "merge"))
    assert read(folder, fmt) == [(1, "a"), (2, "B"), (3, "c")]
    write_frame(SECOND, target(folder, fmt, "append"))
    assert len(read(folder, fmt)) == 5
    write_frame(FIRST, target(folder, fmt, "overwrite"))
    assert read(folder, fmt) == [(1, "a"), (2, "b")]


@pytest.mark.parametrize(
    ("name", "fmt"), [("out.csv", "csv"), ("out.parquet", "parquet"), ("out.json", "ndjson")]
)
def test_a_path_with_the_format_suffix_is_one_file(tmp_path, name, fmt):
    path = tmp_path / name
    write_frame(FIRST, target(path, fmt, "append", table=False))
    write_frame(SECOND, target(path, fmt, "append", table=False))
    assert path.is_file() and len(read(path, fmt)) == 4
    write_frame(SECOND, target(path, fmt, "merge", table=False))
    assert read(path, fmt) == [(1, "a"), (2, "B"), (3, "c")]


def test_csv_options_accept_spark_style_names(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("1;a\n2;b\n", encoding="utf-8")
    frame = read_frame(
        ReadLocation(str(path), "csv", {"header": False, "delimiter": ";"})
    ).collect()
    assert frame.rows() == [(1, "a"), (2, "b")]


def test_a_json_document_can_be_read_with_multiline(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[{"k": 1}, {"k": 2}]', encoding="utf-8")
    assert read_frame(ReadLocation(str(path), "json", {"multiline": True})).collect()[
        "k"
    ].to_list() == [1, 2]


def test_a_missing_source_is_a_pipeline_error(tmp_path):
    with pytest.raises(PipelineError, match="source not found"):
        read_frame(ReadLocation(str(tmp_path / "nope"), "parquet"))


def test_json_is_lines_or_one_document_as_the_file_shows(tmp_path: Path) -> None:
    # Laktory 0.13: `format: JSON` is one document, JSONL/NDJSON lines; Spark: json is lines.
    from data_iac.pipelines.engines.json_layout import json_is_document

    lines = tmp_path / "lines.json"
    lines.write_text('{"a": 1}\n{"a": 2}\n')
    array = tmp_path / "array.json"
    array.write_text('[{"a": 1},\n {"a": 2}, {"a": 3}]')
    pretty = tmp_path / "pretty.json"
    pretty.write_text('{\n  "a": 5\n}\n')
    assert [json_is_document(str(p)) for p in (lines, array, pretty)] == [False, True, True]
    for path, expected in ((lines, [1, 2]), (array, [1, 2, 3]), (pretty, [5])):
        frame = read_frame(ReadLocation(str(path), "json")).collect()
        assert frame["a"].to_list() == expected
