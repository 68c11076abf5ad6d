"""One YAML file -> plain data plus a mark per node, with duplicate keys as errors.

PyYAML's constructor silently keeps the last of two equal keys and forgets where nodes
were, and its composer is slow on large files. We read the C parser's event stream and
build the data ourselves in one pass, recording each node's mark, rejecting duplicate keys,
and expanding Laktory's include tags: ``!use FILE`` (the node becomes that file's content)
and ``!extend FILE`` (a list item replaced by the items of that file's list). Included
paths are relative to the including file. Anchors, aliases and ``<<`` merge keys work.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode

from data_iac.config.locations import Marks, NodePath, format_path, locate
from data_iac.errors import ConfigError, Diagnostic, SourceLocation

__all__ = ["ParsedYaml", "display_name", "parse_yaml_file"]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INCLUDE_TAGS = frozenset({"!use", "!extend", "!update"})
_CONSTRUCTORS: dict[Any, Callable[[Any, Any], Any]] = yaml.SafeLoader.yaml_constructors
# A plain scalar can only be a number, bool, null or date when it starts with one of these;
# checking the first character first skips the resolver's regexes for most strings.
_MAYBE_TYPED = frozenset("0123456789+-.~yYnNtTfFoO=<")
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.SafeLoader("")


@dataclass(slots=True)
class ParsedYaml:
    """A file's data, the marks of its nodes, the files it included and its problems."""

    data: Any
    marks: Marks
    included: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def parse_yaml_file(path: Path, display: str, *, read: Callable[[Path], bytes]) -> ParsedYaml:
    """Parse ``path`` (named ``display`` in locations); ``read`` supplies file bytes.

    Raises ConfigError for a YAML syntax error; other problems (duplicate keys, missing
    includes) are collected in ``problems`` so they are reported with all the others.
    """
    parsed = ParsedYaml(data=None, marks={})
    builder = _Builder(parsed, read, stack=[path.resolve()])
    parsed.data = builder.document(path, display, ())
    return parsed


def plain_scalar(text: str) -> Any:
    """The value of an unquoted, untagged scalar: YAML 1.1 ints, floats, bools, nulls."""
    if not text:
        return None
    if text[0] not in _MAYBE_TYPED:
        return text
    tag: str = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return _typed(tag, text)


def _typed(tag: str, text: str) -> Any:
    if tag in (_STR, _TIMESTAMP):  # dates stay text: specs are JSON
        return text
    constructor = _CONSTRUCTORS.get(tag)
    if constructor is None:
        raise ValueError(f"unsupported YAML tag {tag}")
    return constructor(_CONSTRUCTOR, ScalarNode(tag, text))


class _Builder:
    """Builds data from parser events, one node at a time."""

    def __init__(self, parsed: ParsedYaml, read: Callable[[Path], bytes], stack: list[Path]):
        self.parsed = parsed
        self.marks = parsed.marks
        self.read = read
        self.stack = stack

    def document(self, path: Path, display: str, at: NodePath) -> Any:
        stream = io.BytesIO(self.read(path))
        stream.name = display  # the C parser names its marks after the stream
        loader = _Loader(stream)
        try:
            # iter(get_event, None) runs the parser from C with no Python frame per event.
            events = iter(loader.get_event, None)
            for event in events:
                if type(event) in _NODE_STARTS:
                    return _Document(self, events, path.parent).node(event, at)
            return None
        except yaml.MarkedYAMLError as exc:
            raise _syntax_error(exc, display) from exc
        except yaml.YAMLError as exc:
            raise ConfigError(f"invalid YAML in {display}: {exc}") from exc
        finally:
            loader.dispose()

    def include(self, event: Any, path: NodePath, directory: Path) -> Any:
        target = (directory / str(event.value)).resolve()
        if target in self.stack:
            chain = " -> ".join(p.name for p in [*self.stack, target])
            return self.problem(f"include cycle: {chain}", path)
        if not target.is_file():
            return self.problem(f"{event.tag} {event.value}: no such file ({target})", path)
        self.parsed.included.append(target)
        self.stack.append(target)
        try:
            return self.document(target, display_name(target), path)
        finally:
            self.stack.pop()

    def problem(self, message: str, path: NodePath, where: SourceLocation | None = None) -> None:
        where = where or locate(self.marks, path)
        self.parsed.problems.append(Diagnostic(message, format_path(path), where))


_NODE_STARTS = frozenset({ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent})


