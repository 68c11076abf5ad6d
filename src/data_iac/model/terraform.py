"""How a kind is written in the Databricks Terraform provider: pure facts, no I/O.

Used to move a workspace from a Terraform state into ours (``iac migrate terraform``) and
back out (``iac export terraform``). Field names follow the provider's schema as Laktory's
generated models record it (``laktory/models/resources/databricks/*_base.py``): mostly the
REST names, with repeated blocks in the singular (``task``, ``job_cluster``, ``library``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = [
    "BLOCK_SINGULARS",
    "TerraformType",
    "id_attribute",
    "joined_id",
    "secret_pair_id",
    "spec_fields_id",
]

# REST plural -> provider block name, applied to lists of objects only: a list of strings
# keeps its name (``spark_python_task.parameters``), and so do blocks the provider spells in
# the plural (``depends_on``, ``init_scripts``).
BLOCK_SINGULARS: Mapping[str, str] = MappingProxyType(
    {
        "tasks": "task",
        "job_clusters": "job_cluster",
        "libraries": "library",
        "parameters": "parameter",
        "environments": "environment",
        "clusters": "cluster",
        "notifications": "notification",
        "cluster_mount_infos": "cluster_mount_info",
        "access_control_list": "access_control",
        "grants": "grant",
    }
)

RemoteIdRule = Callable[[Mapping[str, Any]], str]


def id_attribute(attributes: Mapping[str, Any]) -> str:
    """The provider's ``id`` is our remote id (job ids, paths, SCIM ids, names)."""
    return str(attributes.get("id") or "")


def joined_id(*names: str) -> RemoteIdRule:
    """Our remote id is these attributes joined by dots (``catalog.schema.volume``)."""

    def rule(attributes: Mapping[str, Any]) -> str:
        parts = [str(attributes.get(name) or "") for name in names]
        return ".".join(parts).lower() if all(parts) else id_attribute(attributes)

    return rule


def spec_fields_id(*names: str, separator: str = "/") -> RemoteIdRule:
    """Our remote id from spec fields joined by ``separator`` ("" when one is missing)."""

    def rule(spec: Mapping[str, Any]) -> str:
        parts = [str(spec.get(name) or "") for name in names]
        return separator.join(parts) if all(parts) else ""

    return rule


def secret_pair_id(attributes: Mapping[str, Any]) -> str:
    """The provider joins a secret's or secret ACL's scope and key with ``|||``; we use ``/``."""
    return id_attribute(attributes).replace("|||", "/")


@dataclass(frozen=True, slots=True)
class TerraformType:
    """One provider resource type and how its instances map onto one of our kinds.

    - ``remote_id``: our remote id from the instance's attributes;
    - ``spec_id``: our remote id from a desired spec, where the config names the object
      (None where the server sets the id; "" when the spec lacks a part);
    - ``match_by``: for kinds whose ids the server sets (jobs, clusters ...), the pair
      (our spec field, provider attribute) that identifies an object by name;
    - ``renames``: our top-level field -> the provider's, where they differ;
    - ``drop``: our fields the provider has no place for (content digests, modes);
    - ``folded_into``: a provider type we fold into this kind (group members live on our
      group), listed by migrate when no resource of its own kind adopts it;
    - ``importable``: False where the provider cannot import the type (export writes no
      ``import`` block: Terraform sets the same values on its first apply).
    """

    kind: str
    type: str
    remote_id: RemoteIdRule = id_attribute
    spec_id: RemoteIdRule | None = None
    match_by: tuple[str, str] | None = None
    renames: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    drop: frozenset[str] = frozenset()
    folded_into: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    import_id: Callable[[str], str] = str
    importable: bool = True
