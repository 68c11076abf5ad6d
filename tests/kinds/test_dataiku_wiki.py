"""dataiku_wiki_article: a project's wiki articles apply, plan empty, update their body,
move under another parent and become home, through the real DSSClient on the emulator.
Emulator facts are cited in tests/emulator/dataiku/test_wikis.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from tests.kinds.dataiku_support import (
    apply_then_plan_empty,
    dss_client,
    plan,
    run_iac,
    write_config,
)

DOCUMENT = """\
version: "1.0"
project: {key: DOCS, name: Documented}
wiki_articles:
  - name: Home
    home: true
    body: |
      # Sales analytics
      Start with [Getting started](Getting started).
  - name: Getting started
    parent: Home
    body: Run the nightly scenario.
  - name: Data sources
    body: Orders come from Postgres.
"""


@pytest.fixture
def config(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_config(tmp_path, emulator, DOCUMENT)


def test_articles_apply_and_plan_empty(config: Path, emulator: Emulator) -> None:
    first = apply_then_plan_empty(config)
    order = [c["address"] for c in first["changes"]]
    assert order.index("dataiku_wiki_article.DOCS.Home") < order.index(
        "dataiku_wiki_article.DOCS.Getting started"
    )
    wiki = dss_client(emulator).get_project("DOCS").get_wiki()
    home = wiki.get_article("Home")
    assert wiki.get_settings().get_home_article_id() == home.article_id
    tree = {n["id"]: n for n in wiki.get_settings().get_taxonomy()}
    started = wiki.get_article("Getting started").article_id
    assert [n["id"] for n in tree[home.article_id]["children"]] == [started]
    assert wiki.get_article("Data sources").get_data().get_body() == "Orders come from Postgres."


def test_body_and_parent_update_in_place(config: Path, emulator: Emulator) -> None:
    apply_then_plan_empty(config)
    document = (config / "project.yml").read_text()
    moved = document.replace(
        "  - name: Data sources\n", "  - name: Data sources\n    parent: Home\n"
    )
    (config / "project.yml").write_text(moved.replace("from Postgres", "from Snowflake"))
    code, changed = plan(config)
    assert code == 2
    (change,) = changed["changes"]
    assert change["address"] == "dataiku_wiki_article.DOCS.Data sources"
    assert (change["action"], sorted(change["reasons"])) == ("update", ["body", "parent"])
    assert run_iac("apply", "-c", str(config), "--auto-approve")[0] == 0
    assert plan(config)[1]["changes"] == []
    wiki = dss_client(emulator).get_project("DOCS").get_wiki()
    (top,) = wiki.get_settings().get_taxonomy()  # Data sources moved under Home
    assert top["id"] == wiki.get_article("Home").article_id and len(top["children"]) == 2


def test_import_adopts_existing_articles(config: Path, tmp_path: Path) -> None:
    apply_then_plan_empty(config)
    for state in (tmp_path / ".iac" / "state").rglob("*.json"):
        state.unlink()
    for address, remote_id in (
        ("dataiku_project.DOCS", "DOCS"),
        ("dataiku_wiki_article.DOCS.Home", "DOCS.Home"),
        ("dataiku_wiki_article.DOCS.Getting started", "DOCS.Getting started"),
        ("dataiku_wiki_article.DOCS.Data sources", "DOCS.Data sources"),
    ):
        code, _, output = run_iac("import", "-c", str(config), address, remote_id)
        assert code == 0, output
    code, planned = plan(config)
    assert (code, planned["changes"]) == (0, [])


def test_a_hand_edit_is_drift(config: Path, emulator: Emulator) -> None:
    apply_then_plan_empty(config)
    article = dss_client(emulator).get_project("DOCS").get_wiki().get_article("Data sources")
    data = article.get_data()
    data.set_body("edited in DSS")
    data.save()
    code, drifted = plan(config)
    assert code == 2 and drifted["changes"][0]["reasons"] == ["body"]


def test_validate_locates_wiki_mistakes(tmp_path: Path, emulator: Emulator) -> None:
    bad = DOCUMENT.replace(
        "    body: Orders", "    home: true\n    parent: Data sources\n    body: Orders"
    )
    config = write_config(tmp_path, emulator, bad)
    code, _, output = run_iac("validate", "-c", str(config))
    assert code == 1
    assert "wiki_articles[2].parent: article 'Data sources' cannot be its own parent" in output
    assert "wiki_articles[2].home: a wiki has one home article" in output
