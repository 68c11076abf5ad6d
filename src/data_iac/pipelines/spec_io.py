"""Sources and sinks of a pipeline node, as Laktory writes them (and the older form).

Every key of Laktory's source and sink models is accepted (docs/pipelines.md says what each
does here); keys that only matter to a Databricks deployment are accepted and ignored when a
pipeline runs locally. Unknown keys are errors.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

__all__ = [
    "DEFAULT_CATALOG",
    "DEFAULT_SCHEMA",
    "DataSource",
    "FileSink",
    "FileSource",
    "MergeOptions",
    "NodeSource",
    "Sink",
    "Source",
    "TableSink",
    "TableSource",
    "ViewSink",
]

DEFAULT_CATALOG = "main"
DEFAULT_SCHEMA = "default"

FileFormat = Literal["csv", "json", "ndjson", "parquet", "delta"]
TableFormat = Literal["parquet", "delta"]
WriteMode = Literal["append", "overwrite", "merge"]
_FORMATS = {"jsonl": "ndjson"}
# Laktory's Spark modes that have a local meaning here; the others are refused.
_MODES = {"complete": "overwrite", "append": "append", "overwrite": "overwrite", "merge": "merge"}


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _file_format(value: Any) -> Any:
    lowered = _lower(value)
    return _FORMATS.get(lowered, lowered) if isinstance(lowered, str) else lowered


def _dotted_table(value: Any) -> Any:
    """Laktory accepts ``table_name: catalog.schema.table`` (or ``schema.table``)."""
    if not isinstance(value, dict):
        return value
    value = {k: v for k, v in value.items() if v is not None or k not in _NULLABLE}
    name = value.get("table_name")
    if isinstance(name, str) and len(name.split(".")) in {2, 3}:
        parts = name.split(".")
        value |= {"table_name": parts[-1], "schema_name": parts[-2]}
        if len(parts) == 3:
            value["catalog_name"] = parts[0]
    return value


_NULLABLE = {"catalog_name", "schema_name"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Common(_Model):
    """Keys every Laktory source and sink may carry."""

    dataframe_backend: str | None = Field(
        default=None, validation_alias=AliasChoices("dataframe_backend", "dataframe_backend_")
    )
    dataframe_api: str | None = Field(
        default=None, validation_alias=AliasChoices("dataframe_api", "dataframe_api_")
    )
    variables: dict[str, Any] = Field(default_factory=dict)


class _SourceBase(_Common):
    """What Laktory lets every source do to its rows before the transformer."""

    name: str | None = None
    as_stream: bool = False
    drop_duplicates: bool | list[str] | None = None
    drops: list[str] | None = None
    filter: str | None = None
    renames: dict[str, str] | None = None
    selects: list[str] | dict[str, str] | None = None
    reader_kwargs: dict[str, Any] = Field(default_factory=dict)
    reader_methods: list[Any] = Field(default_factory=list)


class FileSource(_SourceBase):
    """Files at ``path`` (a file, or a folder of part files) in one format."""

    type: Literal["FILE"] = "FILE"
    path: str
    # Laktory's older FileDataSource defaulted to JSON (okube-ai/laktory v0.4.0,
    # laktory/models/datasources/filedatasource.py); 0.13 requires it.
    format: FileFormat = "json"
    multiline: bool | None = None  # the older model's JSON option
    header: bool | None = None  # the older model's CSV option
    options: dict[str, Any] = Field(
        default_factory=dict, validation_alias=AliasChoices("options", "read_options")
    )
    has_header: bool = True
    infer_schema: bool = False
    schema_definition: Any = Field(
        default=None, validation_alias=AliasChoices("schema", "schema_definition")
    )
    schema_location: str | None = Field(
        default=None, validation_alias=AliasChoices("schema_location", "schema_location_")
    )

    _format = field_validator("format", mode="before")(_file_format)

    @property
    def read_options(self) -> dict[str, Any]:
        """``options`` with Laktory's ``reader_kwargs`` and ``has_header`` folded in."""
        merged = dict(self.reader_kwargs) | dict(self.options)
        if self.multiline is not None:
            merged.setdefault("multiline", self.multiline)
        if self.header is not None:
            merged.setdefault("header", self.header)
        if self.format == "csv" and "header" not in merged and "has_header" not in merged:
            merged["header"] = self.has_header
        return merged


class TableSource(_SourceBase):
    """A table; run locally, the folder ``<warehouse>/<catalog>/<schema>/<table>``."""

    type: Literal["UNITY_CATALOG", "HIVE_METASTORE"] = "UNITY_CATALOG"
    catalog_name: str = DEFAULT_CATALOG
    schema_name: str = DEFAULT_SCHEMA
    table_name: str
    format: TableFormat | None = None

    _format = field_validator("format", mode="before")(_lower)

    @model_validator(mode="before")
    @classmethod
    def _names(cls, value: Any) -> Any:
        return _dotted_table(value)


class NodeSource(_SourceBase):
    """The output of another node of the same pipeline."""

    type: Literal["PIPELINE_NODE"] = "PIPELINE_NODE"
    node_name: str


