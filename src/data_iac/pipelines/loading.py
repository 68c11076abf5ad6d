"""Load pipelines from a YAML file or from raw dicts, reporting problems with file:line.

Accepted shapes: one pipeline (top-level ``name`` + ``nodes``); a ``pipelines:`` list or
mapping of them; a Laktory stack whose ``resources: pipelines:`` entries have ``nodes:`` (those
without are DLT pipelines and are skipped here). Problems are collected and raised together as
one ``PipelineSpecError``; a traceback is never the user's error message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from data_iac.errors import Diagnostic, PipelineError, SourceLocation
from data_iac.pipelines.spec import Pipeline
from data_iac.pipelines.variables import inherit_dataframe_api, substitute_variables

__all__ = ["LoadedPipeline", "PipelineSpecError", "load_pipeline_file", "pipelines_from_raw"]

Locator = Callable[[tuple[str | int, ...]], SourceLocation | None]


class PipelineSpecError(PipelineError):
    """The pipeline specification is invalid; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        count = len(diagnostics)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the pipeline specification",
            diagnostics=diagnostics,
        )


@dataclass(frozen=True, slots=True)
class LoadedPipeline:
    """A validated pipeline and where each of its nodes is written (when from a file)."""

    pipeline: Pipeline
    node_locations: Mapping[str, SourceLocation] = field(default_factory=dict)


