"""Instance pools (``/api/2.0/instance-pools/...``), a generic RPC-style collection.

Create answers ``{instance_pool_id}`` and needs ``instance_pool_name`` and ``node_type_id``
(positional in the SDK's ``create``); the backend fills ``enable_elastic_disk: true`` and
``idle_instance_autotermination_minutes: 60`` (databricks/cli
``bundle/direct/dresources/configs/instance_pools.yml``); edit changes only the fields
``compute.InstancePoolsAPI.edit`` takes; the listing is one page.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]

_EDITABLE = (
    "instance_pool_name",
    "node_type_id",
    "custom_tags",
    "idle_instance_autotermination_minutes",
    "max_capacity",
    "min_idle_instances",
    "remote_disk_throughput",
    "total_initial_remote_disk_size",
)


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "state": "ACTIVE",
        "default_tags": {"Vendor": "Databricks", "DatabricksInstancePoolCreatorId": "1"},
        "stats": {"idle_count": 0, "used_count": 0, "pending_idle_count": 0},
    }


COLLECTION = Collection(
    noun="instance pool",
    table="instance_pools",
    base=r"/api/2\.0/instance-pools",
    id_field="instance_pool_id",
    list_key="instance_pools",
    fields=(
        *_EDITABLE,
        "aws_attributes",
        "azure_attributes",
        "gcp_attributes",
        "disk_spec",
        "enable_elastic_disk",
        "node_type_flexibility",
        "preloaded_docker_images",
        "preloaded_spark_versions",
    ),
    required=("instance_pool_name", "node_type_id"),
    update_fields=_EDITABLE,
    defaults={"enable_elastic_disk": True, "idle_instance_autotermination_minutes": 60},
    stamps=_stamps,
    # databricks/cli libs/testserver/instance_pools.go (@21f8d8e) answers 404 when missing.
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Instance pool {} does not exist"),
    rpc=True,
    create_echo=False,
    update_echo=False,
    paginated=False,
    acl_type="instance-pools",
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