class DataSource(_SourceBase):
    """Rows written in the YAML: ``data`` as ``{column: [values]}`` or ``[{column: value}]``."""

    type: Literal["DATAFRAME"] = "DATAFRAME"
    data: dict[str, list[Any]] | list[dict[str, Any]]

    @property
    def columns(self) -> dict[str, list[Any]]:
        """The data as columns (every row gets every column; missing values are null)."""
        if isinstance(self.data, dict):
            return {k: list(v) for k, v in self.data.items()}
        names = list(dict.fromkeys(k for row in self.data for k in row))
        return {name: [row.get(name) for row in self.data] for name in names}


def _source_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        if "data" in value or value.get("type") == "DATAFRAME":
            return "data"
        if "node_name" in value:
            return "node"
        return "table" if "table_name" in value else "file"
    return None


Source = Annotated[
    Annotated[FileSource, Tag("file")]
    | Annotated[TableSource, Tag("table")]
    | Annotated[NodeSource, Tag("node")]
    | Annotated[DataSource, Tag("data")],
    Discriminator(_source_kind),
]


class MergeOptions(_Common):
    """Laktory's ``merge_cdc_options``; ``primary_keys`` is what a local merge uses."""

    primary_keys: list[str] | None = None
    delete_where: str | None = None
    end_at_column_name: str = "__end_at"
    exclude_columns: list[str] | None = None
    ignore_null_updates: bool = False
    include_columns: list[str] | None = None
    order_by: str | None = None
    null_equals_null: bool = False
    scd_type: Literal[1] = 1
    start_at_column_name: str = "__start_at"


class _SinkBase(_Common):
    mode: WriteMode | None = None
    primary_keys: tuple[str, ...] = ()
    merge_cdc_options: MergeOptions | None = None
    is_quarantine: bool = False
    as_stream: bool | None = None
    checkpoint_path: str | None = Field(
        default=None, validation_alias=AliasChoices("checkpoint_path", "checkpoint_path_")
    )
    writer_kwargs: dict[str, Any] = Field(default_factory=dict)
    writer_methods: list[Any] = Field(default_factory=list)
    schema_definition: Any = Field(
        default=None, validation_alias=AliasChoices("schema", "schema_definition")
    )
    reset_mode: Literal["DROP", "TRUNCATE"] = "DROP"
    metadata: Any = None
    databricks_data_profiling_config: Any = None
    shared: Any = None
    custom_writer: Any = None

    @field_validator("shared", "custom_writer")
    @classmethod
    def _refused(cls, value: Any, info: Any) -> Any:
        if value is not None:
            reason = {
                "shared": "several pipelines appending to one sink is not supported here",
                "custom_writer": "a custom writer is arbitrary code; write with a sink, or "
                "transform with a package function step",
            }[info.field_name]
            raise ValueError(f"{info.field_name}: {reason}")
        return value

    @field_validator("mode", mode="before")
    @classmethod
    def _mode(cls, value: Any) -> Any:
        if isinstance(value, str) and value.lower() in _MODES:
            return _MODES[value.lower()]
        return value

    @model_validator(mode="after")
    def _merge_needs_keys(self) -> _SinkBase:
        if self.mode == "merge" and not self.merge_keys:
            raise ValueError(
                "mode merge needs primary_keys (or merge_cdc_options.primary_keys): "
                "the columns identifying a row"
            )
        return self

    @property
    def merge_keys(self) -> tuple[str, ...]:
        """The merge keys: ``primary_keys``, else ``merge_cdc_options.primary_keys``."""
        if self.primary_keys:
            return self.primary_keys
        options = self.merge_cdc_options
        return tuple(options.primary_keys or ()) if options else ()

    @property
    def write_mode(self) -> str:
        """The mode used: unset means overwrite (Laktory replaces a file sink's output)."""
        return self.mode or "overwrite"


class FileSink(_SinkBase):
    """Write files at ``path``: one file, or a folder for delta."""

    type: Literal["FILE"] = "FILE"
    path: str
    format: FileFormat

    _format = field_validator("format", mode="before")(_file_format)


class TableSink(_SinkBase):
    """Write a table (locally a folder under the warehouse root)."""

    type: Literal["UNITY_CATALOG", "HIVE_METASTORE"] = "UNITY_CATALOG"
    catalog_name: str = DEFAULT_CATALOG
    schema_name: str = DEFAULT_SCHEMA
    table_name: str
    format: TableFormat | None = None
    table_type: Literal["TABLE", "VIEW"] = "TABLE"

    _format = field_validator("format", mode="before")(_lower)

    @model_validator(mode="before")
    @classmethod
    def _names(cls, value: Any) -> Any:
        return _dotted_table(value)


class ViewSink(_SinkBase):
    """Laktory's ``pipeline_view_name``: the node's output under a name, nothing written."""

    type: Literal["PIPELINE_VIEW"] = "PIPELINE_VIEW"
    pipeline_view_name: str

    @field_validator("pipeline_view_name")
    @classmethod
    def _identifier(cls, name: str) -> str:
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise ValueError(f"{name!r}: a view name is letters, digits and _")
        return name


def _sink_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        if "pipeline_view_name" in value:
            return "view"
        return "table" if "table_name" in value else "file"
    return None


Sink = Annotated[
    Annotated[FileSink, Tag("file")]
    | Annotated[TableSink, Tag("table")]
    | Annotated[ViewSink, Tag("view")],
    Discriminator(_sink_kind),
]
