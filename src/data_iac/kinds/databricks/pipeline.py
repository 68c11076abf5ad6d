"""``databricks_pipeline``: a Lakeflow (DLT) pipeline; remote id the pipeline id.

The pipelines listing carries no spec and no change marker, so each is read on its own.
"""

from __future__ import annotations

from data_iac.config.stack.kinds import build_pipeline
from data_iac.config.stack.schema import OpenDocument
from data_iac.model.kind import KindSpec, PermissionsTarget

__all__ = ["SPEC", "STATUS_FIELDS"]

# Status fields the service reports beside the spec; all computed.
STATUS_FIELDS = (
    "pipeline_id",
    "state",
    "health",
    "cluster_id",
    "creator_user_name",
    "run_as_user_name",
    "last_modified",
    "latest_updates",
    "cause",
)

SPEC = KindSpec(
    kind="databricks_pipeline",
    sections=("databricks_pipelines", "dlt_pipelines"),
    config_model=OpenDocument,
    build=build_pipeline,
    immutable=frozenset({"catalog", "storage"}),
    computed=frozenset(
        {
            *STATUS_FIELDS,
            "id",
            "effective_budget_policy_id",
            "effective_publishing_mode",
            "effective_serverless_compute_id",
        }
    ),
    list_keys={"clusters": "label"},
    identity=("name",),
    import_id="the pipeline id: `a1b2c3d4-...`",
    permissions=PermissionsTarget("pipelines", config_keys=("pipeline_id",)),
    generate="pipeline",
    handler="data_iac.providers.databricks.pipelines:Handler",
)
