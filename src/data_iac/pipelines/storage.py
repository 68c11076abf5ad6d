"""Where a source is read from and a sink written to, when a pipeline runs locally (pure).

Relative file paths are resolved against the pipeline file's folder, so a pipeline runs the
same from any working directory. Tables live under the warehouse root as
``<root>/<catalog>/<schema>/<table>``, stored as ``parquet`` unless the table (or the run) says
``delta``: parquet works on every engine without extra jars.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_iac.pipelines.spec_io import FileSink, FileSource, TableSink, TableSource

__all__ = [
    "DEFAULT_TABLE_FORMAT",
    "DEFAULT_WAREHOUSE",
    "ReadLocation",
    "SinkTarget",
    "StorageLayout",
    "resolve_sink",
    "resolve_source",
]

DEFAULT_WAREHOUSE = Path(".iac") / "warehouse"
DEFAULT_TABLE_FORMAT = "parquet"


@dataclass(frozen=True, slots=True)
class StorageLayout:
    """The roots relative paths and tables are resolved against."""

    base_dir: Path = Path()
    warehouse: Path = DEFAULT_WAREHOUSE
    table_format: str = DEFAULT_TABLE_FORMAT


@dataclass(frozen=True, slots=True)
class ReadLocation:
    """A resolved read: ``path`` is a file or a folder of part files (or a delta table)."""

    path: str
    format: str
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SinkTarget:
    """A resolved write; ``is_table`` targets are always folders."""

    path: str
    format: str
    mode: str
    primary_keys: tuple[str, ...]
    is_table: bool


def _resolve_path(path: str, base_dir: Path) -> str:
    if "://" in path:  # s3://, abfss://, dbfs:/ ...: the engine resolves them
        return path
    return str((base_dir / Path(path).expanduser()).resolve())


def _table_path(table: TableSource | TableSink, layout: StorageLayout) -> str:
    folder = layout.warehouse / table.catalog_name / table.schema_name / table.table_name
    return str(folder.resolve())


def resolve_source(source: FileSource | TableSource, layout: StorageLayout) -> ReadLocation:
    """Where and how to read ``source``."""
    if isinstance(source, FileSource):
        return ReadLocation(
            _resolve_path(source.path, layout.base_dir), source.format, source.read_options
        )
    return ReadLocation(_table_path(source, layout), source.format or layout.table_format)


def resolve_sink(
    sink: FileSink | TableSink, layout: StorageLayout, *, full_refresh: bool
) -> SinkTarget:
    """Where and how to write ``sink``; ``full_refresh`` turns append and merge into overwrite."""
    mode = "overwrite" if full_refresh else sink.write_mode
    if isinstance(sink, FileSink):
        path = _resolve_path(sink.path, layout.base_dir)
        return SinkTarget(path, sink.format, mode, sink.merge_keys, is_table=False)
    path = _table_path(sink, layout)
    return SinkTarget(path, sink.format or layout.table_format, mode, sink.merge_keys, True)