class _MarkedDocument:
    """A parsed YAML document and the position of every value in it."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
            here = Path(file).resolve()
            self.data: Any = (
                _construct(self.root, here.parent, (here,)) if self.root is not None else None
            )
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = SourceLocation(file, mark.line + 1, mark.column + 1) if mark else None
            raise PipelineSpecError([Diagnostic(f"invalid YAML: {exc}", location=where)]) from exc

    def locate(self, path: tuple[str | int, ...]) -> SourceLocation | None:
        """The deepest position along ``path``; union tags pydantic adds are skipped."""
        node = self.root
        for key in path:
            child = _child(node, key)
            if child is not None:
                node = child
        if node is None:
            return None
        return SourceLocation(self.file, node.start_mark.line + 1, node.start_mark.column + 1)


def _construct(node: yaml.Node, base: Path | None = None, seen: tuple[Path, ...] = ()) -> Any:
    """Build plain Python values, refusing duplicate keys (PyYAML keeps the last silently)."""
    if isinstance(node, yaml.ScalarNode) and node.tag in _INCLUDE_TAGS:
        return _include(node, base, seen)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(key_node)
            if key in result:
                line = key_node.start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    problem=f"duplicate key {key!r} (line {line})", problem_mark=key_node.start_mark
                )
            result[key] = _construct(value_node, base, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, base, seen) for item in node.value]
    # Scalars carry their resolved tag (int, bool, null, ...); the safe constructor types them.
    return yaml.SafeLoader("").construct_object(node, deep=True)


_INCLUDE_TAGS = frozenset({"!use", "!extend", "!update"})


def _include(node: yaml.ScalarNode, base: Path | None, seen: tuple[Path, ...]) -> Any:
    """Laktory's ``!use FILE``: a YAML file's value, or any other file's text (SQL...).

    The path is relative to the including file. ``!extend`` / ``!update`` (list and mapping
    merges) are stack features, refused in a pipeline file.
    """

    def refuse(problem: str) -> yaml.constructor.ConstructorError:
        return yaml.constructor.ConstructorError(problem=problem, problem_mark=node.start_mark)

    if node.tag != "!use":
        raise refuse(f"{node.tag} is not supported in a pipeline file (only !use FILE)")
    if base is None:
        raise refuse("!use needs a pipeline read from a file")
    target = (base / str(node.value)).resolve()
    if target in seen:
        raise refuse(f"!use {node.value} includes itself")
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise refuse(f"!use {node.value}: cannot read {target} ({exc})") from exc
    if target.suffix.lower() not in {".yaml", ".yml"}:
        return text
    included = yaml.compose(text, Loader=yaml.SafeLoader)
    return None if included is None else _construct(included, target.parent, (*seen, target))


_SINGULAR = {"sources": "source", "sinks": "sink"}


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                found: yaml.Node = value_node
                return found
        if isinstance(key, str) and key in _SINGULAR:  # `source:` validates as `sources: [..]`
            single = _child(node, _SINGULAR[key])
            if single is None:
                return None
            return yaml.SequenceNode(
                "tag:yaml.org,2002:seq", [single], single.start_mark, single.end_mark
            )
        # `transformer: {nodes: [...]}` validates as a list: step into `nodes` for an index.
        nested = _child(node, "nodes") if isinstance(key, int) else None
        return _child(nested, key) if nested is not None else None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        item: yaml.Node = node.value[key]
        return item
    return None


def _entries(raw: Any) -> list[tuple[tuple[str | int, ...], Any, str | None]]:
    """(path in the document, pipeline dict, default name) for every pipeline in ``raw``."""
    if not isinstance(raw, Mapping):
        return []
    if "nodes" in raw:
        return [((), raw, None)]
    resources = raw.get("resources")
    if isinstance(resources, Mapping) and "pipelines" in resources:
        found = _entries({"pipelines": resources["pipelines"]})
        return [(("resources", *path), value, name) for path, value, name in found]
    group = raw.get("pipelines", raw)
    if isinstance(group, Sequence) and not isinstance(group, str):
        return [(("pipelines", i), p, None) for i, p in enumerate(group)]
    if isinstance(group, Mapping):
        prefix: tuple[str, ...] = ("pipelines",) if "pipelines" in raw else ()
        return [
            ((*prefix, str(key)), value, str(key))
            for key, value in group.items()
            if isinstance(value, Mapping) and "nodes" in value
        ]
    return []


def _diagnostics(
    error: ValidationError, base: tuple[str | int, ...], locate: Locator | None
) -> list[Diagnostic]:
    found = []
    for item in error.errors():
        loc = tuple(item["loc"])
        path = ".".join(
            str(part) for part in (*base, *loc) if part not in {"file", "table", "node"}
        )
        message = item["msg"].removeprefix("Value error, ")
        location = locate((*base, *loc)) if locate else None
        found.append(Diagnostic(message, path=path, location=location))
    return found


def _node_locations(
    pipeline: Pipeline, path: tuple[str | int, ...], locate: Locator | None
) -> dict[str, SourceLocation]:
    found = {}
    for index, node in enumerate(pipeline.nodes):
        where = locate((*path, "nodes", index)) if locate else None
        if where is not None:
            found[node.name] = where
    return found


def pipelines_from_raw(raw: Any, *, locate: Locator | None = None) -> list[LoadedPipeline]:
    """Validate every pipeline found in ``raw`` (any accepted shape).

    Raises:
        PipelineSpecError: listing every problem, located when ``locate`` is given.
    """
    entries = _entries(raw)
    if not entries:
        hint = "write `name:` and `nodes:` at the top level, or a `pipelines:` list of them"
        where = locate(()) if locate else None
        raise PipelineSpecError([Diagnostic("no pipeline with `nodes:` found", "", where, hint)])
    pipelines, problems = [], []
    for path, value, default_name in entries:
        data = inherit_dataframe_api(substitute_variables(dict(value)))
        if default_name is not None:
            data.setdefault("name", default_name)
        try:
            pipeline = Pipeline.model_validate(data)
            pipelines.append(LoadedPipeline(pipeline, _node_locations(pipeline, path, locate)))
        except ValidationError as exc:
            problems.extend(_diagnostics(exc, path, locate))
    if problems:
        raise PipelineSpecError(problems)
    return pipelines


def load_pipeline_file(path: Path) -> list[LoadedPipeline]:
    """Read a YAML file and validate the pipelines in it.

    Raises:
        PipelineError: the file cannot be read.
        PipelineSpecError: the YAML or the specification is invalid (located problems).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PipelineError(f"cannot read {path}: {exc.strerror}", hint="check -c") from exc
    document = _MarkedDocument(text, str(path))
    return pipelines_from_raw(document.data, locate=document.locate)
