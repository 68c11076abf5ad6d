"""Request, response and routing types shared by every emulated service."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

__all__ = ["EmulatedError", "Request", "Response", "Route", "Router", "json_response"]


@dataclass(slots=True)
class Request:
    """One HTTP request as a service handler sees it."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes = b""
    params: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Request:
        path, _, query = target.partition("?")
        return cls(method, path, parse_qs(query, keep_blank_values=True), headers, body)

    def json(self) -> Any:
        """The body as JSON whatever the Content-Type says (the DSS client sends none)."""
        if not self.body:
            return {}
        try:
            return json.loads(self.body)
        except ValueError as exc:
            raise EmulatedError(400, {"error": f"malformed JSON body: {exc}"}) from exc

    def arg(self, name: str, default: str | None = None) -> str | None:
        """The first value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else default

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lowered:
                return value
        return None


@dataclass(slots=True)
class Response:
    """What a handler answers; ``body`` is JSON-encoded unless it is bytes."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def encode(self) -> tuple[bytes, str]:
        """The body bytes and their content type."""
        if isinstance(self.body, bytes):
            return self.body, self.headers.get("Content-Type", "application/octet-stream")
        if self.body is None:
            return b"", "application/json"
        return json.dumps(self.body).encode(), "application/json"


def json_response(body: Any, status: int = 200) -> Response:
    return Response(status=status, body=body)


class EmulatedError(Exception):
    """Raised by a handler to answer an error with the platform's own body."""

    def __init__(self, status: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{status}: {body}")
        self.response = Response(status=status, body=body, headers=dict(headers or {}))


Handler = Callable[[Request], Response]


@dataclass(frozen=True, slots=True)
class Route:
    """``pattern`` is a regex on the path with named groups; it must match the whole path."""

    method: str
    pattern: re.Pattern[str]
    handler: Handler
    mutating: bool

    @classmethod
    def of(cls, method: str, pattern: str, handler: Handler) -> Route:
        return cls(method, re.compile(pattern), handler, method not in ("GET", "HEAD"))


class Router:
    """Finds the handler for a method and path; first registered route wins."""

    def __init__(self) -> None:
        self._routes: list[Route] = []

    def add(self, routes: list[Route]) -> None:
        self._routes.extend(routes)

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        allowed = False
        for route in self._routes:
            found = route.pattern.fullmatch(path)
            if found is None:
                continue
            if route.method == method:
                return route, found.groupdict()
            allowed = True
        if allowed:
            raise EmulatedError(405, {"error_code": "METHOD_NOT_ALLOWED", "message": method})
        return None
