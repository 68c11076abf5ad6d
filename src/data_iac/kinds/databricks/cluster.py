"""``databricks_cluster``: an all-purpose cluster; the spec is the ClusterSpec JSON."""

from __future__ import annotations

from data_iac.config.stack.kinds import build_cluster
from data_iac.config.stack.schema import OpenDocument
from data_iac.kinds.databricks._compute_facts import (
    CLOUD_ATTRIBUTES,
    CLUSTER_DEFAULTS,
    LIBRARY_KEYS,
)
from data_iac.model.kind import KindSpec, PermissionsTarget, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_cluster",
    sections=("clusters",),
    config_model=OpenDocument,
    build=build_cluster,
    computed=frozenset(
        {
            "cluster_id",
            "state",
            "state_message",
            "creator_user_name",
            "default_tags",
            "cluster_source",
            "start_time",
            "terminated_time",
            "termination_reason",
            "last_restarted_time",
            "last_state_loss_time",
            "spark_context_id",
            "jdbc_port",
            "cluster_memory_mb",
            "cluster_cores",
            "driver",
            "executors",
            "cluster_log_status",
        }
    ),
    update_replaces=True,
    defaults=CLUSTER_DEFAULTS,
    ignore_remote=frozenset(CLOUD_ATTRIBUTES),
    write_only=frozenset({"apply_policy_default_values"}),
    list_keys={"libraries": LIBRARY_KEYS},
    bounds={
        "autotermination_minutes": ((0, 0), (10, 10000)),
        "num_workers": (0, None),
        "autoscale.min_workers": (0, None),
        "autoscale.max_workers": (1, None),
        "custom_tags#": (0, 45),
        "ssh_public_keys#": (0, 10),
    },
    reasons={
        "autotermination_minutes": "databricks-sdk compute.ClusterSpec.autotermination_minutes:"
        " between 10 and 10000 minutes, or 0 to disable",
        "custom_tags#": "databricks-sdk compute.ClusterSpec.custom_tags: at most 45 custom tags",
        "ssh_public_keys#": "databricks-sdk compute.ClusterSpec.ssh_public_keys: up to 10 keys",
        "defaults": "databricks/cli bundle/direct/dresources/resources.yml clusters"
        " (7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f); terraform-provider-databricks"
        " clusters/resource_cluster.go (4eba541abe1a9f50993ea7b9dd83874207e224a1)",
        "write_only": "databricks/cli libs/testserver/clusters.go: the cluster GET returns"
        " apply_policy_default_values only under spec, never at the top level",
    },
    name_field="cluster_name",
    import_id="the cluster id: `0123-456789-abcdefgh`",
    permissions=PermissionsTarget("clusters", config_keys=("cluster_id",)),
    refresh=Strategy.LISTING,
    generate="cluster",
    handler="data_iac.providers.databricks.clusters:Handler",
)
