"""The emulated project wiki through the real ``DSSClient`` (dataikuapi/dss/wiki.py).

Facts and their sources: ``DSSWiki.create_article`` POSTs ``{projectKey, name, parent}``
and reads ``article.id`` from the answer; ``DSSWikiArticle`` GETs an article by id or by
name; ``DSSWikiArticleData`` holds ``article`` (metadata, ``name``) and ``payload`` (the
markdown); ``DSSWikiSettings.get_taxonomy``: "every existing article of the wiki has to be
in the taxonomy once and only once"; ``set_home_article_id``. Ids and what happens to a
deleted article's children are emulator choices (module docstring of emulator/dataiku/
wikis.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from dataikuapi.utils import DataikuException


def test_articles_tree_bodies_and_home(project: Any) -> None:
    wiki = project.get_wiki()
    guide = wiki.create_article("Guide", content="# Guide")
    child = wiki.create_article("Setup", parent_id=guide.article_id, content="steps")
    assert [a.article_id for a in wiki.list_articles()] == [guide.article_id, child.article_id]
    assert wiki.get_article("Setup").get_data().get_body() == "steps"  # found by name
    settings = wiki.get_settings()
    assert settings.get_home_article_id() == guide.article_id  # the first article
    settings.move_article_in_taxonomy(child.article_id, None)
    settings.set_home_article_id(child.article_id)
    settings.save()
    again = wiki.get_settings()
    assert [n["id"] for n in again.get_taxonomy()] == [guide.article_id, child.article_id]
    assert again.get_home_article_id() == child.article_id


def test_taxonomy_must_hold_every_article_once(project: Any) -> None:
    wiki = project.get_wiki()
    wiki.create_article("A")
    settings = wiki.get_settings()
    settings.set_taxonomy([])
    with pytest.raises(DataikuException, match="every article of the wiki exactly once"):
        settings.save()


def test_duplicate_name_missing_article_and_delete(project: Any) -> None:
    wiki = project.get_wiki()
    parent = wiki.create_article("A")
    wiki.create_article("B", parent_id=parent.article_id)
    with pytest.raises(DataikuException, match="already exists"):
        wiki.create_article("A")
    with pytest.raises(DataikuException, match="NotFoundException"):
        wiki.get_article("nope")
    parent.delete()
    assert [n["id"] for n in wiki.get_settings().get_taxonomy()] == [
        wiki.get_article("B").article_id
    ]
