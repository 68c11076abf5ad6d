"""``databricks_instance_pool``: a pool of idle instances clusters start from.

Served by the generic handler over ``w.instance_pools`` (create / get / list / edit /
delete); remote id the pool id. Facts from databricks/cli
``bundle/direct/dresources/configs/instance_pools.yml`` (@2a0904e) and the SDK's
``compute.InstancePoolsAPI.edit`` signature: only the name, node type, sizes, tags and
remote-disk figures can be edited, everything else forces a new pool.
"""

from __future__ import annotations

from data_iac.config.stack.schema import OpenDocument
from data_iac.model.kind import KindSpec, PermissionsTarget, SdkApi, Strategy

__all__ = ["SPEC"]

_CLOUD = frozenset({"aws_attributes", "azure_attributes", "gcp_attributes"})

SPEC = KindSpec(
    kind="databricks_instance_pool",
    sections=("instance_pools",),
    config_model=OpenDocument,
    immutable=frozenset(
        {
            "disk_spec",
            "node_type_flexibility",
            "preloaded_spark_versions",
            "preloaded_docker_images",
            "enable_elastic_disk",
            *_CLOUD,
        }
    ),
    computed=frozenset({"instance_pool_id", "default_tags", "state", "stats", "status"}),
    defaults={"enable_elastic_disk": True, "idle_instance_autotermination_minutes": 60},
    ignore_remote=_CLOUD,
    bounds={
        "idle_instance_autotermination_minutes": (0, 10000),
        "min_idle_instances": (0, None),
        "instance_pool_name#": (1, 100),
        "custom_tags#": (0, 45),
    },
    reasons={
        "idle_instance_autotermination_minutes": "databricks-sdk compute.CreateInstancePool"
        " docstring: between 0 and 10000 minutes",
        "immutable": "databricks/cli configs/instance_pools.yml recreate_on_changes; "
        "fields compute.InstancePoolsAPI.edit does not take",
        "defaults": "databricks/cli configs/instance_pools.yml backend_defaults",
    },
    name_field="instance_pool_name",
    identity=("instance_pool_name",),
    import_id="the pool id: `0101-120000-brick1-pool-ABCD1234`",
    permissions=PermissionsTarget("instance-pools", config_keys=("instance_pool_id",)),
    refresh=Strategy.LISTING,
    generate="instance_pool",
    api=SdkApi(
        service="instance_pools",
        id_field="instance_pool_id",
        update="edit",
        unique_by="instance_pool_name",
    ),
)
