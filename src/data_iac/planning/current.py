"""What a resource is compared with: state, or the refreshed object, and the drift
between the two; sensitive fields only through their salted digests. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.diff.compare import MISSING, AttributeDiff, diff_attributes
from data_iac.model.kind import KindSpec
from data_iac.model.plan import Action, ResourceChange
from data_iac.model.resource import Observed, Resource
from data_iac.model.sensitive import sensitive_matches, sensitive_text
from data_iac.model.state import ResourceState

__all__ = ["current_attributes", "ignored_paths", "sensitive_diffs", "shown"]


def shown(value: Any) -> Any:
    """A diff side as the plan stores it: an absent attribute is null."""
    return None if value is MISSING else value


def current_attributes(
    address: Address,
    entry: ResourceState,
    resource: Resource,
    schema: KindSpec,
    refreshed: Mapping[Address, Observed | None] | None,
) -> tuple[Mapping[str, Any] | None, list[ResourceChange]]:
    """The attributes to diff against (the refreshed object when there is one, else state;
    None when it was deleted outside), and the drift from what state last recorded."""
    if refreshed is None or address not in refreshed:
        return entry.attributes, []
    observed = refreshed[address]
    if observed is None:
        gone = ResourceChange(
            address,
            Action.DELETE,
            dict(entry.attributes),
            None,
            ("deleted outside data-iac",),
            remote_id=entry.remote_id,
        )
        return None, [gone]
    # write-only fields cannot be read back, and remote changes of ignore_remote fields
    # never count: for both, what state recorded when they were applied is compared.
    recorded = schema.write_only | schema.ignore_remote
    merged = {
        **observed.attributes,
        **{k: v for k, v in entry.attributes.items() if k in recorded},
    }
    drifted = diff_attributes(
        {k: entry.attributes[k] for k in _drift_keys(resource, schema) if k in entry.attributes},
        merged,
        schema,
        ignore=ignored_paths(resource, schema),
    )
    if not drifted:
        return merged, []
    before = {d.path: shown(d.after) for d in drifted}
    after = {d.path: shown(d.before) for d in drifted}
    return merged, [
        ResourceChange(
            address,
            Action.UPDATE,
            before,
            after,
            ("changed outside data-iac",),
            remote_id=entry.remote_id,
        )
    ]


def _drift_keys(resource: Resource, schema: KindSpec) -> set[str]:
    """The fields whose outside change is drift: those the spec sets, and those its
    normalised form adds (a notebook's content hash, authoritative grants' principals)."""
    keys = set(resource.spec)
    if schema.normalize is not None:
        keys |= set(schema.normalize(resource.spec))
    return keys


def ignored_paths(resource: Resource, schema: KindSpec) -> tuple[str, ...]:
    return resource.lifecycle.ignore_changes + tuple(schema.sensitive)


def sensitive_diffs(
    resource: Resource, entry: ResourceState, schema: KindSpec
) -> list[AttributeDiff]:
    """Sensitive fields are compared with the salted digest in state, never in clear."""
    diffs: list[AttributeDiff] = []
    for name in sorted(schema.sensitive & resource.spec.keys()):
        if name in resource.lifecycle.ignore_changes:
            continue
        value = resource.spec[name]
        digest = entry.sensitive_hashes.get(name)
        if digest == "unknown" and value in (None, ""):
            continue  # imported, value never known and not set yet: in sync until it is
        if digest is None or not sensitive_matches(
            sensitive_text(value), digest, str(resource.address)
        ):
            diffs.append(AttributeDiff(name, "(sensitive)", "(sensitive)"))
    return diffs
