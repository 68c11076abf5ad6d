"""State entries from live objects: ``iac refresh`` (re-record what is there) and
``iac import`` (adopt an object data-iac did not create). Pure functions on values.

Both keep the promises apply keeps: no sensitive value in clear (an imported secret's
digest is ``unknown``, which plans as in sync until the user sets a value), write-only
fields as the config gives them (the platform cannot give them back), and for additive
``grants`` only the principals the config names (so a destroy never revokes others').
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds import spec_of
from data_iac.model.kind import KindSpec
from data_iac.model.resource import Observed, Resource
from data_iac.model.state import ResourceState, StateSnapshot

__all__ = ["UNKNOWN_DIGEST", "imported_entry", "managed_view", "refreshed_state"]

UNKNOWN_DIGEST = "unknown"


def managed_view(kind: str, recorded: Mapping[str, Any], live: Mapping[str, Any]) -> dict[str, Any]:
    """What state keeps of ``live``: fields the platform does not return (write-only,
    ``grants_mode``) stay as recorded, and so do the fields whose remote changes the record
    ignores (``ignore_remote``: state keeps what was applied); a kind's record may keep less
    (``KindSpec.keep``: additive grants keep only the recorded principals)."""
    record = spec_of(kind)
    if record.keep is not None:
        return record.keep(recorded, live)
    applied = {k: recorded[k] for k in record.ignore_remote if k in recorded}
    return {**recorded, **live, **applied}


def refreshed_state(
    state: StateSnapshot,
    observed: Mapping[Address, Observed | None],
    schema_of: Any,
) -> tuple[StateSnapshot, list[str], list[str]]:
    """(state updated from ``observed``, addresses whose record changed, addresses gone).

    A record whose only difference is its change marker is updated but not called changed.

    Objects gone from the platform leave state, as Terraform's refresh does: the next plan
    creates them again. The serial is not bumped here; the caller writes the successor.
    """
    resources = dict(state.resources)
    changed, gone = [], []
    for address, live in sorted(observed.items(), key=lambda item: str(item[0])):
        entry = resources.get(address)
        if entry is None:
            continue
        if live is None:
            del resources[address]
            gone.append(str(address))
            continue
        schema: KindSpec = schema_of(entry.kind)
        attributes = _without(
            managed_view(entry.kind, entry.attributes, live.attributes), schema.sensitive
        )
        updated = replace(
            entry, attributes=attributes, remote_id=live.remote_id, version=live.version
        )
        if updated == entry:
            continue
        resources[address] = updated
        # a moved change marker alone is no change: a DSS project's versionTag moves when
        # one of its documents (variables, permissions: kinds of their own) is saved
        if replace(updated, version=entry.version) != entry:
            changed.append(str(address))
    return replace(state, resources=resources), changed, gone


def imported_entry(
    address: Address, live: Observed, schema: KindSpec, resource: Resource | None
) -> ResourceState:
    """The state entry adopting ``live`` as ``address``; ``resource`` is the config's view
    of it when the config declares it (its write-only values and dependencies are used)."""
    spec: Mapping[str, Any] = resource.spec if resource is not None else {}
    recorded: dict[str, Any] = {}
    for name in (schema.write_only - schema.sensitive) & spec.keys():
        recorded[name] = spec[name]
    if schema.recorded is not None:
        recorded.update(schema.recorded(spec))
    attributes = _without(managed_view(address.kind, recorded, live.attributes), schema.sensitive)
    sensitive = schema.sensitive & spec.keys() if resource is not None else schema.sensitive
    return ResourceState(
        kind=address.kind,
        remote_id=live.remote_id,
        attributes=attributes,
        dependencies=tuple(sorted(resource.depends_on if resource else ())),
        sensitive_hashes={name: UNKNOWN_DIGEST for name in sorted(sensitive)},
        version=live.version,
        configured=tuple(sorted(spec)),
    )


def _without(values: Mapping[str, Any], names: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k not in names}
