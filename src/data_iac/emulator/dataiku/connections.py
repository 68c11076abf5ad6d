"""DSS connections (admin): list, create, settings get/save, delete.

A connection is stored as ``GET /admin/connections/{name}`` answers it: ``name``, ``type``,
``description``, ``params`` (type-specific), ``usableBy`` (ALL | ALLOWED),
``allowedGroups``, ``detailsReadability`` (``readableBy`` NONE | ALL | ALLOWED,
``allowedGroups``), ``allowWrite``, ``allowManagedDatasets``, ``allowManagedFolders``.

Sources: ``DSSClient.create_connection`` (POST ``/admin/connections/`` with ``name``,
``description``, ``type``, ``params``, ``usableBy``, ``allowedGroups``; the answer is read
as text), ``list_connections`` (GET ``/admin/connections/``: a mapping name -> item),
``DSSConnection.get_settings`` / ``DSSConnectionSettings.save`` (GET / PUT
``/admin/connections/{name}``) and ``delete`` (DELETE), dataikuapi/dssclient.py and
dataikuapi/dss/admin.py; ``get_definition``'s docstring: the definition carries "passwords
and secrets in their encrypted form", so a secret sent in ``params`` comes back encrypted
and a save that sends the encrypted form back keeps the secret. A missing connection
answers ``java.lang.IllegalArgumentException: Connection 'x' does not exist``
(platform-apis.md §2.1, §7.C.3; the 404 status is not from a trace).
"""

from __future__ import annotations

import copy
import hashlib
import re
from typing import Any

from data_iac.emulator.dataiku.common import (
    DssContext,
    already_exists,
    bad_request,
    dss_error,
    keep_known,
    route,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["SECRET_PARAMS", "routes"]

CONNECTIONS = r"/admin/connections"
CONNECTION = CONNECTIONS + r"/(?P<name>[^/]+)"
NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
ILLEGAL_ARGUMENT = "java.lang.IllegalArgumentException"
ENCRYPTED = "e:AES:"
# params DSS keeps encrypted (the emulator's list; DSS's own depends on the type)
SECRET_PARAMS = frozenset(
    {"password", "secretKey", "privateKey", "clientSecret", "token", "apiKey", "accessKey"}
)
SAVED = (
    "params", "description", "usableBy", "allowedGroups", "detailsReadability",
    "allowWrite", "allowManagedDatasets", "allowManagedFolders", "credentialsMode",
)  # fmt: skip


def _encrypted(value: Any) -> str:
    return ENCRYPTED + hashlib.sha256(str(value).encode()).hexdigest()[:24]


def stored_params(old: dict[str, Any], sent: Any) -> dict[str, Any]:
    """The params kept, secrets in their encrypted form only (as DSS keeps them; the
    emulator's files never hold one in clear): a secret sent back encrypted keeps the
    stored one."""
    if not isinstance(sent, dict):
        raise bad_request("Connection params must be an object")
    kept = copy.deepcopy(sent)
    for key, value in sent.items():
        if key not in SECRET_PARAMS:
            continue
        if isinstance(value, str) and value.startswith(ENCRYPTED):
            if key not in old:
                raise bad_request(f"Cannot decrypt the value of '{key}'")
            kept[key] = old[key]
        else:
            kept[key] = _encrypted(value)
    return kept


def shown(connection: dict[str, Any]) -> dict[str, Any]:
    """A connection as DSS answers it (secrets are stored encrypted already)."""
    return copy.deepcopy(connection)


def new_connection(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise bad_request("Expected a JSON object")
    name, kind = str(body.get("name") or ""), str(body.get("type") or "")
    if not NAME.match(name) or not kind:
        raise bad_request(f"Invalid connection name '{name}' or missing type")
    if body.get("usableBy", "ALL") not in ("ALL", "ALLOWED"):
        raise bad_request(f"Invalid usableBy '{body.get('usableBy')}': ALL or ALLOWED")
    return {
        "name": name,
        "type": kind,
        "description": str(body.get("description") or ""),
        "params": stored_params({}, body.get("params") or {}),
        "usableBy": body.get("usableBy", "ALL"),
        "allowedGroups": list(body.get("allowedGroups") or []),
        "detailsReadability": {"readableBy": "NONE", "allowedGroups": []},
        "allowWrite": True,
        "allowManagedDatasets": True,
        "allowManagedFolders": True,
        "credentialsMode": "GLOBAL",
    }


def routes(ctx: DssContext) -> list[Route]:
    """Every connection route."""

    def fetch(request: Request) -> dict[str, Any]:
        name = request.params["name"]
        found: dict[str, Any] | None = ctx.table("connections").get(name)
        if found is None:
            raise dss_error(404, ILLEGAL_ARGUMENT, f"Connection '{name}' does not exist")
        return found

    def list_connections(request: Request) -> Response:
        rows = ctx.table("connections")
        return Response(200, {
            name: {k: rows[name][k] for k in ("name", "type", "usableBy", "allowedGroups")}
            for name in sorted(rows)
        })  # fmt: skip

    def create(request: Request) -> Response:
        connection = new_connection(request.json())
        rows = ctx.table("connections")
        if connection["name"] in rows:
            raise already_exists(f"Connection '{connection['name']}' already exists")
        rows[connection["name"]] = connection
        return Response(200, shown(connection))

    def get(request: Request) -> Response:
        return Response(200, shown(fetch(request)))

    def save(request: Request) -> Response:
        old, body = fetch(request), request.json()
        new = {**copy.deepcopy(old), **keep_known(body, SAVED)}
        new["params"] = stored_params(old["params"], new["params"])
        if new["usableBy"] not in ("ALL", "ALLOWED"):
            raise bad_request(f"Invalid usableBy '{new['usableBy']}': ALL or ALLOWED")
        ctx.table("connections")[old["name"]] = new
        return Response(200, shown(new))

    def delete(request: Request) -> Response:
        del ctx.table("connections")[fetch(request)["name"]]
        return Response(204)

    return [
        route("GET", CONNECTIONS + "/?", list_connections),
        route("POST", CONNECTIONS + "/?", create),
        route("GET", CONNECTION + "/?", get),
        route("PUT", CONNECTION + "/?", save),
        route("DELETE", CONNECTION + "/?", delete),
    ]
