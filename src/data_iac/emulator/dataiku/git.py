"""A project's git remotes: GET / POST / DELETE ``/projects/{K}/git/remotes/{name}``.

Shapes from dataikuapi 15.2.0 ``DSSProjectGit`` (dataikuapi/dss/project.py): ``get_remote``
reads ``url`` from the GET answer and returns None when it has none; ``set_remote`` POSTs
``{"url": ...}``; ``remove_remote`` DELETEs. All three parse the answer as JSON. DSS keeps
every project in a git repository, so every project has remotes (none at first).
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.dataiku.common import DssContext, bad_request, route
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

REMOTE = r"/projects/(?P<key>[^/]+)/git/remotes/(?P<name>[^/]+)"


def remotes_of(project: dict[str, Any]) -> dict[str, str]:
    """The stored ``name -> url`` of a project's remotes (created on first use)."""
    remotes: dict[str, str] = project.setdefault("gitRemotes", {})
    return remotes


def routes(ctx: DssContext) -> list[Route]:
    """The git remote routes."""

    def get_remote(request: Request) -> Response:
        remotes = remotes_of(ctx.project(request.params["key"]))
        name = request.params["name"]
        answer: dict[str, Any] = {"name": name}
        if name in remotes:
            answer["url"] = remotes[name]
        return Response(200, answer)

    def set_remote(request: Request) -> Response:
        project = ctx.project(request.params["key"])
        body = request.json()
        url = body.get("url") if isinstance(body, dict) else None
        if not isinstance(url, str) or not url.strip():
            raise bad_request("A git remote needs a non-empty 'url'")
        remotes_of(project)[request.params["name"]] = url
        ctx.stamp_saved(project, project)
        return Response(200, {"name": request.params["name"], "url": url})

    def remove_remote(request: Request) -> Response:
        project = ctx.project(request.params["key"])
        remotes_of(project).pop(request.params["name"], None)
        ctx.stamp_saved(project, project)
        return Response(200, {})

    return [
        route("GET", REMOTE, get_remote),
        route("POST", REMOTE, set_remote),
        route("DELETE", REMOTE, remove_remote),
    ]
