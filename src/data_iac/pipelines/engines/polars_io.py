"""Reading and writing files and tables with Polars (and deltalake for delta).

A path is a single file, or a folder of part files (what Spark writes, and what tables are
here). ``json`` is JSON Lines or one document per file, as the first file shows
(``json_layout``); ``options: {multiline: ...}`` decides instead. Merges on parquet/csv/json
are read-merge-write: the merged result is computed in memory before the old files are
replaced.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import polars as pl

from data_iac.errors import PipelineError
from data_iac.pipelines.engines.atomic import swap_folder
from data_iac.pipelines.engines.json_layout import json_is_document
from data_iac.pipelines.storage import ReadLocation, SinkTarget

__all__ = ["read_frame", "write_frame"]

_SUFFIX = {"csv": ".csv", "json": ".json", "ndjson": ".json", "parquet": ".parquet"}


def _is_single_file(path: str, file_format: str) -> bool:
    """A path ending in the format's suffix is one file; anything else is a folder of parts."""
    return Path(path).suffix.lower() in {_SUFFIX[file_format], f".{file_format}"}


def _parts(path: str, file_format: str) -> str:
    folder = Path(path)
    if folder.is_dir():
        return str(folder / f"*{_SUFFIX[file_format]}")
    return path


def _csv_options(options: Mapping[str, Any]) -> dict[str, Any]:
    # Spark-style `header` / `delimiter` / `sep` are portable; other keys are Polars' own.
    # Dates are parsed like Spark's inferSchema does, so both engines see the same types.
    kwargs = {"try_parse_dates": True}
    kwargs |= {
        k: v for k, v in options.items() if k not in {"header", "delimiter", "sep", "inferSchema"}
    }
    if "header" in options:
        kwargs["has_header"] = str(options["header"]).lower() == "true"
    separator = options.get("delimiter", options.get("sep"))
    if separator is not None:
        kwargs["separator"] = separator
    return kwargs


def read_frame(location: ReadLocation) -> pl.LazyFrame:
    """A lazy frame over ``location``.

    Raises:
        PipelineError: the path does not exist.
    """
    path, fmt, options = location.path, location.format, location.options
    if "://" not in path and not Path(path).exists():
        raise PipelineError(f"source not found: {path}", hint="check the source path or table")
    if fmt == "delta":
        return pl.scan_delta(path)
    if fmt == "parquet":
        return pl.scan_parquet(_parts(path, fmt), **options)
    if fmt == "csv":
        return pl.scan_csv(_parts(path, fmt), **_csv_options(options))
    if _multiline(path, fmt, options):
        files = [Path(path)] if Path(path).is_file() else sorted(Path(path).glob("*.json"))
        return pl.concat([pl.read_json(f) for f in files], how="diagonal_relaxed").lazy()
    return pl.scan_ndjson(_parts(path, fmt))


def _multiline(path: str, fmt: str, options: Mapping[str, Any]) -> bool:
    """One JSON document per file, rather than JSON Lines (see json_layout)."""
    if "multiline" in options:
        return str(options["multiline"]).lower() == "true"
    return fmt == "json" and json_is_document(path)


def _write_file(df: pl.DataFrame, path: Path, file_format: str) -> None:
    """Write next to ``path`` first, then rename: readers never see a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        if file_format == "parquet":
            df.write_parquet(staging)
        elif file_format == "csv":
            df.write_csv(staging)
        else:
            df.write_ndjson(staging)
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)


def _replace_all(df: pl.DataFrame, target: SinkTarget) -> None:
    path = Path(target.path)
    if _is_single_file(target.path, target.format) and not target.is_table:
        _write_file(df, path, target.format)
        return
    staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        _add_part(df, SinkTarget(str(staging), target.format, "append", (), True))
        swap_folder(staging, path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _add_part(df: pl.DataFrame, target: SinkTarget) -> None:
    folder = Path(target.path)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"part-{uuid.uuid4().hex}{_SUFFIX[target.format]}"
    _write_file(df, folder / name, target.format)


def _exists(target: SinkTarget) -> bool:
    path = Path(target.path)
    return path.is_file() or (path.is_dir() and any(path.iterdir()))


def _merge_files(df: pl.DataFrame, target: SinkTarget) -> pl.DataFrame:
    existing = read_frame(ReadLocation(target.path, target.format)).collect()
    kept = existing.join(df, on=list(target.primary_keys), how="anti")
    return pl.concat([kept, df], how="diagonal_relaxed")


def _write_files(df: pl.DataFrame, target: SinkTarget) -> None:
    if not _exists(target) or target.mode == "overwrite":
        _replace_all(df, target)
    elif target.mode == "merge":
        _replace_all(_merge_files(df, target), target)
    elif _is_single_file(target.path, target.format) and not target.is_table:
        existing = read_frame(ReadLocation(target.path, target.format)).collect()
        _write_file(
            pl.concat([existing, df], how="diagonal_relaxed"), Path(target.path), target.format
        )
    else:
        _add_part(df, target)


def _write_delta(df: pl.DataFrame, target: SinkTarget) -> None:
    exists = (Path(target.path) / "_delta_log").is_dir() or "://" in target.path
    if target.mode == "merge" and exists:
        predicate = " AND ".join(f's."{k}" = t."{k}"' for k in target.primary_keys)
        options = {"predicate": predicate, "source_alias": "s", "target_alias": "t"}
        merger = df.write_delta(target.path, mode="merge", delta_merge_options=options)
        assert merger is not None  # mode="merge" always returns a TableMerger
        merger.when_matched_update_all().when_not_matched_insert_all().execute()
        return
    mode: Literal["overwrite", "append"] = "overwrite" if target.mode == "overwrite" else "append"
    write_options = {"schema_mode": "overwrite"} if mode == "overwrite" else None
    df.write_delta(target.path, mode=mode, delta_write_options=write_options)


def write_frame(df: pl.DataFrame, target: SinkTarget) -> None:
    """Write ``df`` to ``target`` with its mode; ``merge`` replaces rows by primary key."""
    if target.format == "delta":
        _write_delta(df, target)
    else:
        _write_files(df, target)
