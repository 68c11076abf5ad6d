"""Where sources and sinks resolve when run locally."""

from __future__ import annotations

from pathlib import Path

from data_iac.pipelines.spec import FileSink, FileSource, TableSink, TableSource
from data_iac.pipelines.storage import StorageLayout, resolve_sink, resolve_source


def test_relative_paths_resolve_against_the_pipeline_folder(tmp_path):
    layout = StorageLayout(base_dir=tmp_path)
    location = resolve_source(FileSource(path="data/x.csv", format="csv"), layout)
    assert location.path == str(tmp_path / "data" / "x.csv")
    remote = resolve_source(FileSource(path="s3://bucket/x", format="parquet"), layout)
    assert remote.path == "s3://bucket/x"


def test_tables_live_under_the_warehouse_root(tmp_path):
    layout = StorageLayout(warehouse=tmp_path / "wh")
    source = resolve_source(TableSource(schema_name="finance", table_name="t"), layout)
    assert Path(source.path) == tmp_path / "wh" / "main" / "finance" / "t"
    assert source.format == "parquet"
    delta = resolve_source(TableSource(table_name="t", format="delta"), layout)
    assert delta.format == "delta"


def test_full_refresh_turns_every_mode_into_overwrite(tmp_path):
    layout = StorageLayout(base_dir=tmp_path, warehouse=tmp_path, table_format="delta")
    sink = TableSink(table_name="t", mode="merge", primary_keys=("k",))
    assert resolve_sink(sink, layout, full_refresh=False).mode == "merge"
    refreshed = resolve_sink(sink, layout, full_refresh=True)
    assert (refreshed.mode, refreshed.format, refreshed.is_table) == ("overwrite", "delta", True)
    file_target = resolve_sink(FileSink(path="out.csv", format="csv"), layout, full_refresh=False)
    assert (file_target.path, file_target.is_table) == (str(tmp_path / "out.csv"), False)
