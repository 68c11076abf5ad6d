"""``databricks_repo``: a Git folder (repo) in the workspace, checked out at a branch or tag.

Generic handler over ``w.repos`` (``workspace.ReposAPI``): create takes ``url``,
``provider`` and ``path``; the branch or tag is set by the update call right after (create
does not take them); remote id the numeric repo id. ``url``, ``provider`` and ``path``
cannot change in place.
"""

from __future__ import annotations

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec, PermissionsTarget, SdkApi, Strategy

__all__ = ["SPEC", "Repo"]


class Repo(StackEntry):
    """A Git folder (REST field names)."""

    url: str
    provider: str
    path: str
    branch: str | None = None
    tag: str | None = None


SPEC = KindSpec(
    kind="databricks_repo",
    sections=("repos",),
    config_model=Repo,
    immutable=frozenset({"url", "provider", "path"}),
    computed=frozenset({"id", "head_commit_id"}),
    write_only=frozenset({"tag"}),
    name_field="path",
    identity=("path",),
    import_id="the repo id: `1234567890`",
    permissions=PermissionsTarget("repos", config_keys=("repo_id",)),
    refresh=Strategy.LISTING,
    generate="repo",
    api=SdkApi(service="repos", id_field="id", update_takes_id_in_body=False, unique_by="path"),
)
