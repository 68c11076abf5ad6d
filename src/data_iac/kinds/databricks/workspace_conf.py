"""``databricks_workspace_conf``: workspace settings (``enableIpAccessLists``,
``maxTokenLifetimeDays``...) as Laktory's ``databricks_workspaceconfs`` and the Terraform
provider write them: ``custom_config: {key: value}``.

The workspace holds one settings document; this kind manages the keys its config names.
Served by ``providers/databricks/workspace_conf.py`` over ``w.workspace_conf``
(``get_status(keys)`` / ``set_status(contents)``). Values are strings on the wire: a
``true``/``false`` written in YAML is compared as ``"true"``/``"false"``. The remote id is
the managed keys, sorted and joined by commas (what a read asks for). A key dropped from
the config is erased as the Terraform provider erases it (``"false"`` for a boolean
setting, else ``""``, ``workspace/resource_workspace_conf.go`` @067a018); destroying the
resource erases the ``enable*``/``enforce*`` keys and leaves the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec

__all__ = ["SPEC", "WorkspaceConf", "as_strings", "erased"]


class WorkspaceConf(StackEntry):
    """The workspace settings to hold: key -> value."""

    custom_config: dict[str, str | bool | int]


def _text(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int | float) else value


def as_strings(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``custom_config`` values as the service holds them (strings). Pure."""
    out = dict(spec)
    config = out.get("custom_config")
    if isinstance(config, Mapping):
        out["custom_config"] = {str(k): _text(v) for k, v in config.items()}
    return out


def erased(value: Any) -> str:
    """What erases a setting: ``"false"`` for a boolean one, else ``""``. Pure."""
    return "false" if str(_text(value)).lower() in ("true", "false") else ""


SPEC = KindSpec(
    kind="databricks_workspace_conf",
    sections=("workspace_conf", "workspaceconfs"),
    config_model=WorkspaceConf,
    normalize=as_strings,
    identity=("custom_config",),
    import_id="the keys, comma-separated: `enableIpAccessLists,maxTokenLifetimeDays`",
    reasons={"custom_config": "settings.WorkspaceConfAPI: values are strings"},
    handler="data_iac.providers.databricks.workspace_conf:Handler",
)
