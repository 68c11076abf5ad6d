"""One YAML file -> plain data plus a mark per node, with duplicate keys as errors.

PyYAML's constructor silently keeps the last of two equal keys and forgets where nodes were.
We let the C parser compose the node tree (fast) and build the data ourselves in one walk,
recording each node's mark, rejecting duplicate keys, and expanding Laktory's include tags:
``!use FILE`` (the node becomes that file's content) and ``!extend FILE`` (a list item that
is replaced by the items of that file's list). Paths of included files are relative to the
file that includes them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from data_iac.config.locations import Marks, NodePath, format_path, locate
from data_iac.errors import ConfigError, Diagnostic, SourceLocation

__all__ = ["ParsedYaml", "display_name", "parse_yaml_file"]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INCLUDE_TAGS = frozenset({"!use", "!extend", "!update"})
_CONSTRUCTORS: dict[Any, Callable[[Any, Node], Any]] = yaml.SafeLoader.yaml_constructors


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
    root = _compose(path, display, read)
    parsed.data = None if root is None else builder.build(root, (), path.parent)
    return parsed


def _compose(path: Path, display: str, read: Callable[[Path], bytes]) -> Node | None:
    stream = io.BytesIO(read(path))
    stream.name = display  # the C parser names its marks after the stream
    loader = _Loader(stream)
    try:
        node: Node | None = loader.get_single_node()
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = None if mark is None else SourceLocation(display, mark.line + 1, mark.column + 1)
        raise ConfigError(
            f"invalid YAML: {exc.problem or exc.context}",
            location=where,
            hint="check the indentation and quoting around this line",
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML in {display}: {exc}") from exc
    finally:
        loader.dispose()


class _Builder:
    """Turns a composed node tree into data, one node at a time."""

    def __init__(self, parsed: ParsedYaml, read: Callable[[Path], bytes], stack: list[Path]):
        self.parsed = parsed
        self.marks = parsed.marks
        self.read = read
        self.stack = stack
        self.constructor = yaml.SafeLoader("")

    def build(self, node: Node, path: NodePath, directory: Path) -> Any:
        self.marks[path] = node.start_mark
        kind = type(node)
        if kind is ScalarNode:
            return self.scalar(node, path, directory)
        if kind is MappingNode:
            return self.mapping(node, path, directory)
        if node.tag in _INCLUDE_TAGS:
            return self.problem("an include tag takes a file path, not a list", path)
        return self.sequence(node, path, directory)

    def scalar(self, node: Node, path: NodePath, directory: Path) -> Any:
        tag = node.tag
        if tag == _STR or tag == _TIMESTAMP:  # dates stay text: specs are JSON
            return node.value
        if tag in _INCLUDE_TAGS:
            return self.include(node, path, directory)
        constructor = _CONSTRUCTORS.get(tag)
        if constructor is None:
            return self.problem(f"unsupported YAML tag {tag}", path)
        return constructor(self.constructor, node)

    def mapping(self, node: Node, path: NodePath, directory: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: list[Any] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.append(self.build(value_node, (*path, "<<"), directory))
                continue
            key = str(key_node.value)
            if key in result:
                self.duplicate(key, path, key_node)
                continue
            result[key] = self.build(value_node, (*path, key), directory)
        for extra in merged:
            self.merge_into(result, extra, path)
        return result

    def sequence(self, node: Node, path: NodePath, directory: Path) -> list[Any]:
        result: list[Any] = []
        for item in node.value:
            if item.tag == "!extend" and type(item) is ScalarNode:
                included = self.include(item, (*path, len(result)), directory)
                result.extend(included if isinstance(included, list) else [included])
            else:
                result.append(self.build(item, (*path, len(result)), directory))
        return result

    def merge_into(self, result: dict[str, Any], extra: Any, path: NodePath) -> None:
        sources = extra if isinstance(extra, list) else [extra]
        for source in sources:
            if not isinstance(source, dict):
                self.problem("a merge key (<<) takes a mapping or a list of mappings", path)
                continue
            for key, value in source.items():
                result.setdefault(key, value)

    def include(self, node: Node, path: NodePath, directory: Path) -> Any:
        target = (directory / str(node.value)).resolve()
        if target in self.stack:
            chain = " -> ".join(p.name for p in [*self.stack, target])
            return self.problem(f"include cycle: {chain}", path)
        if not target.is_file():
            return self.problem(f"{node.tag} {node.value}: no such file ({target})", path)
        self.parsed.included.append(target)
        self.stack.append(target)
        try:
            root = _compose(target, display_name(target), self.read)
            return None if root is None else self.build(root, path, target.parent)
        finally:
            self.stack.pop()

    def duplicate(self, key: str, path: NodePath, key_node: Node) -> None:
        first = locate(self.marks, (*path, key))
        where = SourceLocation(
            str(key_node.start_mark.name),
            key_node.start_mark.line + 1,
            key_node.start_mark.column + 1,
        )
        self.parsed.problems.append(
            Diagnostic(
                f"duplicate key '{key}'" + (f" (first set at line {first.line})" if first else ""),
                format_path((*path, key)),
                where,
                "YAML would silently keep only the last value: remove or merge one of them",
            )
        )

    def problem(self, message: str, path: NodePath) -> None:
        self.parsed.problems.append(
            Diagnostic(message, format_path(path), locate(self.marks, path))
        )


def display_name(path: Path) -> str:
    """A path as locations print it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
