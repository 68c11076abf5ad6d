"""``dataiku_wiki_article``: an article of a DSS project's wiki, ``KEY.NAME``; DSS
generates its id."""

from __future__ import annotations

from data_iac.config.dataiku.children import build_wiki_article
from data_iac.config.dataiku.schema import WikiArticle
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="dataiku_wiki_article",
    sections=("wiki_articles",),
    config_model=WikiArticle,
    build=build_wiki_article,
    immutable=frozenset({"project_key", "name"}),
    computed=frozenset({"id"}),
    parent="dataiku_project",
    scope=ListScope(("project_key",)),
    identity=("project_key", "name"),
    import_id="`<project key>.<article name>`: `SALES.Getting started`",
    refresh=Strategy.LISTING,
    handler="data_iac.providers.dataiku.wiki_articles:WikiArticleHandler",
)
