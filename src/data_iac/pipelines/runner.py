"""Run a pipeline's nodes on an engine: in dependency order, independent nodes in parallel.

Each node is computed exactly once (``Engine.evaluate``); its downstream nodes and its sink
reuse that result. Expectations are checked on the same computation, and a ``fail`` one that
is exceeded stops the run before that node's sink is written. When a node fails, nodes not yet
started are skipped and the first error is raised once running nodes have finished.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from typing import Any

from data_iac.errors import DataIacError, ExpectationFailedError, PipelineError, SourceLocation
from data_iac.pipelines.engines import Engine, Evaluated
from data_iac.pipelines.graph import PlannedNode, ordered_nodes, select_nodes
from data_iac.pipelines.operations import NATIVE_METHODS, Native
from data_iac.pipelines.source_steps import source_operations
from data_iac.pipelines.spec import FileSink, Node, NodeSource, Pipeline, Source, TableSink
from data_iac.pipelines.spec_io import DataSource
from data_iac.pipelines.storage import StorageLayout, resolve_sink, resolve_source

__all__ = ["ExpectationResult", "NodeResult", "RunOptions", "RunResult", "run_pipeline"]


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run: which nodes, where tables live, and how many nodes at once."""

    layout: StorageLayout = field(default_factory=StorageLayout)
    nodes: tuple[str, ...] = ()
    full_refresh: bool = False
    max_workers: int = 4
    node_locations: Mapping[str, SourceLocation] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExpectationResult:
    """One expectation's verdict on one node's rows."""

    node: str
    expectation: str
    action: str
    passed: int
    failed: int
    exceeded: bool


@dataclass(frozen=True, slots=True)
class NodeResult:
    """What one node did: rows out, where they went, and its expectations."""

    node: str
    rows: int
    sink: str | None
    expectations: tuple[ExpectationResult, ...]
    seconds: float
    sinks: tuple[str, ...] = ()
    quarantined: int = 0


@dataclass(frozen=True, slots=True)
class RunResult:
    """Every node's result in completion order, and how often each source was read."""

    pipeline: str
    engine: str
    nodes: tuple[NodeResult, ...]
    source_reads: Mapping[str, int]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's ``--json`` output)."""
        return {
            "pipeline": self.pipeline,
            "engine": self.engine,
            "nodes": [
                {
                    "node": n.node,
                    "rows": n.rows,
                    "sink": n.sink,
                    "sinks": list(n.sinks),
                    "quarantined": n.quarantined,
                    "seconds": round(n.seconds, 3),
                    "expectations": [_expectation_json(e) for e in n.expectations],
                }
                for n in self.nodes
            ],
        }


def _expectation_json(result: ExpectationResult) -> dict[str, Any]:
    return {
        "node": result.node,
        "expectation": result.expectation,
        "action": result.action,
        "passed": result.passed,
        "failed": result.failed,
        "exceeded": result.exceeded,
    }


def _expectation_results(node: str, evaluated: Evaluated) -> tuple[ExpectationResult, ...]:
    results = []
    for e, failed in zip(evaluated.expectations, evaluated.failed, strict=True):
        checked = 1 if e.type == "AGGREGATE" else evaluated.total_rows  # one check, or per row
        exceeded = e.tolerance.exceeded(failed, checked)
        results.append(
            ExpectationResult(node, e.name, e.action, checked - failed, failed, exceeded)
        )
    return tuple(results)


def _raise_on_failures(node: str, results: Iterable[ExpectationResult]) -> None:
    broken = [r for r in results if r.action == "fail" and r.exceeded]
    if broken:
        lines = [
            f"  {r.expectation}: {r.failed} failing of {r.passed + r.failed} rows" for r in broken
        ]
        raise ExpectationFailedError(
            f"node {node!r}: {len(broken)} expectation(s) with action fail not met; "
            "its sink was not written",
            detail="\n".join(lines),
            hint="fix the data or the expectation, or relax it with action warn/drop or tolerance",
        )


