"""``databricks_workspace_binding``: one workspace allowed to use a Unity Catalog catalog,
external location or storage credential (Laktory's ``databricks_workspacebindings``, the
Terraform provider's ``databricks_workspace_binding``).

Served by ``providers/databricks/workspace_bindings.py`` over ``w.workspace_bindings``
(``get_bindings`` / ``update_bindings`` with ``add`` and ``remove``). Remote id
``WORKSPACE_ID|SECURABLE_TYPE|SECURABLE_NAME`` (the Terraform provider's id); only the
``binding_type`` changes in place. A catalog bound this way must be ``ISOLATED``
(``isolation_mode`` on the catalog).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec

__all__ = ["SPEC", "WorkspaceBinding"]


class WorkspaceBinding(StackEntry):
    """A securable (catalog by default) and the workspace it is bound to."""

    workspace_id: int | str
    securable_name: str
    securable_type: Literal["catalog", "external_location", "storage_credential"] = "catalog"
    binding_type: Literal["BINDING_TYPE_READ_WRITE", "BINDING_TYPE_READ_ONLY"] = (
        "BINDING_TYPE_READ_WRITE"
    )


def numeric_workspace(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``workspace_id`` as the number the service answers (a YAML variable is text). Pure."""
    out = dict(spec)
    value = out.get("workspace_id")
    if isinstance(value, str) and value.isdigit():
        out["workspace_id"] = int(value)
    return out


SPEC = KindSpec(
    kind="databricks_workspace_binding",
    sections=("workspace_bindings", "workspacebindings"),
    config_model=WorkspaceBinding,
    normalize=numeric_workspace,
    immutable=frozenset({"workspace_id", "securable_name", "securable_type"}),
    defaults={"securable_type": "catalog", "binding_type": "BINDING_TYPE_READ_WRITE"},
    identity=("workspace_id", "securable_type", "securable_name"),
    name_field="securable_name",
    import_id="`<workspace_id>|<securable_type>|<securable_name>`: `1234|catalog|sales`",
    refers={"securable_name": "databricks_catalog"},
    handler="data_iac.providers.databricks.workspace_bindings:Handler",
)
