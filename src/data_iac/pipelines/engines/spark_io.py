"""Reading and writing files and tables with Spark (classic or Spark Connect).

Spark always writes a folder of part files, which the Polars engine reads too. Delta works
only where the Delta Lake jars are on Spark's classpath (nothing is downloaded at run time);
otherwise a clear error says so. Merges on parquet/csv/json are read-merge-write through a
temporary sibling folder, so the table being read is never overwritten mid-job (local paths
only; use delta for remote storage).
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession

from data_iac.errors import PipelineError
from data_iac.pipelines.engines.atomic import swap_folder
from data_iac.pipelines.engines.json_layout import json_is_document
from data_iac.pipelines.storage import ReadLocation, SinkTarget

__all__ = ["read_frame", "write_frame"]

_FORMATS = {"csv": "csv", "json": "json", "ndjson": "json", "parquet": "parquet", "delta": "delta"}
_DELTA_HINT = (
    "put the Delta Lake jars on Spark's classpath (spark.jars) and enable its SQL extension, "
    "or use format: parquet"
)


def _is_missing_delta(exc: Exception) -> bool:
    text = str(exc)
    return "delta" in text.lower() and (
        "DATA_SOURCE_NOT_FOUND" in text or "Failed to find data source" in text
    )


def _reader_options(location: ReadLocation) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if location.format == "csv":
        options = {"header": "true", "inferSchema": "true"}
    if location.format == "json" and "multiline" in location.options:
        options["multiLine"] = location.options["multiline"]
    elif location.format == "json" and json_is_document(location.path):
        options["multiLine"] = "true"
    rest = {k: v for k, v in location.options.items() if k != "multiline"}
    return options | {k: str(v).lower() if isinstance(v, bool) else v for k, v in rest.items()}


def read_frame(spark: SparkSession, location: ReadLocation) -> DataFrame:
    """A lazy DataFrame over ``location``.

    Raises:
        PipelineError: the path does not exist, or delta is asked for without its jars.
    """
    if "://" not in location.path and not Path(location.path).exists():
        raise PipelineError(f"source not found: {location.path}", hint="check the source path")
    reader = spark.read.format(_FORMATS[location.format]).options(**_reader_options(location))
    try:
        return reader.load(location.path)
    except Exception as exc:
        if _is_missing_delta(exc):
            raise PipelineError(
                "Delta Lake is not available on this Spark", hint=_DELTA_HINT
            ) from exc
        raise


def _save(frame: DataFrame, path: str, file_format: str, mode: str) -> None:
    writer = frame.write.format(_FORMATS[file_format]).mode(mode)
    if file_format == "csv":
        writer = writer.option("header", "true")
    try:
        writer.save(path)
    except Exception as exc:
        if _is_missing_delta(exc):
            raise PipelineError(
                "Delta Lake is not available on this Spark", hint=_DELTA_HINT
            ) from exc
        raise


def _exists(path: str) -> bool:
    folder = Path(path)
    return folder.exists() and (folder.is_file() or any(folder.iterdir()))


def _merge_files(spark: SparkSession, frame: DataFrame, target: SinkTarget) -> None:
    if "://" in target.path:
        raise PipelineError(
            f"merge into {target.format} files is only supported on local paths: {target.path}",
            hint="use format: delta for merges on remote storage",
        )
    existing = read_frame(spark, ReadLocation(target.path, target.format))
    kept = existing.join(frame, on=list(target.primary_keys), how="left_anti")
    merged = kept.unionByName(frame, allowMissingColumns=True)
    path = Path(target.path)
    staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        _save(merged, str(staging), target.format, "overwrite")
        swap_folder(staging, path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _merge_delta(spark: SparkSession, frame: DataFrame, target: SinkTarget) -> None:
    view = f"iac_merge_{uuid.uuid4().hex}"
    frame.createOrReplaceTempView(view)
    condition = " AND ".join(f"t.`{k}` = s.`{k}`" for k in target.primary_keys)
    path = target.path.replace("`", "``")
    try:
        spark.sql(
            f"MERGE INTO delta.`{path}` AS t USING {view} AS s ON {condition} "
            "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *"
        ).collect()
    finally:
        spark.catalog.dropTempView(view)


def _replace(frame: DataFrame, target: SinkTarget) -> None:
    """Overwrite atomically on local paths: write a sibling folder, then swap it in."""
    if "://" in target.path or target.format == "delta":
        _save(frame, target.path, target.format, "overwrite")  # delta's overwrite is a commit
        return
    path = Path(target.path)
    staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        _save(frame, str(staging), target.format, "overwrite")
        swap_folder(staging, path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_frame(spark: SparkSession, frame: DataFrame, target: SinkTarget) -> None:
    """Write ``frame`` to ``target`` with its mode; ``merge`` replaces rows by primary key."""
    if target.mode == "append":
        _save(frame, target.path, target.format, "append")
    elif target.mode != "merge" or not _exists(target.path):
        _replace(frame, target)
    elif target.format == "delta":
        _merge_delta(spark, frame, target)
    else:
        _merge_files(spark, frame, target)