def _syntax_error(exc: yaml.MarkedYAMLError, display: str) -> ConfigError:
    mark = exc.problem_mark or exc.context_mark
    where = None if mark is None else SourceLocation(display, mark.line + 1, mark.column + 1)
    return ConfigError(
        f"invalid YAML: {exc.problem or exc.context}",
        location=where,
        hint="check the indentation and quoting around this line",
    )


class _Document:
    """One file's event stream being turned into data."""

    def __init__(self, builder: _Builder, events: Any, directory: Path) -> None:
        self.builder = builder
        self.marks = builder.marks
        self.events = events
        self.directory = directory
        self.anchors: dict[str, Any] = {}

    def node(self, event: Any, path: NodePath) -> Any:
        self.marks[path] = event.start_mark
        kind = type(event)
        if kind is ScalarEvent:
            value = self.scalar(event, path)
        elif kind is MappingStartEvent:
            value = self.mapping(path)
        elif kind is SequenceStartEvent:
            value = self.sequence(path)
        else:
            return self.alias(event, path)
        if event.anchor:
            self.anchors[event.anchor] = value
        return value

    def scalar(self, event: Any, path: NodePath) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            return plain_scalar(event.value) if event.style == "" else event.value
        if tag in _INCLUDE_TAGS:
            return self.builder.include(event, path, self.directory)
        try:
            return _typed(tag, event.value)
        except (ValueError, yaml.YAMLError) as exc:
            return self.builder.problem(str(exc), path)

    def alias(self, event: Any, path: NodePath) -> Any:
        if event.anchor not in self.anchors:
            return self.builder.problem(f"unknown anchor *{event.anchor}", path)
        return self.anchors[event.anchor]

    def mapping(self, path: NodePath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: list[Any] = []
        events = self.events
        marks = self.marks
        while True:
            key_event = next(events)
            if type(key_event) is MappingEndEvent:
                break
            if type(key_event) is not ScalarEvent:
                self.builder.problem("a mapping key must be a plain value", path)
                self.node(key_event, (*path, "?"))
                self.node(next(events), (*path, "?"))
                continue
            key = str(key_event.value)
            if key == "<<" and key_event.style == "":
                merged.append(self.node(next(events), (*path, "<<")))
            elif key in result:
                self.duplicate(key, path, key_event)
                self.node(next(events), (*path, "<<duplicate>>"))
            else:
                value_event = next(events)
                child = (*path, key)
                if type(value_event) is ScalarEvent and value_event.tag is None:
                    # The common case, inlined: a plain or quoted untagged scalar.
                    marks[child] = value_event.start_mark
                    text = value_event.value
                    plain = value_event.style == "" and (not text or text[0] in _MAYBE_TYPED)
                    result[key] = plain_scalar(text) if plain else text
                    if value_event.anchor:
                        self.anchors[value_event.anchor] = result[key]
                else:
                    result[key] = self.node(value_event, child)
        for extra in merged:
            self.merge_into(result, extra, path)
        return result

    def sequence(self, path: NodePath) -> list[Any]:
        result: list[Any] = []
        events = self.events
        while True:
            event = next(events)
            if type(event) is SequenceEndEvent:
                return result
            item_path = (*path, len(result))
            if type(event) is ScalarEvent and event.tag == "!extend":
                self.marks[item_path] = event.start_mark
                included = self.builder.include(event, item_path, self.directory)
                result.extend(included if isinstance(included, list) else [included])
            else:
                result.append(self.node(event, item_path))

    def merge_into(self, result: dict[str, Any], extra: Any, path: NodePath) -> None:
        for source in extra if isinstance(extra, list) else [extra]:
            if not isinstance(source, dict):
                self.builder.problem("a merge key (<<) takes a mapping or a list of them", path)
                continue
            for key, value in source.items():
                result.setdefault(key, value)

    def duplicate(self, key: str, path: NodePath, key_event: Any) -> None:
        first = locate(self.marks, (*path, key))
        mark = key_event.start_mark
        self.builder.parsed.problems.append(
            Diagnostic(
                f"duplicate key '{key}'" + (f" (first set at line {first.line})" if first else ""),
                format_path((*path, key)),
                SourceLocation(str(mark.name), mark.line + 1, mark.column + 1),
                "YAML would silently keep only the last value: remove or merge one of them",
            )
        )


def display_name(path: Path) -> str:
    """A path as locations print it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
