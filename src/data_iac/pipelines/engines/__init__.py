"""The engine contract the runner drives, and the factory that loads an engine lazily.

An engine owns every dataframe library import (Polars, PySpark, deltalake); this package's
``__init__`` imports none of them, so loading and validating a pipeline never needs them.
Frames are the engine's own lazy dataframe type, opaque to the runner (typed ``Any``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from data_iac.errors import PipelineError
from data_iac.pipelines.nwexpr import NativeExpr
from data_iac.pipelines.operations import NATIVE_METHODS, Native, Operation
from data_iac.pipelines.spec import Expectation
from data_iac.pipelines.storage import ReadLocation, SinkTarget

__all__ = [
    "ENGINE_NAMES",
    "Engine",
    "EngineOptions",
    "Evaluated",
    "call_native",
    "create_engine",
    "drop_flags",
    "expectation_flag",
    "flag_columns",
    "quarantine_flags",
    "row_expectations",
]

ENGINE_NAMES = ("polars", "spark")
Frame = Any  # the engine's lazy dataframe (polars.LazyFrame, pyspark DataFrame)


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Engine settings from the CLI; Spark uses ``spark_master`` or ``spark_remote``."""

    spark_master: str | None = None
    spark_remote: str | None = None
    spark_conf: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Evaluated:
    """A node's computed result: its rows, and each expectation's failing-row count.

    ``frame`` holds the computed rows plus one flag column per expectation; the counts come
    from that same computation, never from re-running it.
    """

    frame: Frame
    expectations: tuple[Expectation, ...]
    total_rows: int
    failed: tuple[int, ...]
    dropped_rows: int


class Engine(Protocol):
    """What the runner needs from a dataframe engine.

    Implementations must be safe to call from several threads at once (independent nodes run
    in parallel) and must compute each node once: ``evaluate`` is the single computation, and
    ``keep`` returns a frame over its result that downstream nodes and the sink reuse.
    """

    name: str

    def read(self, location: ReadLocation) -> Frame:
        """A lazy frame over a file, folder or table."""
        ...

    def create(self, columns: Mapping[str, list[Any]]) -> Frame:
        """A frame over rows given in the pipeline (``data:`` sources)."""
        ...

    def apply(self, frame: Frame, operation: Operation, nodes: Mapping[str, Frame]) -> Frame:
        """Apply one operation; ``nodes`` holds the frames it may refer to (node names and
        ``sources.X`` keys)."""
        ...

    def drop_exact_duplicates(self, frame: Frame) -> Frame:
        """Rows that are identical in every column appear once."""
        ...

    def evaluate(self, frame: Frame, expectations: Sequence[Expectation]) -> Evaluated:
        """Compute the node once, with a pass/fail flag per expectation."""
        ...

    def keep(self, evaluated: Evaluated) -> Frame:
        """The computed rows minus those failing a ``drop``/``quarantine`` one, flags removed."""
        ...

    def quarantined(self, evaluated: Evaluated) -> Frame:
        """The computed rows failing any ``quarantine`` expectation, flags removed."""
        ...

    def write(self, frame: Frame, target: SinkTarget) -> None:
        """Write with the target's mode (append, overwrite, merge on primary keys)."""
        ...

    def close(self) -> None:
        """Release cached data and sessions this engine started."""
        ...


def create_engine(name: str, options: EngineOptions | None = None) -> Engine:
    """Load the named engine, importing its library only now.

    Raises:
        PipelineError: unknown engine, or its library is not installed (with the install hint).
    """
    options = options or EngineOptions()
    try:
        if name == "polars":
            from data_iac.pipelines.engines.polars import PolarsEngine

            return PolarsEngine()
        if name == "spark":
            from data_iac.pipelines.engines.spark import SparkEngine

            return SparkEngine.start(options)
    except ModuleNotFoundError as exc:
        extra = "spark" if name == "spark" else "pipelines"  # pyproject.toml's extras
        raise PipelineError(
            f"the {name} engine needs {exc.name}, which is not installed",
            hint=f"run `pip install 'data-iac[{extra}]'`",
        ) from exc
    raise PipelineError(f"unknown engine {name!r}", hint=f"use one of {', '.join(ENGINE_NAMES)}")


def expectation_flag(index: int) -> str:
    """The name of the flag column holding expectation ``index``'s verdict."""
    return f"__iac_expectation_{index}"


def row_expectations(expectations: Sequence[Expectation]) -> list[tuple[int, Expectation]]:
    """The ``ROW`` expectations with their index; each gets a flag column."""
    return [(i, e) for i, e in enumerate(expectations) if e.type == "ROW"]


def flag_columns(expectations: Sequence[Expectation]) -> list[str]:
    """The flag column of every ``ROW`` expectation, in order."""
    return [expectation_flag(i) for i, _ in row_expectations(expectations)]


def drop_flags(expectations: Sequence[Expectation]) -> list[str]:
    """Flags of ``drop`` and ``quarantine`` expectations: a row is kept when all are true."""
    return [
        expectation_flag(i)
        for i, e in row_expectations(expectations)
        if e.action in {"drop", "quarantine"}
    ]


def quarantine_flags(expectations: Sequence[Expectation]) -> list[str]:
    """Flags of ``quarantine`` expectations: a row is quarantined when any is false."""
    return [
        expectation_flag(i) for i, e in row_expectations(expectations) if e.action == "quarantine"
    ]


def call_native(engine: str, frame: Frame, operation: Native) -> Frame:
    """``frame.<method>(*args, **kwargs)`` for a native operation written for ``engine``.

    Raises:
        PipelineError: the operation is another engine's method.
    """
    if operation.engine not in (None, engine):
        raise PipelineError(
            f"{operation.engine}.{operation.method} is a {operation.engine} method",
            hint=f"run with --engine {operation.engine}, or use a portable operation",
        )
    if operation.method not in NATIVE_METHODS[engine]:
        raise PipelineError(
            f"{operation.method} is not an allowed {engine} method",
            hint=f"allowed: {', '.join(sorted(NATIVE_METHODS[engine]))}",
        )
    args = [_build_native(a, engine) for a in operation.args]
    kwargs = {k: _build_native(v, engine) for k, v in operation.kwargs.items()}
    return getattr(frame, operation.method)(*args, **kwargs)


def _build_native(value: Any, engine: str) -> Any:
    if isinstance(value, NativeExpr):
        return value.build(engine)
    if isinstance(value, Mapping):
        return {k: _build_native(v, engine) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_build_native(v, engine) for v in value]
    return value
