"""What every DSS route shares: error bodies, authentication, version tags, the context.

DSS answers errors as ``{"errorType": <java class>, "message", "detailedMessage"}``; the
errorTypes and statuses below follow platform-apis.md §7.C (section 7 wins over §2).
"""

from __future__ import annotations

import base64
import binascii
import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from data_iac.emulator.http import EmulatedError, Request, Response, Route
from data_iac.emulator.server import EmulatorOptions
from data_iac.emulator.store import Store

__all__ = [
    "PREFIX",
    "DssContext",
    "DssService",
    "already_exists",
    "api_key_of",
    "bad_request",
    "dss_error",
    "keep_known",
    "not_found",
    "route",
    "sorted_tags",
]

# The client calls /dip/publicapi; /public/api is the documented alias people type in curl.
PREFIX = r"(?:/dip/publicapi|/public/api)"
PROJECT_KEY_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]*$")
DEFAULT_LOGIN = "admin"

NOT_FOUND = "com.dataiku.dip.server.controllers.NotFoundException"
NOT_AUTHENTICATED = "com.dataiku.dip.exceptions.NotAuthenticatedException"
UNAUTHORIZED = "com.dataiku.dip.exceptions.UnauthorizedException"
ILLEGAL_ARGUMENT = "com.dataiku.dip.exceptions.DSSIllegalArgumentException"


def dss_error(status: int, error_type: str, message: str, code: str | None = None) -> EmulatedError:
    """An error with DSS's own body; ``dataikuapi`` shows it as ``errorType: message``."""
    body: dict[str, Any] = {
        "errorType": error_type,
        "message": message,
        "detailedMessage": message,
    }
    if code is not None:
        body["code"] = code
    return EmulatedError(status, body)


def not_found(what: str, project_key: str, name: str) -> EmulatedError:
    """404 NotFoundException, e.g. ``dataset does not exist: KEY.NAME`` (§7.C.3)."""
    return dss_error(404, NOT_FOUND, f"{what} does not exist: {project_key}.{name}")


def already_exists(message: str) -> EmulatedError:
    """400 DSSIllegalArgumentException with "already exists" in the message (§7.C.4)."""
    return dss_error(400, ILLEGAL_ARGUMENT, message, code="ERR_OBJECT_ALREADY_EXISTS")


def bad_request(message: str) -> EmulatedError:
    return dss_error(400, ILLEGAL_ARGUMENT, message)


def sorted_tags(tags: Any) -> list[str]:
    """DSS returns tags sorted and without duplicates, whatever order they were sent in."""
    if not isinstance(tags, list):
        return []
    return sorted({str(tag) for tag in tags})


def route(method: str, pattern: str, handler: Callable[[Request], Response]) -> Route:
    """A DSS route; ``pattern`` is the path after ``/dip/publicapi``."""
    return Route.of(method, PREFIX + pattern, handler)


def api_key_of(request: Request) -> str:
    """The API key of an HTTP Basic header (the key is the user name), or ""."""
    header = request.header("Authorization") or ""
    if not header.startswith("Basic "):
        return ""
    try:
        decoded = base64.b64decode(header[6:].strip()).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return ""
    return decoded.partition(":")[0]


