"""The pipeline specification: what a pipeline YAML (or a stack's ``pipelines:`` entry) means.

Models are pydantic v2 with ``extra="forbid"``, frozen once validated. They accept the YAML
users of Laktory already write (``transformer: {nodes: [...]}``, upper-case ``layer`` and
``format``, ``read_options``) and never import an engine. Every transformer step is parsed into
a typed operation (``operations.py``) while validating, so a bad step is a located error.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cached_property
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from data_iac.pipelines.methods import route_step
from data_iac.pipelines.nwexpr import (
    NwExpr,
    looks_like_native_expression,
    looks_like_nw_expression,
    parse_nw_expression,
)
from data_iac.pipelines.operations import Operation, PackageCall, SqlQuery
from data_iac.pipelines.spec_io import (
    DEFAULT_CATALOG,
    DEFAULT_SCHEMA,
    FileSink,
    FileSource,
    NodeSource,
    Sink,
    Source,
    TableSink,
    TableSource,
    ViewSink,
)
from data_iac.pipelines.variables import declared_packages

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
    "ViewSink",
]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_BACKENDS = {"polars": "polars", "spark": "spark", "pyspark": "spark"}

EngineName = Literal["polars", "spark"]


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _backend(value: Any) -> Any:
    return _BACKENDS.get(value.lower(), value) if isinstance(value, str) else value


def _api(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Laktory(_Model):
    """Keys Laktory allows on every pipeline object."""

    dataframe_backend: EngineName | None = Field(
        default=None, validation_alias=AliasChoices("dataframe_backend", "dataframe_backend_")
    )
    dataframe_api: Literal["NARWHALS", "NATIVE"] | None = Field(
        default=None, validation_alias=AliasChoices("dataframe_api", "dataframe_api_")
    )
    variables: dict[str, Any] = Field(default_factory=dict)

    _backend = field_validator("dataframe_backend", mode="before")(_backend)
    _api = field_validator("dataframe_api", mode="before")(_api)


class Layer(StrEnum):
    """Medallion layer; it selects defaults (see ``Node.drops_exact_duplicates``)."""

    BRONZE = "BRONZE"
    SILVER = "SILVER"
    GOLD = "GOLD"


class Step(_Laktory):
    """One transformer step: ``func_name`` (+ args), or SQL in ``expr`` / ``sql_expr``."""

    func_name: str | None = None
    func_args: list[Any] = Field(default_factory=list)
    func_kwargs: dict[str, Any] = Field(default_factory=dict)
    sql_expr: str | None = Field(default=None, validation_alias=AliasChoices("sql_expr", "expr"))
    type: Literal["SQL"] | None = None
    engine: EngineName | None = None

    _engine = field_validator("engine", mode="before")(_backend)

    @field_validator("func_args", mode="before")
    @classmethod
    def _one_arg(cls, value: Any) -> Any:
        return [value] if isinstance(value, str | int | float | bool) else value

    @model_validator(mode="after")
    def _parse(self) -> Step:
        if (self.func_name is None) == (self.sql_expr is None):
            raise ValueError("a step needs exactly one of func_name or expr (sql_expr)")
        _ = self.operation  # raises ValueError, reported at this step's location
        return self

    @cached_property
    def operation(self) -> Operation:
        """The typed operation this step performs (parsed once per step)."""
        if self.sql_expr is not None:
            return SqlQuery(self.sql_expr)
        assert self.func_name is not None  # guaranteed by _parse
        native = self.dataframe_api == "NATIVE"
        return route_step(
            self.func_name, self.func_args, self.func_kwargs, engine=self.engine, native=native
        )


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


class Expectation(_Laktory):
    """A condition rows (``ROW``) or the whole output (``AGGREGATE``) should satisfy.

    ``expr`` is SQL for the engine's own parser, or a narwhals expression
    (``nw.col('x') > 0``). A null result counts as not satisfied.
    """

    name: str
    expr: str
    action: Literal["warn", "drop", "quarantine", "fail"] = "warn"
    type: Literal["ROW", "AGGREGATE"] = "ROW"
    tolerance: Tolerance = Tolerance(abs=0)

    _action = field_validator("action", mode="before")(_lower)
    _type = field_validator("type", mode="before")(_api)

    @field_validator("expr", mode="before")
    @classmethod
    def _column_expr(cls, value: Any) -> Any:
        # Laktory also writes `expr: {expr: "...", type: SQL|DF}`.
        return value.get("expr") if isinstance(value, dict) else value

    @model_validator(mode="after")
    def _check(self) -> Expectation:
        if self.type == "AGGREGATE" and self.action in {"drop", "quarantine"}:
            raise ValueError(
                f"an AGGREGATE expectation cannot {self.action} rows: use warn or fail"
            )
        if self.nw_expr is not None:
            parse_nw_expression(self.expr)
        elif looks_like_native_expression(self.expr):
            raise ValueError(
                f"{self.expr!r}: expectations take SQL or a narwhals expression (nw.col...), "
                "not a Polars or PySpark one (pl.col / F.col)"
            )
        return self

    @property
    def nw_expr(self) -> NwExpr | None:
        """The narwhals expression, when ``expr`` is one (else it is SQL)."""
        return NwExpr(self.expr) if looks_like_nw_expression(self.expr) else None


def _one_or_many(data: Any, one: str, many: str) -> Any:
    """Laktory's ``source:`` / ``sink:`` (one) become ``sources:`` / ``sinks:`` (a list)."""
    if isinstance(data, dict) and one in data:
        if many in data:
            raise ValueError(f"write either {one} or {many}, not both")
        value = data[one]
        data = {k: v for k, v in data.items() if k != one}
        data[many] = [] if value is None else [value]
    return data


