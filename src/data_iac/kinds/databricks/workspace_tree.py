"""Laktory's ``databricks_workspacetrees``: a local folder uploaded file by file.

A config section only: each file becomes a ``databricks_notebook`` or
``databricks_workspace_file`` (``config/stack/trees.py``); no object of this kind exists.
"""

from __future__ import annotations

from data_iac.config.stack.schema import WorkspaceTree
from data_iac.config.stack.trees import build_workspace_tree
from data_iac.model.kind import KindSpec

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_workspace_tree",
    sections=("databricks_workspacetrees", "workspace_trees"),
    config_model=WorkspaceTree,
    build=build_workspace_tree,
)
