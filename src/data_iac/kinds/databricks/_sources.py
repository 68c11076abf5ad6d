"""Where the records' lifecycle facts come from: public files at a pinned commit."""

from __future__ import annotations

__all__ = ["RESOURCES_YML", "TERRAFORM"]

RESOURCES_YML = (
    "databricks/cli bundle/direct/dresources/resources.yml"
    " (7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f)"
)
TERRAFORM = "terraform-provider-databricks (4eba541abe1a9f50993ea7b9dd83874207e224a1)"
