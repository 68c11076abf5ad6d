"""One YAML file -> plain data plus a mark per node, with duplicate keys as errors.

PyYAML's constructor silently keeps the last of two equal keys and forgets where nodes
were, and its composer is slow on large files. We read the C parser's event stream and
build the data ourselves in one pass, recording each node's mark, rejecting duplicate keys,
and expanding Laktory's include tags: ``!use FILE`` (the node becomes that file's content)
and ``!extend FILE`` (a list item replaced by the items of that file's list). Included
paths are relative to the including file and must lie under the project root (see
``config/confine.py``). Anchors, aliases and ``<<`` merge keys work.

Hostile input is bounded: a file is read as UTF-8 (a bad byte is an error naming its
line); aliases may copy at most ``MAX_NODES`` nodes in all, each counted as if it were
expanded (a "billion laughs" file is refused at once, not walked for minutes; nodes
written out in the file are bounded by its size, so a large generated config loads), at most
``MAX_DEPTH`` levels of nesting, and integers of at most ``MAX_INT_DIGITS`` digits. Every
non-empty YAML document of a file is considered: a second one (after ``---``) is an error,
never dropped silently.
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

from data_iac.config.confine import AllowedRoots
from data_iac.config.locations import Marks, NodePath, format_path, locate
from data_iac.errors import ConfigError, Diagnostic, SourceLocation

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "ParsedYaml",
    "display_name",
    "parse_yaml_file",
]

MAX_NODES = 1_000_000
"""Nodes the aliases of one parsed file (with its includes) may copy in all."""
MAX_DEPTH = 100
"""Levels of nesting one value may have, aliases expanded."""
MAX_INT_DIGITS = 40
"""Characters of an unquoted integer (an int64 id has 19 digits)."""
_INT = "tag:yaml.org,2002:int"

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


def parse_yaml_file(
    path: Path,
    display: str,
    *,
    read: Callable[[Path], bytes],
    roots: AllowedRoots | None = None,
) -> ParsedYaml:
    """Parse ``path`` (named ``display`` in locations); ``read`` supplies file bytes, and
    includes must lie under ``roots`` (default: the directory of ``path``).

    Raises ConfigError for a YAML syntax error, bytes that are not UTF-8, or a node, depth
    or digit cap exceeded; other problems (duplicate keys, missing includes, a second
    document) are collected in ``problems`` so they are reported with all the others.
    """
    parsed = ParsedYaml(data=None, marks={})
    allowed = roots or AllowedRoots((path.resolve().parent,))
    builder = _Builder(parsed, read, stack=[path.resolve()], roots=allowed)
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
    if tag == _INT and len(text) > MAX_INT_DIGITS:
        raise ValueError(
            f"an integer of {len(text)} characters is longer than {MAX_INT_DIGITS}: "
            "quote it if it is text"
        )
    constructor = _CONSTRUCTORS.get(tag)
    if constructor is None:
        raise ValueError(f"unsupported YAML tag {tag}")
    return constructor(_CONSTRUCTOR, ScalarNode(tag, text))


class _Builder:
    """Builds data from parser events, one node at a time."""

    def __init__(
        self,
        parsed: ParsedYaml,
        read: Callable[[Path], bytes],
        stack: list[Path],
        roots: AllowedRoots,
    ):
        self.parsed = parsed
        self.marks = parsed.marks
        self.read = read
        self.stack = stack
        self.roots = roots
        self.nodes = 0  # nodes built so far, aliases counted as copies
        self.copied = 0  # nodes copied by aliases so far
        self.deepest = 0  # the deepest path built so far (for the height of anchors)

    def document(self, path: Path, display: str, at: NodePath) -> Any:
        data = self.read(path)
        _check_utf8(data, display)
        stream = io.BytesIO(data)
        stream.name = display  # the C parser names its marks after the stream
        loader = _Loader(stream)
        try:
            # iter(get_event, None) runs the parser from C with no Python frame per event.
            events = iter(loader.get_event, None)
            result: Any = None
            seen = False
            for event in events:
                if type(event) not in _NODE_STARTS or _empty(event):
                    continue
                if seen:
                    self.second_document(event, at)
                    _skip(event, events)
                    continue
                seen = True
                result = _Document(self, events, path.parent).node(event, at)
            return result
        except yaml.MarkedYAMLError as exc:
            raise _syntax_error(exc, display) from exc
        except yaml.YAMLError as exc:
            raise ConfigError(f"invalid YAML in {display}: {exc}") from exc
        finally:
            loader.dispose()

    def second_document(self, event: Any, at: NodePath) -> None:
        mark = event.start_mark
        self.parsed.problems.append(
            Diagnostic(
                "a second YAML document (after ---) in one file is not read",
                format_path(at),
                SourceLocation(str(mark.name), mark.line + 1, mark.column + 1),
                "data-iac reads one document per file: move it to a file of its own",
            )
        )

    def include(self, event: Any, path: NodePath, directory: Path) -> Any:
        if "${" in str(event.value):  # Laktory resolves these from its CLI's variables
            return self.problem(
                f"{event.tag} {event.value}: a variable in an included file's path is not "
                "supported (the file is read before the stack's variables are known)",
                path,
                hint="name the file itself, and put what differs per environment under "
                "environments: (or in variables the included file uses)",
            )
        target = (directory / str(event.value)).resolve()
        refusal = self.roots.refusal(target)
        if refusal is not None:
            return self.problem(f"{event.tag} {event.value}: {refusal}", path, hint=_ROOT_HINT)
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

    def problem(self, message: str, path: NodePath, *, hint: str = "") -> None:
        where = locate(self.marks, path)
        self.parsed.problems.append(Diagnostic(message, format_path(path), where, hint))

    def count(self, added: int, event: Any, path: NodePath) -> None:
        """Count ``added`` nodes copied by an alias; past ``MAX_NODES`` copies the whole
        parse stops."""
        self.nodes += added
        self.copied += added
        if self.copied > MAX_NODES:
            raise _capped(
                f"more than {MAX_NODES:,} nodes once aliases are expanded",
                event,
                path,
                "a YAML alias (*name) copies its anchor; aliases of aliases multiply: "
                "this file would expand beyond what a config can hold",
            )

    def reach(self, depth: int, event: Any, path: NodePath) -> None:
        """Note a node ``depth`` levels deep; past ``MAX_DEPTH`` the whole parse stops."""
        if depth > MAX_DEPTH:
            raise _capped(
                f"nested more than {MAX_DEPTH} levels deep",
                event,
                path,
                "no config needs this much nesting; an alias inside its anchors' "
                "own nesting adds up",
            )
        if depth > self.deepest:
            self.deepest = depth


_NODE_STARTS = frozenset({ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent})
_STARTS = (MappingStartEvent, SequenceStartEvent)
_ENDS = (MappingEndEvent, SequenceEndEvent)
_ROOT_HINT = AllowedRoots.hint()


def _empty(event: Any) -> bool:
    """An empty document (``---`` with nothing after it) holds one empty plain scalar."""
    return (
        type(event) is ScalarEvent and event.tag is None and event.value == "" and (not event.style)
    )


def _skip(event: Any, events: Any) -> None:
    """Consume the rest of the node ``event`` starts, without building it."""
    depth = 1 if isinstance(event, _STARTS) else 0
    while depth:
        following = next(events)
        if isinstance(following, _STARTS):
            depth += 1
        elif isinstance(following, _ENDS):
            depth -= 1


def _check_utf8(data: bytes, display: str) -> None:
    """Raise a located ConfigError when ``data`` is not UTF-8 (a UTF-16/32 BOM is left to
    the parser, which reads those encodings)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] == b"\x00\x00\xfe\xff":
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(
            f"{display} is not UTF-8: byte 0x{data[exc.start]:02x} at line {line}",
            location=SourceLocation(display, line, column),
            hint="save the file as UTF-8",
        ) from None


