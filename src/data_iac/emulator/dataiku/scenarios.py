"""DSS scenarios: list, create, settings GET/PUT, the custom_python payload, status, delete.

A scenario's id is derived from its name the way DSS does it (letters and digits, upper
case: "my scenario" -> ``MYSCENARIO``) unless the create body gives one.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from data_iac.emulator.dataiku.common import (
    DssContext,
    already_exists,
    bad_request,
    route,
    sorted_tags,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes", "scenario_id_for"]

SCENARIOS = r"/projects/(?P<key>[^/]+)/scenarios"
SCENARIO = SCENARIOS + r"/(?P<id>[^/]+)"
TYPES = ("step_based", "custom_python")
FIELDS = (
    "name",
    "active",
    "params",
    "triggers",
    "reporters",
    "tags",
    "description",
    "shortDesc",
    "customFields",
    "customMeta",
    "checklists",
    "runAsUser",
    "automationLocal",
    "delayedTriggersBehavior",
)


def scenario_id_for(name: str) -> str:
    """The id DSS derives from a scenario name: its letters and digits, upper-cased."""
    derived = re.sub(r"[^A-Za-z0-9_]", "", name).upper()
    return derived or "SCENARIO"


def new_scenario(ctx: DssContext, key: str, body: dict[str, Any]) -> dict[str, Any]:
    name = str(body.get("name") or "").strip()
    scenario_type = str(body.get("type") or "")
    if not name or scenario_type not in TYPES:
        raise bad_request(f"A scenario needs a name and a type in {TYPES}")
    scenario_id = str(body.get("id") or scenario_id_for(name))
    if f"{key}/{scenario_id}" in ctx.table("scenarios"):
        raise already_exists(f"Scenario {key}.{scenario_id} already exists")
    params = copy.deepcopy(body.get("params") or {})
    if scenario_type == "step_based":
        params.setdefault("steps", [])
    doc: dict[str, Any] = {
        "projectKey": key,
        "id": scenario_id,
        "name": name,
        "type": scenario_type,
        "active": bool(body.get("active", False)),
        "params": params,
        "triggers": copy.deepcopy(body.get("triggers") or []),
        "reporters": copy.deepcopy(body.get("reporters") or []),
        "tags": sorted_tags(body.get("tags")),
        "description": str(body.get("description") or ""),
        "shortDesc": "",
        "customFields": {},
        "customMeta": {"kv": {}},
        "checklists": {"checklists": []},
    }
    return ctx.stamp_new(doc)


def routes(ctx: DssContext) -> list[Route]:
    """Every scenario route."""

    def fetch(request: Request) -> dict[str, Any]:
        return ctx.row(request, "scenarios", "scenario", "id")

    def list_scenarios(request: Request) -> Response:
        rows = ctx.children("scenarios", ctx.project_key(request))
        return Response(200, [row["scenario"] for row in rows])

    def create(request: Request) -> Response:
        key = ctx.project_key(request)
        doc = new_scenario(ctx, key, request.json())
        ctx.table("scenarios")[f"{key}/{doc['id']}"] = {"scenario": doc, "script": ""}
        return Response(200, {"id": doc["id"]})

    def get(request: Request) -> Response:
        return Response(200, copy.deepcopy(fetch(request)["scenario"]))

    def save(request: Request) -> Response:
        row = fetch(request)
        old = row["scenario"]
        new = ctx.merged(old, request.json(), FIELDS)
        new["active"] = bool(new.get("active"))
        ctx.stamp_saved(new, old)
        row["scenario"] = new
        return Response(200, copy.deepcopy(new))

    def get_payload(request: Request) -> Response:
        return Response(200, {"script": fetch(request)["script"]})

    def save_payload(request: Request) -> Response:
        row = fetch(request)
        row["script"] = str(request.json().get("script") or "")
        row["scenario"] = ctx.stamp_saved(row["scenario"], row["scenario"])
        return Response(200, {})

    def status(request: Request) -> Response:
        doc = fetch(request)["scenario"]
        return Response(
            200,
            {
                "id": doc["id"],
                "name": doc["name"],
                "active": doc["active"],
                "running": False,
                "projectKey": doc["projectKey"],
            },
        )

    def delete(request: Request) -> Response:
        doc = fetch(request)["scenario"]
        del ctx.table("scenarios")[f"{doc['projectKey']}/{doc['id']}"]
        return Response(200, {})

    return [
        route("GET", SCENARIOS + "/?", list_scenarios),
        route("POST", SCENARIOS + "/?", create),
        route("GET", SCENARIO + "/payload", get_payload),
        route("PUT", SCENARIO + "/payload", save_payload),
        route("GET", SCENARIO + "/light", status),
        route("GET", SCENARIO + "/?", get),
        route("PUT", SCENARIO + "/?", save),
        route("DELETE", SCENARIO + "/?", delete),
    ]
