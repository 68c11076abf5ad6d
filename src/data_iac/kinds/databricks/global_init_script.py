"""``databricks_global_init_script``: a script every cluster of the workspace runs at start.

Generic handler over ``w.global_init_scripts``; ``script`` is the base64 content, as the
REST API takes and returns it (``compute.GlobalInitScriptsAPI``).
"""

from __future__ import annotations

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "GlobalInitScript"]


class GlobalInitScript(StackEntry):
    """A global init script (REST field names; ``script`` base64-encoded)."""

    name: str | None = None
    script: str
    enabled: bool | None = None
    position: int | None = None


SPEC = KindSpec(
    kind="databricks_global_init_script",
    sections=("global_init_scripts",),
    config_model=GlobalInitScript,
    computed=frozenset({"script_id", "created_at", "created_by", "updated_at", "updated_by"}),
    defaults={"enabled": False},
    bounds={"position": (0, None)},
    reasons={
        "enabled": "compute.GlobalInitScriptsAPI.create docstring: disabled unless enabled",
        "position": "compute.GlobalInitScriptsAPI.create docstring: 0-based, >= 0",
    },
    identity=("name",),
    import_id="the script id: `ABCD1234ABCD1234`",
    refresh=Strategy.READ,
    generate="global_init_script",
    api=SdkApi(
        service="global_init_scripts",
        id_field="script_id",
        update_takes_id_in_body=False,
        unique_by="name",
    ),
)