class _NodeRunner:
    """Runs single nodes and keeps their outputs for the nodes downstream."""

    def __init__(self, engine: Engine, options: RunOptions) -> None:
        self.engine = engine
        self.options = options
        self.outputs: dict[str, Any] = {}
        self.source_reads: dict[str, int] = {}
        self._lock = threading.Lock()

    def _read(self, planned: PlannedNode, source: Source) -> Any:
        if isinstance(source, NodeSource):
            frame = self.outputs[source.node_name]
        elif isinstance(source, DataSource):
            frame = self.engine.create(source.columns)
        else:
            with self._lock:
                self.source_reads[planned.name] = self.source_reads.get(planned.name, 0) + 1
            frame = self.engine.read(resolve_source(source, self.options.layout))
        for operation in source_operations(source):
            frame = self.engine.apply(frame, operation, {})
        return frame

    def _inputs(self, planned: PlannedNode) -> tuple[Any, dict[str, Any]]:
        """The primary frame, and every frame a step may name (nodes and ``sources.X``)."""
        node = planned.node
        frames = {name: self.outputs[name] for name in planned.upstreams}
        primary = self._read(planned, node.source)
        for source in node.sources[1:]:
            frames[f"sources.{source.name}"] = self._read(planned, source)
        if node.source.name is not None:
            frames[f"sources.{node.source.name}"] = primary
        return primary, frames

    @contextmanager
    def _stage(self, node: str, what: str) -> Iterator[None]:
        """Turn an engine's own exception into a PipelineError naming the node and the stage."""
        try:
            yield
        except DataIacError:
            raise
        except Exception as exc:
            where = self.options.node_locations.get(node)
            message = str(exc).strip().splitlines()
            raise PipelineError(
                f"node {node!r} failed while {what}" + (f" (defined at {where})" if where else ""),
                detail=f"{type(exc).__name__}: {message[0] if message else ''}",
                hint="check the column names, SQL and types this node uses; --debug shows more",
            ) from exc

    def _transform(self, planned: PlannedNode) -> Any:
        node = planned.node
        with self._stage(node.name, "reading its sources"):
            frame, frames = self._inputs(planned)
        for index, step in enumerate(node.transformer, start=1):
            with self._stage(node.name, f"applying transformer step {index}"):
                frame = self.engine.apply(frame, step.operation, frames)
        if node.drops_exact_duplicates:
            frame = self.engine.drop_exact_duplicates(frame)
        return frame

    def _write(self, node: Node, sinks: list[FileSink | TableSink], output: Any) -> list[str]:
        written = []
        for sink in sinks:
            target = resolve_sink(sink, self.options.layout, full_refresh=self.options.full_refresh)
            with self._stage(node.name, f"writing its sink {target.path}"):
                self.engine.write(output, target)
            written.append(target.path)
        return written

    def run(self, planned: PlannedNode) -> NodeResult:
        """Compute one node once, check its expectations, write its sinks, keep its output."""
        started = time.perf_counter()
        node, frame = planned.node, self._transform(planned)
        with self._stage(node.name, "computing it (lazy steps run here)"):
            evaluated = self.engine.evaluate(frame, node.expectations)
        results = _expectation_results(node.name, evaluated)
        _raise_on_failures(node.name, results)
        output = self.engine.keep(evaluated)
        written = self._write(node, node.output_sinks, output)
        quarantined = 0
        if node.quarantine_sinks:
            rejected = self.engine.quarantined(evaluated)
            written += self._write(node, node.quarantine_sinks, rejected)
        if any(e.action == "quarantine" for e in node.expectations):
            quarantined = evaluated.dropped_rows
        written += [f"view:{name}" for name in node.view_names]
        with self._lock:
            self.outputs[node.name] = output
        rows = evaluated.total_rows - evaluated.dropped_rows
        return NodeResult(
            node.name,
            rows,
            written[0] if written else None,
            results,
            time.perf_counter() - started,
            tuple(written),
            quarantined,
        )


def _walk(
    planned: list[PlannedNode],
    run_one: Callable[[PlannedNode], NodeResult],
    max_workers: int,
    on_node_done: Callable[[NodeResult], None] | None,
) -> list[NodeResult]:
    by_name = {p.name: p for p in planned}
    sorter = TopologicalSorter({p.name: p.upstreams for p in planned})
    sorter.prepare()
    done: list[NodeResult] = []
    running: dict[Future[NodeResult], str] = {}
    failure: BaseException | None = None
    with ThreadPoolExecutor(max_workers=max(1, max_workers)) as pool:
        while failure is None and (sorter.is_active() or running):
            for name in sorter.get_ready():
                running[pool.submit(run_one, by_name[name])] = name
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                name = running.pop(future)
                if future.exception() is not None:
                    failure = failure or future.exception()
                    continue
                done.append(future.result())
                if on_node_done is not None:
                    on_node_done(done[-1])
                sorter.done(name)
        wait(running)  # let nodes already running finish; nothing new starts after a failure
    if failure is not None:
        raise failure
    return done


def _refuse_other_engines_methods(
    planned: list[PlannedNode], engine: str, locations: Mapping[str, SourceLocation]
) -> None:
    """Refuse before anything runs, rather than after some sinks were written."""
    for item in planned:
        for step in item.node.transformer:
            operation = step.operation
            if isinstance(operation, Native) and operation.engine is None:
                if operation.method not in NATIVE_METHODS[engine]:
                    raise PipelineError(
                        f"node {item.name!r} calls {operation.method} (dataframe_api NATIVE), "
                        f"which the {engine} engine does not allow",
                        hint=f"allowed: {', '.join(sorted(NATIVE_METHODS[engine]))}",
                    )
            elif isinstance(operation, Native) and operation.engine != engine:
                where = locations.get(item.name)
                raise PipelineError(
                    f"node {item.name!r} calls {operation.engine}.{operation.method}, "
                    f"which the {engine} engine does not have"
                    + (f" (defined at {where})" if where else ""),
                    hint=f"run with --engine {operation.engine}, or use a portable operation",
                )


def run_pipeline(
    pipeline: Pipeline,
    engine: Engine,
    options: RunOptions | None = None,
    *,
    on_node_done: Callable[[NodeResult], None] | None = None,
) -> RunResult:
    """Run ``pipeline`` (or ``options.nodes`` and their upstreams) on ``engine``.

    Raises:
        DependencyCycleError, PipelineError: the graph is invalid or a node refers to nothing.
        ExpectationFailedError: a ``fail`` expectation was exceeded (its sink is not written).
    """
    options = options or RunOptions()
    planned = ordered_nodes(pipeline, locations=options.node_locations)
    if options.nodes:
        planned = select_nodes(planned, options.nodes)
    _refuse_other_engines_methods(planned, engine.name, options.node_locations)
    runner = _NodeRunner(engine, options)
    results = _walk(planned, runner.run, options.max_workers, on_node_done)
    return RunResult(pipeline.name, engine.name, tuple(results), dict(runner.source_reads))