def _capped(message: str, event: Any, path: NodePath, hint: str) -> ConfigError:
    mark = event.start_mark
    shown = format_path(path[:6]) + ("..." if len(path) > 6 else "")
    return ConfigError(
        message,
        path=shown,
        location=SourceLocation(str(mark.name), mark.line + 1, mark.column + 1),
        hint=hint,
    )


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
        # anchor -> (nodes it holds, aliases expanded; levels of nesting below it)
        self.sizes: dict[str, tuple[int, int]] = {}

    def node(self, event: Any, path: NodePath) -> Any:
        self.marks[path] = event.start_mark
        kind = type(event)
        if kind is AliasEvent:
            return self.alias(event, path)
        builder = self.builder
        builder.nodes += 1
        builder.reach(len(path), event, path)
        if event.anchor:
            return self.anchored(event, path)
        if kind is ScalarEvent:
            return self.scalar(event, path)
        return self.mapping(path) if kind is MappingStartEvent else self.sequence(path)

    def anchored(self, event: Any, path: NodePath) -> Any:
        """Build an anchored node, remembering its size and height for its aliases."""
        builder = self.builder
        nodes, outer = builder.nodes, builder.deepest
        builder.deepest = len(path)
        kind = type(event)
        if kind is ScalarEvent:
            value = self.scalar(event, path)
        else:
            value = self.mapping(path) if kind is MappingStartEvent else self.sequence(path)
        self.anchors[event.anchor] = value
        self.sizes[event.anchor] = (builder.nodes - nodes + 1, builder.deepest - len(path))
        builder.deepest = max(outer, builder.deepest)
        return value

    def scalar(self, event: Any, path: NodePath) -> Any:
        tag = event.tag
        try:
            if tag is None or tag == "!":
                return plain_scalar(event.value) if event.style == "" else event.value
            if tag in _INCLUDE_TAGS:
                return self.builder.include(event, path, self.directory)
            return _typed(tag, event.value)
        except (ValueError, yaml.YAMLError) as exc:
            return self.builder.problem(str(exc), path)

    def alias(self, event: Any, path: NodePath) -> Any:
        if event.anchor not in self.anchors:
            return self.builder.problem(f"unknown anchor *{event.anchor}", path)
        size, height = self.sizes[event.anchor]
        self.builder.count(size, event, path)
        self.builder.reach(len(path) + height, event, path)
        return self.anchors[event.anchor]

    def mapping(self, path: NodePath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: list[Any] = []
        events = self.events
        marks = self.marks
        builder = self.builder
        if len(path) + 1 > builder.deepest:
            builder.deepest = len(path) + 1  # its inlined scalars, for anchors' heights
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
                    builder.nodes += 1
                    text = value_event.value
                    plain = value_event.style == "" and (not text or text[0] in _MAYBE_TYPED)
                    try:
                        result[key] = plain_scalar(text) if plain else text
                    except ValueError as exc:
                        builder.problem(str(exc), child)
                        result[key] = None
                    if value_event.anchor:
                        self.anchors[value_event.anchor] = result[key]
                        self.sizes[value_event.anchor] = (1, 0)
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
