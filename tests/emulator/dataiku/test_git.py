"""Project git remotes through dataikuapi's DSSProjectGit.

Source: dataikuapi 15.2.0 dataikuapi/dss/project.py, DSSProjectGit.get_remote (GET
/projects/{K}/git/remotes/{name}, returns resp["url"] or None), set_remote (POST with
{"url": ...}) and remove_remote (DELETE); all three parse the answer as JSON.
"""

from __future__ import annotations

from typing import Any

import pytest
from dataikuapi.utils import DataikuException


def test_a_new_project_has_no_remote(project: Any) -> None:
    assert project.get_project_git().get_remote() is None


def test_set_read_and_remove_a_remote(project: Any) -> None:
    git = project.get_project_git()
    git.set_remote("git@github.com:example/demo.git")
    assert git.get_remote() == "git@github.com:example/demo.git"
    assert git.get_remote("upstream") is None
    git.remove_remote()
    assert git.get_remote() is None


def test_a_remote_needs_a_url(project: Any) -> None:
    with pytest.raises(DataikuException, match="non-empty 'url'"):
        project.get_project_git().set_remote("")


def test_remotes_of_a_missing_project(dss: Any) -> None:
    with pytest.raises(DataikuException, match="UnauthorizedException"):
        dss.get_project("NOPE").get_project_git().get_remote()
