"""Terraform states (format version 4) built by hand from Terraform's documented format:
``version``, ``lineage``, ``serial``, ``resources[]`` with ``mode``, ``type``, ``name``,
optional ``module``, ``instances[]`` with optional ``index_key`` (count: a number,
for_each: a string), ``attributes`` and ``sensitive_attributes`` (paths of ``get_attr``
steps). Facts, not files: the values follow the provider's attribute names."""

from __future__ import annotations

from typing import Any

PROVIDER = 'provider["registry.terraform.io/databricks/databricks"]'


def instance(
    attributes: dict[str, Any], *, index_key: Any = None, sensitive: tuple[str, ...] = ()
) -> dict[str, Any]:
    found: dict[str, Any] = {"schema_version": 0, "attributes": attributes}
    if index_key is not None:
        found["index_key"] = index_key
    found["sensitive_attributes"] = [[{"type": "get_attr", "value": s}] for s in sensitive]
    return found


def resource(
    type_: str, name: str, *instances: dict[str, Any], mode: str = "managed", module: str = ""
) -> dict[str, Any]:
    found: dict[str, Any] = {"mode": mode, "type": type_, "name": name, "provider": PROVIDER}
    if module:
        found["module"] = module
    found["instances"] = list(instances)
    return found


def state(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": 4,
        "terraform_version": "1.7.5",
        "serial": 7,
        "lineage": "4b0f4d2e-8c66-7c1e-3d44-2f1f8c1a9e01",
        "outputs": {},
        "resources": list(resources),
        "check_results": None,
    }
