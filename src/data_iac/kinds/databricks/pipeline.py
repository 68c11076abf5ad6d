"""``databricks_pipeline``: a Lakeflow (DLT) pipeline; remote id the pipeline id.

The pipelines listing carries no spec and no change marker, so each is read on its own.
"""

from __future__ import annotations

from data_iac.config.stack.kinds import build_pipeline
from data_iac.config.stack.schema import OpenDocument
from data_iac.model.kind import SERVER_SET, KindSpec, PermissionsTarget

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
    immutable=frozenset(
        {
            "catalog",
            "storage",
            "ingestion_definition.connection_name",
            "ingestion_definition.ingestion_gateway_id",
            "ingestion_definition.ingest_from_uc_foreign_catalog",
            "gateway_definition.connection_id",
            "gateway_definition.connection_name",
            "gateway_definition.gateway_storage_catalog",
            "gateway_definition.gateway_storage_schema",
        }
    ),
    computed=frozenset(
        {
            *STATUS_FIELDS,
            "id",
            "effective_budget_policy_id",
            "effective_publishing_mode",
            "effective_serverless_compute_id",
        }
    ),
    update_replaces=True,
    defaults={
        "storage": SERVER_SET,  # dbfs:/pipelines/<id> outside Unity Catalog
        "channel": "CURRENT",
        "edition": "ADVANCED",
        "clusters.label": "default",
        "clusters.node_type_id": SERVER_SET,
        "clusters.driver_node_type_id": SERVER_SET,
        "clusters.enable_local_disk_encryption": SERVER_SET,
        "event_log.catalog": SERVER_SET,
        "event_log.schema": SERVER_SET,
    },
    write_only=frozenset({"run_as", "allow_duplicate_names"}),
    list_keys={"clusters": "label", "libraries": ("notebook", "file", "glob", "jar", "whl")},
    reasons={
        "defaults": "databricks/cli bundle/direct/dresources/resources.yml pipelines"
        " (7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f); terraform-provider-databricks"
        " pipelines/resource_pipeline.go (4eba541abe1a9f50993ea7b9dd83874207e224a1)",
        "immutable": "resources.yml pipelines.recreate_on_changes",
        "write_only": "resources.yml pipelines.ignore_remote_changes: run_as and"
        " allow_duplicate_names are input-only",
    },
    identity=("name",),
    import_id="the pipeline id: `a1b2c3d4-...`",
    permissions=PermissionsTarget("pipelines", config_keys=("pipeline_id",)),
    generate="pipeline",
    handler="data_iac.providers.databricks.pipelines:Handler",
)
