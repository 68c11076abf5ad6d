"""``dataiku_wiki_article``: an article of a project's wiki, ``KEY.NAME``, through
``DSSWiki`` (dataikuapi/dss/wiki.py). DSS generates the article id (attribute ``id``); the
spec names its parent article by name. ``body`` is the article's markdown (the article
data's ``payload``); ``parent`` is its place in the wiki taxonomy; ``home`` makes it the
wiki's home article (``DSSWikiSettings.set_home_article_id``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.dataiku.client import DssConnection
from data_iac.providers.dataiku.common import ignore_missing, split_remote_id

__all__ = ["WikiArticleHandler", "parents_of"]

KIND = "dataiku_wiki_article"


def parents_of(
    taxonomy: list[Mapping[str, Any]], parent: str | None = None
) -> dict[str, str | None]:
    """Article id -> its parent's id (None at the root), for a whole taxonomy (pure)."""
    out: dict[str, str | None] = {}
    for node in taxonomy:
        out[str(node["id"])] = parent
        out.update(parents_of(node.get("children") or [], str(node["id"])))
    return out


class WikiArticleHandler:
    """CRUD for wiki articles, found by name."""

    schema: KindSchema = spec_of(KIND)

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def read(self, address: Address, remote_id: str) -> Observed | None:
        key, name = split_remote_id(remote_id)
        for found_address, observed in self.list({"project_key": key}):
            if found_address == Address(KIND, f"{key}.{name}"):
                return observed
        return None

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        key = str(scope["project_key"])
        try:
            settings = self._conn.client.get_project(key).get_wiki().get_settings()
        except ResourceNotFound:
            return []
        wiki = self._conn.client.get_project(key).get_wiki()
        parents = parents_of(settings.get_taxonomy())
        data = {i: wiki.get_article(i).get_data() for i in parents}
        names = {i: d.get_name() for i, d in data.items()}
        home = settings.get_home_article_id()
        out = []
        for article_id, article in data.items():
            parent = parents[article_id]
            attributes = {
                "project_key": key,
                "name": names[article_id],
                "id": article_id,
                "body": article.get_body() or "",
                "parent": None if parent is None else names.get(parent),
                "home": home == article_id,
            }
            remote_id = f"{key}.{names[article_id]}"
            out.append((Address(KIND, remote_id), Observed(remote_id, attributes)))
        return out

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        key, name = str(spec["project_key"]), str(spec["name"])
        wiki = self._conn.client.get_project(key).get_wiki()
        parent_id = self._id_of(key, spec.get("parent"))
        wiki.create_article(name, parent_id=parent_id, content=spec.get("body"))
        return self._write(f"{key}.{name}", spec, moved=False)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        moved = "parent" in spec and spec["parent"] != observed.attributes.get("parent")
        return self._write(observed.remote_id, spec, moved=moved)

    def delete(self, address: Address, observed: Observed) -> None:
        key, _ = split_remote_id(observed.remote_id)
        with ignore_missing():
            wiki = self._conn.client.get_project(key).get_wiki()
            wiki.get_article(observed.attributes["id"]).delete()

    def _id_of(self, key: str, name: Any) -> str | None:
        if name is None:
            return None
        found = self.read(Address(KIND, f"{key}.{name}"), f"{key}.{name}")
        if found is None:
            raise ResourceNotFound(
                f"wiki article {name!r} does not exist in project {key}",
                platform="dataiku",
                hint="declare the parent article under `wiki_articles:` so it is created first",
            )
        return str(found.attributes["id"])

    def _write(self, remote_id: str, spec: Mapping[str, Any], *, moved: bool) -> Observed:
        key, name = split_remote_id(remote_id)
        wiki = self._conn.client.get_project(key).get_wiki()
        article = wiki.get_article(name)
        if "body" in spec:
            data = article.get_data()
            if data.get_body() != spec["body"]:
                data.set_body(spec["body"])
                data.save()
        if moved or spec.get("home"):
            settings = wiki.get_settings()
            if moved:
                settings.move_article_in_taxonomy(
                    article.article_id, self._id_of(key, spec.get("parent"))
                )
            if spec.get("home"):
                settings.set_home_article_id(article.article_id)
            settings.save()
        observed = self.read(Address(KIND, remote_id), remote_id)
        if observed is None:
            raise ResourceNotFound(f"wiki article {remote_id} vanished", platform="dataiku")
        return observed
