"""The Databricks SDK's own map of the REST API, read from its source: for every service
method, the HTTP method and path it calls, the JSON keys it puts in a body (and which
parameter each comes from), and the dataclass it reads the answer into.

The SDK is generated from the platform's API specification, so this map is a source nobody
on this project wrote: a body key no SDK method sends, or an answer key no SDK dataclass
reads, is a key the real service does not have.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.wire.shapes import unknown_fields

__all__ = ["SdkRoute", "best_route", "unknown_answer_fields", "unknown_body_keys"]

_CALL = re.compile(r'self\._api\.do\(\s*"(GET|POST|PUT|PATCH|DELETE)",\s*f?"([^"]+)"')
_BODY_KEY = re.compile(r'body\["([^"]+)"\]\s*=\s*([^\n]+)')
_LISTED = re.compile(r"for \w+ in (\w+)\]")
_WHOLE = re.compile(r"body = (\w+)\.as_dict\(\)|self\._api\.do\([^)]*\bbody=(?!body\b)(\w+)")
_ITEMS = re.compile(r'for v in json\["(\w+)"\]:\s*yield (\w+)\.from_dict\(v\)')
_READS = re.compile(r"(\w+)\.from_dict\((?:res|json)\)")
_PLACEHOLDER = re.compile(r"\{[^}]+\}")


@dataclass(frozen=True)
class SdkRoute:
    """One SDK method's call: ``verb`` ``path`` (a regex), body key -> parameter, answer."""

    verb: str
    path: re.Pattern[str]
    method: Callable[..., Any]
    body: dict[str, str]
    answer: Any
    whole: str | None = None  # the parameter that is the whole body (``app.as_dict()``)
    literal: int = 0  # characters of the path outside placeholders: more is more specific

    @property
    def name(self) -> str:
        return self.method.__qualname__


@functools.cache
def routes() -> tuple[SdkRoute, ...]:
    import databricks.sdk.service as services

    found = []
    for info in pkgutil.iter_modules(services.__path__):
        module = importlib.import_module(f"databricks.sdk.service.{info.name}")
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls_name.endswith("API") and cls.__module__ == module.__name__:
                found += _routes_of(module, cls)
    return tuple(found)


def _routes_of(module: Any, cls: type) -> list[SdkRoute]:
    found = []
    for _, fn in inspect.getmembers(cls, inspect.isfunction):
        try:
            source = inspect.getsource(fn)
        except (OSError, TypeError):
            continue
        calls = _CALL.findall(source)
        if len(calls) != 1:
            continue
        verb, path = calls[0]
        reads = _READS.findall(source)
        answer = getattr(module, reads[0], None) if reads else None
        marked = re.escape(_PLACEHOLDER.sub("PLACEHOLDER", path))
        pattern = re.compile(marked.replace("PLACEHOLDER", ".+"))
        body = {key: _param(value) for key, value in _BODY_KEY.findall(source)}
        items = _ITEMS.findall(source)
        if answer is None and items:
            answer = (items[0][0], getattr(module, items[0][1], None))
        whole = next((a or b for a, b in _WHOLE.findall(source)), None)
        literal = len(_PLACEHOLDER.sub("", path))
        found.append(SdkRoute(verb, pattern, fn, body, answer, whole, literal))
    return found


def _param(expression: str) -> str:
    """The parameter a body assignment reads: ``x``, ``x.as_dict()``, ``[v.as_dict() for v
    in x]``, ``x.value``."""
    listed = _LISTED.search(expression)
    if listed:
        return listed.group(1)
    return re.split(r"[^\w]", expression.strip(), maxsplit=1)[0]


def best_route(verb: str, path: str, score: Callable[[SdkRoute], int]) -> SdkRoute | None:
    """The SDK method calling ``verb path``: of the most specific paths matching (the most
    literal characters), the one ``score`` likes best (lowest)."""
    matching = [r for r in routes() if r.verb == verb and r.path.fullmatch(path)]
    if not matching:
        return None
    most = max(r.literal for r in matching)
    return min((r for r in matching if r.literal == most), key=score)


def unknown_body_keys(body: Any, route: SdkRoute) -> list[str]:
    """Keys of a request body that the SDK method never sends, checked as deep as the
    parameters' dataclasses go."""
    if not isinstance(body, dict):
        return []
    hints = typing.get_type_hints(route.method)
    if route.whole is not None:
        return unknown_fields(body, hints.get(route.whole, Any))
    found = []
    for key, value in body.items():
        param = route.body.get(key)
        if param is None:
            found.append(f"$.{key}: {route.name} never sends it")
        elif param in hints:
            found += unknown_fields(value, hints[param], f"$.{key}")
    return found


def unknown_answer_fields(answer: Any, route: SdkRoute) -> list[str]:
    """Keys of an answer that the SDK's answer dataclass does not read."""
    if route.answer is None or not isinstance(answer, dict):
        return []
    if isinstance(route.answer, tuple):  # a listing: {key: [items], next_page_token ...}
        key, item = route.answer
        found = [f"$.{k}: not in a listing" for k in answer if k not in (key, *_PAGING)]
        return found + unknown_fields(answer.get(key) or [], list[item], f"$.{key}")  # type: ignore[valid-type]
    return unknown_fields(answer, route.answer)


_PAGING = ("next_page_token", "prev_page_token", "has_more", "total_count", "page_token")
