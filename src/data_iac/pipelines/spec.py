"""The pipeline specification: what a pipeline YAML (or a stack's ``pipelines:`` entry) means.

Models are pydantic v2 with ``extra="forbid"``, frozen once validated. They accept the YAML
users of Laktory already write (``transformer: {nodes: [...]}``, upper-case ``layer`` and
``format``, ``read_options``) and never import an engine. Every transformer step is parsed into
a typed operation (``operations.py``) while validating, so a bad step is a located error.
"""

from __future__ import annotations

import re
from enum import StrEnum
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

from data_iac.pipelines.operations import Operation, SqlQuery
from data_iac.pipelines.parsing import parse_operation

__all__ = [
    "DEFAULT_CATALOG",
    "DEFAULT_SCHEMA",
    "Expectation",
    "FileSink",
    "FileSource",
    "Layer",
    "Node",
    "NodeSource",
    "Pipeline",
    "Sink",
    "Source",
    "Step",
    "TableSink",
    "TableSource",
    "Tolerance",
]

DEFAULT_CATALOG = "main"
DEFAULT_SCHEMA = "default"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")

FileFormat = Literal["csv", "json", "ndjson", "parquet", "delta"]
TableFormat = Literal["parquet", "delta"]
EngineName = Literal["polars", "spark"]
WriteMode = Literal["append", "overwrite", "merge"]


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Layer(StrEnum):
    """Medallion layer; it selects defaults (see ``Node.drops_exact_duplicates``)."""

    BRONZE = "BRONZE"
    SILVER = "SILVER"
    GOLD = "GOLD"


class FileSource(_Model):
    """Files at ``path`` (a file, or a folder of part files) in one format."""

    path: str
    format: FileFormat
    options: dict[str, Any] = Field(
        default_factory=dict, validation_alias=AliasChoices("options", "read_options")
    )

    _format = field_validator("format", mode="before")(_lower)


class TableSource(_Model):
    """A table; run locally, the folder ``<warehouse>/<catalog>/<schema>/<table>``."""

    catalog_name: str = DEFAULT_CATALOG
    schema_name: str = DEFAULT_SCHEMA
    table_name: str
    format: TableFormat | None = None

    _format = field_validator("format", mode="before")(_lower)


class NodeSource(_Model):
    """The output of another node of the same pipeline."""

    node_name: str


def _source_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        keys = value.keys()
        if "node_name" in keys:
            return "node"
        if "table_name" in keys:
            return "table"
        return "file"
    return None


Source = Annotated[
    Annotated[FileSource, Tag("file")]
    | Annotated[TableSource, Tag("table")]
    | Annotated[NodeSource, Tag("node")],
    Discriminator(_source_kind),
]


class _SinkBase(_Model):
    mode: WriteMode = "append"
    primary_keys: tuple[str, ...] = ()

    _mode = field_validator("mode", mode="before")(_lower)

    @model_validator(mode="after")
    def _merge_needs_keys(self) -> _SinkBase:
        if self.mode == "merge" and not self.primary_keys:
            raise ValueError("mode merge needs primary_keys (the columns identifying a row)")
        return self


class FileSink(_SinkBase):
    """Write files at ``path``: one file, or a folder for delta."""

    path: str
    format: FileFormat

    _format = field_validator("format", mode="before")(_lower)


class TableSink(_SinkBase):
    """Write a table (locally a folder under the warehouse root)."""

    catalog_name: str = DEFAULT_CATALOG
    schema_name: str = DEFAULT_SCHEMA
    table_name: str
    format: TableFormat | None = None

    _format = field_validator("format", mode="before")(_lower)


def _sink_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        return "table" if "table_name" in value else "file"
    return None


Sink = Annotated[
    Annotated[FileSink, Tag("file")] | Annotated[TableSink, Tag("table")],
    Discriminator(_sink_kind),
]


class Step(_Model):
    """One transformer step: ``func_name`` (+ args) or ``sql_expr``, never both."""

    func_name: str | None = None
    func_args: list[Any] = Field(default_factory=list)
    func_kwargs: dict[str, Any] = Field(default_factory=dict)
    sql_expr: str | None = None
    engine: EngineName | None = None

    @model_validator(mode="after")
    def _parse(self) -> Step:
        if (self.func_name is None) == (self.sql_expr is None):
            raise ValueError("a step needs exactly one of func_name or sql_expr")
        _ = self.operation  # raises ValueError, reported at this step's location
        return self

    @property
    def operation(self) -> Operation:
        """The typed operation this step performs."""
        if self.sql_expr is not None:
            return SqlQuery(self.sql_expr)
        assert self.func_name is not None  # guaranteed by _parse
        return parse_operation(self.func_name, self.func_args, self.func_kwargs, engine=self.engine)


class Tolerance(_Model):
    """How many failing rows are tolerated: an absolute count or a fraction of the rows."""

    abs: int | None = Field(default=None, ge=0)
    rel: float | None = Field(default=None, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _exactly_one(self) -> Tolerance:
        if (self.abs is None) == (self.rel is None):
            raise ValueError("tolerance needs exactly one of abs or rel")
        return self

    def exceeded(self, failed: int, total: int) -> bool:
        """True when ``failed`` rows out of ``total`` are more than tolerated."""
        if self.abs is not None:
            return failed > self.abs
        assert self.rel is not None  # guaranteed by _exactly_one
        return total > 0 and failed / total > self.rel


class Expectation(_Model):
    """A SQL boolean that every row should satisfy; null counts as not satisfied."""

    name: str
    expr: str
    action: Literal["warn", "drop", "fail"] = "warn"
    tolerance: Tolerance = Tolerance(abs=0)

    _action = field_validator("action", mode="before")(_lower)


class Node(_Model):
    """Read a source, apply the steps, check expectations, write the sink (if any)."""

    name: str
    layer: Layer | None = None
    source: Source
    transformer: list[Step] = Field(default_factory=list)
    expectations: list[Expectation] = Field(default_factory=list)
    sink: Sink | None = None
    drop_duplicates: bool | None = None

    @field_validator("name")
    @classmethod
    def _valid_name(cls, name: str) -> str:
        if not _NAME.match(name):
            raise ValueError(f"{name!r}: use letters, digits, _ and -, starting with a letter")
        return name

    @field_validator("layer", mode="before")
    @classmethod
    def _upper_layer(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("transformer", mode="before")
    @classmethod
    def _laktory_chain(cls, value: Any) -> Any:
        # Laktory writes `transformer: {nodes: [...]}`; a plain list means the same.
        if isinstance(value, dict) and set(value) <= {"nodes"}:
            return value.get("nodes") or []
        return [] if value is None else value

    @property
    def drops_exact_duplicates(self) -> bool:
        """SILVER drops exact duplicate rows unless ``drop_duplicates: false``; others don't."""
        if self.drop_duplicates is not None:
            return self.drop_duplicates
        return self.layer is Layer.SILVER


class Pipeline(_Model):
    """A named list of nodes; node names must be unique."""

    name: str
    nodes: list[Node]
    dataframe_backend: EngineName | None = None
    orchestrator: Any = None  # deploy-time setting (Databricks job / DLT), ignored when run here

    _backend = field_validator("dataframe_backend", mode="before")(_lower)

    @model_validator(mode="after")
    def _unique_names(self) -> Pipeline:
        seen: set[str] = set()
        for node in self.nodes:
            if node.name in seen:
                raise ValueError(f"node name {node.name!r} is used twice")
            seen.add(node.name)
        return self

    def node(self, name: str) -> Node:
        """The node called ``name``; raises KeyError when there is none."""
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)