@dataclass
class DssContext:
    """The store plus the options, handed to every route module.

    Tables (all under the store lock the server holds per request):
    ``dataiku.projects`` by key; ``dataiku.datasets``, ``dataiku.recipes``,
    ``dataiku.scenarios``, ``dataiku.folders``, ``dataiku.zones`` by ``KEY/ID``.
    """

    store: Store
    options: EmulatorOptions
    login: str = DEFAULT_LOGIN

    def table(self, name: str) -> dict[str, Any]:
        return self.store.table(f"dataiku.{name}")

    def project(self, project_key: str) -> dict[str, Any]:
        """The stored project, or the error DSS gives for a missing one (§7.C.2)."""
        found: dict[str, Any] | None = self.table("projects").get(project_key)
        if found is None:
            raise dss_error(403, UNAUTHORIZED, "Failed to read project permissions")
        return found

    def project_key(self, request: Request) -> str:
        """The ``key`` path parameter of ``request``, once that project is known to exist."""
        key: str = request.params["key"]
        self.project(key)
        return key

    def row(self, request: Request, table: str, what: str, id_param: str) -> dict[str, Any]:
        """The stored ``table`` row (not a copy) that ``request``'s ``key`` and ``id_param``
        path parameters name, or the error DSS gives for a missing project or object."""
        key, item = self.project_key(request), request.params[id_param]
        found: dict[str, Any] | None = self.table(table).get(f"{key}/{item}")
        if found is None:
            raise not_found(what, key, item)
        return found

    def merged(self, old: dict[str, Any], body: Any, fields: Iterable[str]) -> dict[str, Any]:
        """A PUT of ``body`` over a copy of ``old``: unknown fields dropped, tags sorted.
        Not stamped yet (``stamp_saved``), so a check can still refuse it."""
        new = {**copy.deepcopy(old), **keep_known(body, fields)}
        new["tags"] = sorted_tags(new.get("tags"))
        return new

    def children(self, table: str, project_key: str) -> list[dict[str, Any]]:
        """Every object of a per-project table in one project, sorted by id."""
        prefix = f"{project_key}/"
        rows = self.table(table)
        return [copy.deepcopy(rows[key]) for key in sorted(rows) if key.startswith(prefix)]

    def drop_children(self, table: str, project_key: str) -> None:
        rows = self.table(table)
        for key in [k for k in rows if k.startswith(f"{project_key}/")]:
            del rows[key]

    def version_tag(self, previous: dict[str, Any] | None = None) -> dict[str, Any]:
        """The next versionTag: versionNumber + 1 on every save, who and when."""
        number = int((previous or {}).get("versionNumber", -1)) + 1
        return {
            "versionNumber": number,
            "lastModifiedBy": {"login": self.login},
            "lastModifiedOn": self.store.now_ms(),
        }

    def stamp_new(self, doc: dict[str, Any]) -> dict[str, Any]:
        """Set creationTag and the first versionTag on a new object."""
        tag = self.version_tag()
        doc["creationTag"] = tag
        doc["versionTag"] = copy.deepcopy(tag)
        return doc

    def stamp_saved(self, doc: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
        """Keep the creationTag of ``previous`` and bump its versionTag."""
        doc["creationTag"] = previous.get("creationTag") or self.version_tag()
        doc["versionTag"] = self.version_tag(previous.get("versionTag"))
        return doc


def keep_known(body: Any, known: Iterable[str]) -> dict[str, Any]:
    """Drop unknown top-level fields silently, as DSS does on PUT (§7.C.6)."""
    if not isinstance(body, dict):
        raise bad_request("Expected a JSON object")
    allowed = set(known)
    return {key: copy.deepcopy(value) for key, value in body.items() if key in allowed}


class DssService:
    """The DSS half of the emulator: its prefixes, routes and API-key authentication."""

    name = "dataiku"
    prefixes: tuple[str, ...] = ("/dip/publicapi/", "/public/api/")

    def __init__(self, ctx: DssContext, routes: list[Route]) -> None:
        self.ctx = ctx
        self._routes = routes

    def routes(self) -> list[Route]:
        return self._routes

    def authenticate(self, request: Request) -> None:
        """HTTP Basic with the API key as user: missing -> 401, unknown -> 401 (§7.C.1)."""
        key = api_key_of(request)
        if not key:
            raise dss_error(401, NOT_AUTHENTICATED, "No credentials provided")
        expected = self.ctx.options.api_key
        if expected is not None and key != expected:
            raise dss_error(401, NOT_AUTHENTICATED, "Unknown API Key")
