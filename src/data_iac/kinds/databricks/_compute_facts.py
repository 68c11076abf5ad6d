"""Lifecycle facts of a cluster spec, shared by clusters, job clusters and task clusters.

Facts from databricks/cli ``bundle/direct/dresources/resources.yml`` (commit
7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f) and the Terraform provider's
``clusters/resource_cluster.go`` (commit 4eba541abe1a9f50993ea7b9dd83874207e224a1):
the backend fills the node types, disk settings and access mode; the cloud attributes are
the service's own (their remote changes never drift); ``apply_policy_default_values`` is
consumed by the Jobs API but never returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.model.kind import SERVER_SET

__all__ = [
    "CLOUD_ATTRIBUTES",
    "CLUSTER_DEFAULTS",
    "LIBRARY_KEYS",
    "at",
]

CLOUD_ATTRIBUTES = ("aws_attributes", "azure_attributes", "gcp_attributes")

CLUSTER_DEFAULTS: Mapping[str, Any] = {
    "enable_elastic_disk": SERVER_SET,
    "enable_local_disk_encryption": SERVER_SET,
    "node_type_id": SERVER_SET,
    "driver_node_type_id": SERVER_SET,
    "driver_instance_pool_id": SERVER_SET,
    "data_security_mode": SERVER_SET,
    "single_user_name": SERVER_SET,
}

# A library is named by its coordinates: whichever of these it sets.
LIBRARY_KEYS = ("jar", "whl", "egg", "pypi", "maven", "cran", "requirements")


def at(prefix: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    """``facts`` moved below ``prefix`` (``tasks.new_cluster``)."""
    return {f"{prefix}.{path}": value for path, value in facts.items()}