class Node(_Laktory):
    """Read its sources, apply the steps, check expectations, write its sinks."""

    name: str
    layer: Layer | None = None
    sources: list[Source] = Field(min_length=1)
    transformer: list[Step] = Field(default_factory=list)
    expectations: list[Expectation] = Field(default_factory=list)
    sinks: list[Sink] = Field(default_factory=list)
    drop_duplicates: bool | None = None
    comment: str | None = None
    description: str | None = None
    primary_keys: list[str] | None = None
    depends_on: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    time_column: str | None = None
    ldp_template: str | None = Field(
        default="DEFAULT", validation_alias=AliasChoices("ldp_template", "dlt_template")
    )
    execution_task_name: str | None = Field(
        default=None, validation_alias=AliasChoices("execution_task_name", "execution_task_name_")
    )
    expectations_checkpoint_path: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "expectations_checkpoint_path", "expectations_checkpoint_path_"
        ),
    )
    root_path: str | None = Field(
        default=None, validation_alias=AliasChoices("root_path", "root_path_")
    )

    @model_validator(mode="before")
    @classmethod
    def _singular(cls, data: Any) -> Any:
        return _one_or_many(_one_or_many(data, "source", "sources"), "sink", "sinks")

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
        if isinstance(value, dict) and set(value) <= {"nodes", "dataframe_backend", "variables"}:
            return value.get("nodes") or []
        return [] if value is None else value

    @model_validator(mode="after")
    def _check_sources_and_sinks(self) -> Node:
        names = [s.name for s in self.sources[1:]]
        if any(n is None for n in names):
            raise ValueError("every source after the first needs a `name` ({sources.<name>})")
        if len(set(names)) != len(names):
            raise ValueError("two sources have the same name")
        if any(s.is_quarantine for s in self.sinks) and not any(
            e.action == "quarantine" for e in self.expectations
        ):
            raise ValueError("a quarantine sink needs an expectation with action QUARANTINE")
        return self

    @property
    def source(self) -> Source:
        """The primary source: ``{df}`` at the first step."""
        return self.sources[0]

    @property
    def named_sources(self) -> dict[str, Source]:
        """The other sources, by name (``{sources.<name>}``); the primary one too if named."""
        return {s.name: s for s in self.sources if s.name is not None}

    @property
    def output_sinks(self) -> list[FileSink | TableSink]:
        """The sinks that receive the node's output."""
        return [s for s in self.sinks if not s.is_quarantine and not isinstance(s, ViewSink)]

    @property
    def quarantine_sinks(self) -> list[FileSink | TableSink]:
        """The sinks that receive the rows failing QUARANTINE expectations."""
        return [s for s in self.sinks if s.is_quarantine and not isinstance(s, ViewSink)]

    @property
    def sink(self) -> FileSink | TableSink | None:
        """The first output sink (the older single-``sink`` form)."""
        sinks = self.output_sinks
        return sinks[0] if sinks else None

    @property
    def view_names(self) -> list[str]:
        """Names under which SQL of later nodes may read this node (``pipeline_view_name``)."""
        return [s.pipeline_view_name for s in self.sinks if isinstance(s, ViewSink)]

    @property
    def drops_exact_duplicates(self) -> bool:
        """SILVER drops exact duplicate rows unless ``drop_duplicates: false``; others don't."""
        if self.drop_duplicates is not None:
            return self.drop_duplicates
        return self.layer is Layer.SILVER


class Pipeline(_Laktory):
    """A named list of nodes; node names must be unique."""

    name: str
    nodes: list[Node]
    orchestrator: Any = None  # deploy-time setting (Databricks job / DLT), ignored when run here
    dependencies: list[str] = Field(default_factory=list)
    imports: list[str] = Field(default_factory=list)
    parameters: dict[str, Any] = Field(default_factory=dict)
    resource_options: Any = None
    lookup_existing: Any = None
    root_path: str | None = Field(
        default=None, validation_alias=AliasChoices("root_path", "root_path_")
    )

    @model_validator(mode="after")
    def _unique_names(self) -> Pipeline:
        seen: set[str] = set()
        for node in self.nodes:
            if node.name in seen:
                raise ValueError(f"node name {node.name!r} is used twice")
            seen.add(node.name)
        return self

    @model_validator(mode="after")
    def _packages_declared(self) -> Pipeline:
        if any("${" in requirement for requirement in self.dependencies):
            # `${vars.wheel_filepath}` left for the stack to fill: which package it names is
            # not known here; the installed-package check still applies when the step runs.
            return self
        declared = declared_packages(self.dependencies, self.imports)
        for node in self.nodes:
            for step in node.transformer:
                operation = step.operation
                if isinstance(operation, PackageCall) and (
                    operation.package.split(".")[0].lower() not in declared
                ):
                    raise ValueError(
                        f"node {node.name!r} calls {operation.package}.{operation.function}, "
                        f"but package {operation.package!r} is not in the pipeline's "
                        "`dependencies` (or `imports`)"
                    )
        return self

    def node(self, name: str) -> Node:
        """The node called ``name``; raises KeyError when there is none."""
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)
