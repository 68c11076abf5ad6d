"""Git folders (``/api/2.0/repos``), a generic REST collection.

From ``workspace.ReposAPI`` (databricks-sdk): create takes ``url``, ``provider`` and
``path`` and answers the repo with its numeric ``id``, ``branch`` (the remote's default,
``main`` here) and ``head_commit_id``; update (PATCH) checks out a ``branch`` or a ``tag``
(detached: no branch then); a path already used answers 400 ``RESOURCE_ALREADY_EXISTS``;
the listing pages by ``next_page_token`` under ``repos``.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    if not str(doc.get("path") or "").startswith(("/Repos/", "/Workspace/")):
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Invalid repo path: {doc.get('path')}")
    tag = doc.pop("tag", None)
    if tag:
        doc.pop("branch", None)  # a tag checkout is detached
        ref = str(tag)
    else:
        ref = str(doc.get("branch") or "main")
        doc["branch"] = ref
    doc["head_commit_id"] = hashlib.sha1(f"{doc.get('url')}@{ref}".encode()).hexdigest()


def _shown(doc: dict[str, Any]) -> dict[str, Any]:
    """The repo as answered: its id is a number."""
    return {**copy.deepcopy(doc), "id": int(doc["id"])}


COLLECTION = Collection(
    noun="repo",
    table="repos",
    base=r"/api/2\.0/repos",
    id_field="id",
    list_key="repos",
    fields=("url", "provider", "path", "sparse_checkout"),
    required=("url", "provider", "path"),
    update_fields=("branch", "tag", "sparse_checkout"),
    new_id=lambda ctx, doc: str(ctx.store.next_int("repo_id", 100000)),
    unique="path",
    duplicate=ErrorShape(400, "RESOURCE_ALREADY_EXISTS", "Repo at path {} already exists"),
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Repo {} does not exist"),
    page_size_param="page_size",
    check=_check,
    view=_shown,
    acl_type="repos",
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
