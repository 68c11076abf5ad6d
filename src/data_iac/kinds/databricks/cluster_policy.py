"""``databricks_cluster_policy``: a cluster policy; remote id the policy id.

``definition`` may be written as a mapping or as the JSON string the API takes; both are
normalised to a mapping, so key order and spacing are never drift. Served by the generic
handler over ``w.cluster_policies`` (``create`` / ``get`` / ``list`` / ``edit`` /
``delete``; the JSON documents sent as text, ``SdkApi.json_text``); names are unique in a
workspace, which is how a retried create finds the policy it made.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.kinds import build_cluster_policy
from data_iac.config.stack.schema import ClusterPolicy
from data_iac.errors import ConfigError
from data_iac.model.kind import KindSpec, PermissionsTarget, SdkApi, Strategy

__all__ = ["JSON_FIELDS", "SPEC", "normalize_spec"]

JSON_FIELDS = ("definition", "policy_family_definition_overrides")


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``spec`` with ``definition`` (and family overrides) parsed into mappings."""
    clean = copy.deepcopy(dict(spec))
    for key in JSON_FIELDS:
        if isinstance(clean.get(key), str):
            try:
                clean[key] = json.loads(clean[key])
            except ValueError as exc:
                raise ConfigError(
                    f"{key} of a cluster policy is not valid JSON: {exc}", path=key
                ) from exc
    return clean


SPEC = KindSpec(
    kind="databricks_cluster_policy",
    sections=("cluster_policies",),
    config_model=ClusterPolicy,
    build=build_cluster_policy,
    computed=frozenset({"policy_id", "created_at_timestamp", "creator_user_name", "is_default"}),
    normalize=normalize_spec,
    managed=frozenset(
        {
            "name",
            "definition",
            "description",
            "max_clusters_per_user",
            "libraries",
            "policy_family_id",
            "policy_family_definition_overrides",
        }
    ),
    identity=("name",),
    import_id="the policy id: `ABCDEF0123456789`",
    permissions=PermissionsTarget("cluster-policies", config_keys=("cluster_policy_id",)),
    refresh=Strategy.LISTING,
    generate="cluster_policy",
    api=SdkApi(
        service="cluster_policies",
        id_field="policy_id",
        update="edit",
        unique_by="name",
        json_text=JSON_FIELDS,
    ),
)
