"""DSS project wikis: the wiki settings (taxonomy, home article) and its articles.

Sources (dataikuapi/dss/wiki.py): ``DSSWiki.get_settings`` / ``DSSWikiSettings.save``
(GET / PUT ``/projects/{K}/wiki/``: ``taxonomy`` is a tree of ``{id, children}`` holding
every article once, and ``homeArticleId``); ``create_article`` (POST ``/projects/{K}/wiki/``
with ``projectKey``, ``name``, ``parent``; the answer's ``article.id`` is read);
``DSSWikiArticle`` (GET ``/projects/{K}/wiki/{id or name}`` answers ``{"article": {id,
name, ...}, "payload": markdown}``; PUT the same shape; DELETE). The article id format and
what happens to the children of a deleted article are emulator choices (no source shows
them): ids are random, children move up to the deleted article's parent.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import unquote

from data_iac.emulator.dataiku.common import (
    DssContext,
    already_exists,
    bad_request,
    not_found,
    route,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

WIKI = r"/projects/(?P<key>[^/]+)/wiki"
ARTICLE = WIKI + r"/(?P<article>[^/]+)"
ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _node(taxonomy: list[dict[str, Any]], article_id: str) -> tuple[list[Any], int] | None:
    """(the list holding ``article_id``'s node, its index), searched depth first."""
    for index, node in enumerate(taxonomy):
        if node["id"] == article_id:
            return taxonomy, index
        found = _node(node["children"], article_id)
        if found is not None:
            return found
    return None


def _all_ids(taxonomy: list[dict[str, Any]]) -> list[str]:
    return [i for n in taxonomy for i in (n["id"], *_all_ids(n["children"]))]


def wiki_of(ctx: DssContext, key: str) -> dict[str, Any]:
    """The stored wiki settings of project ``key`` (made on first use)."""
    ctx.project(key)
    empty: dict[str, Any] = {"projectKey": key, "homeArticleId": None, "taxonomy": []}
    settings: dict[str, Any] = ctx.table("wikis").setdefault(f"{key}/settings", empty)
    return settings


def articles_of(ctx: DssContext, key: str) -> dict[str, dict[str, Any]]:
    """The stored articles of project ``key``, by ``KEY/ID``."""
    return {k: v for k, v in ctx.table("articles").items() if k.startswith(f"{key}/")}


def saved_settings(ctx: DssContext, key: str, body: Any) -> dict[str, Any]:
    """A save of the wiki settings: the taxonomy must hold every article exactly once."""
    current = wiki_of(ctx, key)
    taxonomy = body.get("taxonomy", current["taxonomy"]) if isinstance(body, dict) else None
    if not isinstance(taxonomy, list):
        raise bad_request("The wiki taxonomy must be a list")
    known = sorted(row["article"]["id"] for row in articles_of(ctx, key).values())
    if sorted(_all_ids(taxonomy)) != known:
        raise bad_request("The taxonomy must hold every article of the wiki exactly once")
    current["taxonomy"] = copy.deepcopy(taxonomy)
    current["homeArticleId"] = body.get("homeArticleId", current["homeArticleId"])
    return current


def new_article(ctx: DssContext, key: str, body: Any) -> dict[str, Any]:
    """Create an article under its parent (or at the root); the first becomes home."""
    name = str(body.get("name") or "").strip() if isinstance(body, dict) else ""
    if not name:
        raise bad_request("An article needs a name")
    if any(r["article"]["name"] == name for r in articles_of(ctx, key).values()):
        raise already_exists(f"Article '{name}' already exists in the wiki of {key}")
    settings = wiki_of(ctx, key)
    siblings = settings["taxonomy"]
    if body.get("parent") is not None:
        found = _node(settings["taxonomy"], str(body["parent"]))
        if found is None:
            raise not_found("article", key, str(body["parent"]))
        siblings = found[0][found[1]]["children"]
    article_id = ctx.store.random_token(7, ALPHABET)
    article = {"id": article_id, "projectKey": key, "name": name, "tags": [], "attachments": []}
    row = {"article": ctx.stamp_new(article), "payload": ""}
    ctx.table("articles")[f"{key}/{article_id}"] = row
    siblings.append({"id": article_id, "children": []})
    if settings["homeArticleId"] is None:
        settings["homeArticleId"] = article_id
    return row


def drop_article(ctx: DssContext, key: str, article_id: str) -> None:
    """Delete an article; its children move up to its parent."""
    settings = wiki_of(ctx, key)
    found = _node(settings["taxonomy"], article_id)
    if found is not None:
        siblings, index = found
        siblings[index : index + 1] = siblings[index]["children"]
    if settings["homeArticleId"] == article_id:
        settings["homeArticleId"] = None
    del ctx.table("articles")[f"{key}/{article_id}"]


def routes(ctx: DssContext) -> list[Route]:
    """Every wiki route."""

    def find(request: Request) -> dict[str, Any]:
        # dataikuapi puts the id or name in the path (quoted by dku_quote_fn, or by requests)
        key, wanted = ctx.project_key(request), unquote(request.params["article"])
        for row in articles_of(ctx, key).values():
            if wanted in (row["article"]["id"], row["article"]["name"]):
                return row
        raise not_found("article", key, wanted)

    def get_settings(request: Request) -> Response:
        return Response(200, copy.deepcopy(wiki_of(ctx, request.params["key"])))

    def save_settings(request: Request) -> Response:
        saved = saved_settings(ctx, request.params["key"], request.json())
        return Response(200, copy.deepcopy(saved))

    def create(request: Request) -> Response:
        key = ctx.project_key(request)
        return Response(200, copy.deepcopy(new_article(ctx, key, request.json())))

    def get(request: Request) -> Response:
        return Response(200, copy.deepcopy(find(request)))

    def save(request: Request) -> Response:
        row, body = find(request), request.json()
        sent = body.get("article") if isinstance(body, dict) else None
        if isinstance(sent, dict) and sent.get("name"):
            row["article"]["name"] = str(sent["name"])
        if isinstance(body, dict) and "payload" in body:
            row["payload"] = str(body["payload"] or "")
        ctx.stamp_saved(row["article"], row["article"])
        return Response(200, copy.deepcopy(row))

    def delete(request: Request) -> Response:
        drop_article(ctx, request.params["key"], find(request)["article"]["id"])
        return Response(204)

    return [
        route("GET", WIKI + "/?", get_settings),
        route("PUT", WIKI + "/?", save_settings),
        route("POST", WIKI + "/?", create),
        route("GET", ARTICLE + "/?", get),
        route("PUT", ARTICLE + "/?", save),
        route("DELETE", ARTICLE + "/?", delete),
    ]
