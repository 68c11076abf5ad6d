"""make_plan: desired state + prior state (+ refreshed objects) -> Plan. Pure."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.addresses import Address
from data_iac.diff.compare import AttributeDiff, diff_attributes, forces_replace, removed_fields
from data_iac.errors import LifecycleError
from data_iac.model.kind import KindSpec
from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.model.provider_ids import platform_id
from data_iac.model.references import UNKNOWN, find_references, resolve_references
from data_iac.model.resource import DesiredState, Observed, Resource
from data_iac.model.state import StateSnapshot
from data_iac.planning.current import (
    current_attributes,
    ignored_paths,
    sensitive_diffs,
    shown,
)
from data_iac.planning.graph import build_graph, topological_order
from data_iac.planning.reference_check import check_reference_attributes

__all__ = ["PlanOptions", "attribute_lookup", "make_plan"]

SchemaLookup = Callable[[str], KindSpec]


@dataclass(frozen=True, slots=True)
class PlanOptions:
    """How to plan: ``destroy`` deletes everything in state; ``targets`` limits the plan to
    those addresses and their dependencies; ``observed`` is the refresh result by address
    (None = no refresh: state is taken as the truth)."""

    destroy: bool = False
    targets: frozenset[Address] = frozenset()
    observed: Mapping[Address, Observed | None] | None = None
    config_digest: str = ""


def make_plan(
    desired: DesiredState,
    prior: StateSnapshot,
    schema_of: SchemaLookup,
    options: PlanOptions = PlanOptions(),
) -> Plan:
    """Every change that makes the platforms match ``desired``, in execution order.

    Must never plan a delete or replace of a resource whose lifecycle has prevent_destroy
    (raises LifecycleError instead). Creates and updates depend on the changes of their
    dependencies; deletes depend on the deletes of what depends on them. A dependency cycle
    raises DependencyCycleError even when nothing would change.
    """
    graph = build_graph(desired)
    wanted = _targeted(desired, graph, options.targets)
    changes: dict[Address, ResourceChange] = {}
    drift: list[ResourceChange] = []
    if not options.destroy:
        check_reference_attributes(desired, prior)
        for address in wanted:
            change, drifted = _plan_resource(desired.resources[address], prior, schema_of, options)
            changes[address] = change
            drift.extend(drifted)
        _replan_references_to_new_objects(desired, prior, schema_of, options, changes)
    changes.update(_plan_deletes(desired, prior, options, wanted))
    _check_lifecycle(desired, changes.values())
    linked, waits = _link_dependencies(changes, graph, prior)
    ordered = [linked[a] for a in topological_order({**graph, **waits}) if a in linked]
    return Plan(
        plan_id=uuid.uuid4().hex,
        prior_lineage=prior.lineage,
        prior_serial=prior.serial,
        environment=desired.environment,
        config_name=desired.config_name,
        config_digest=options.config_digest,
        changes=tuple(ordered),
        drift=tuple(sorted(drift, key=lambda c: c.address)),
        destroy=options.destroy,
    )


def _targeted(
    desired: DesiredState, graph: Mapping[Address, frozenset[Address]], targets: frozenset[Address]
) -> set[Address]:
    if not targets:
        return set(desired.resources)
    wanted: set[Address] = set()
    stack = [t for t in targets if t in desired.resources]
    while stack:
        address = stack.pop()
        if address not in wanted:
            wanted.add(address)
            stack.extend(graph.get(address, ()))
    return wanted


def _replan_references_to_new_objects(
    desired: DesiredState,
    prior: StateSnapshot,
    schema_of: SchemaLookup,
    options: PlanOptions,
    changes: dict[Address, ResourceChange],
) -> None:
    """Plan again the resources whose references point at an object this plan creates or
    replaces: the value they will see is only known after apply, not the old one in state.

    Repeats until nothing moves, because such a resource may itself become a replace.
    """
    referring = {
        address: targets
        for address in changes
        if (targets := {t for t, _ in find_references(desired.resources[address].spec)})
    }
    settled: frozenset[Address] = frozenset()
    while True:
        renewed = frozenset(
            a for a, c in changes.items() if c.action in (Action.CREATE, Action.REPLACE)
        )
        if renewed == settled:
            return
        settled = renewed
        for address, targets in referring.items():
            if targets & renewed and changes[address].action is not Action.CREATE:
                resource = desired.resources[address]
                changes[address], _ = _plan_resource(
                    resource, prior, schema_of, options, unknown=renewed
                )


def attribute_lookup(
    state: StateSnapshot, unknown: frozenset[Address] = frozenset()
) -> Callable[[Address, str], Any]:
    """Resolve ``${ref:ADDRESS#ATTR}`` from a state; UNKNOWN when the target is not there
    or is in ``unknown`` (created or replaced by the plan being made)."""

    def lookup(address: Address, attr: str) -> Any:
        entry = state.resources.get(address)
        if entry is None or address in unknown:
            return UNKNOWN
        if attr == "id":
            return platform_id(entry.remote_id)
        value: Any = entry.attributes
        for part in attr.split("."):
            if not isinstance(value, Mapping) or part not in value:
                return UNKNOWN
            value = value[part]
        return value

    return lookup


def _plan_resource(
    resource: Resource,
    prior: StateSnapshot,
    schema_of: SchemaLookup,
    options: PlanOptions,
    *,
    unknown: frozenset[Address] = frozenset(),
) -> tuple[ResourceChange, list[ResourceChange]]:
    address = resource.address
    entry = prior.resources.get(address)
    if entry is None:
        return ResourceChange(
            address,
            Action.CREATE,
            None,
            dict(resource.spec),
            sensitive=_sensitive(resource, schema_of),
            dependencies=_deps(resource),
        ), []
    schema = schema_of(address.kind)
    current, drift = current_attributes(address, entry, resource, schema, options.observed)
    if current is None:
        reason = "deleted outside data-iac"
        return ResourceChange(
            address,
            Action.CREATE,
            None,
            dict(resource.spec),
            (reason,),
            sensitive=_sensitive(resource, schema_of),
            dependencies=_deps(resource),
        ), drift
    spec = resolve_references(resource.spec, attribute_lookup(prior, unknown))
    if schema.normalize is not None:
        spec = schema.normalize(spec)
    closed = schema.closed(spec) if schema.closed is not None else frozenset()
    diffs = diff_attributes(
        spec, current, schema, ignore=ignored_paths(resource, schema), closed=closed
    )
    diffs += removed_fields(
        spec, entry.configured, current, schema, ignore=ignored_paths(resource, schema)
    )
    diffs += sensitive_diffs(resource, entry, schema)
    action = _action_for(diffs, schema)
    before = {k: current.get(k) for k in resource.spec if k not in schema.sensitive}
    change = ResourceChange(
        address,
        action,
        before,
        dict(resource.spec),
        reasons=tuple(d.path for d in diffs),
        remote_id=entry.remote_id,
        sensitive=_sensitive(resource, schema_of),
        dependencies=_deps(resource),
        diffs=tuple((d.path, shown(d.before), shown(d.after)) for d in diffs),
    )
    return change, drift


def _deps(resource: Resource) -> tuple[Address, ...]:
    return tuple(sorted(resource.depends_on))


def _action_for(diffs: list[AttributeDiff], schema: KindSpec) -> Action:
    if not diffs:
        return Action.NOOP
    if any(forces_replace(schema, d.path) for d in diffs):
        return Action.REPLACE
    return Action.UPDATE


def _sensitive(resource: Resource, schema_of: SchemaLookup) -> tuple[str, ...]:
    schema = schema_of(resource.address.kind)
    if not schema.sensitive:
        return ()
    return tuple(sorted(schema.sensitive & resource.spec.keys()))


def _plan_deletes(
    desired: DesiredState, prior: StateSnapshot, options: PlanOptions, wanted: set[Address]
) -> dict[Address, ResourceChange]:
    deletes: dict[Address, ResourceChange] = {}
    for address, entry in prior.resources.items():
        if options.targets and address not in wanted:
            continue
        if options.destroy or address not in desired.resources:
            deletes[address] = ResourceChange(
                address, Action.DELETE, dict(entry.attributes), None, remote_id=entry.remote_id
            )
    return deletes


def _check_lifecycle(desired: DesiredState, changes: Iterable[ResourceChange]) -> None:
    protected = [
        c
        for c in changes
        if c.action in (Action.DELETE, Action.REPLACE)
        and c.address in desired.resources
        and desired.resources[c.address].lifecycle.prevent_destroy
    ]
    if protected:
        names = ", ".join(f"{c.address} ({c.action.value})" for c in protected)
        raise LifecycleError(
            f"lifecycle.prevent_destroy forbids this plan: {names}",
            hint="remove prevent_destroy from the resource's lifecycle if you really mean it",
        )


def _link_dependencies(
    changes: Mapping[Address, ResourceChange],
    graph: Mapping[Address, frozenset[Address]],
    prior: StateSnapshot,
) -> tuple[dict[Address, ResourceChange], dict[Address, frozenset[Address]]]:
    """Fill ``depends_on`` with the other actionable changes each change must wait for.

    Also returns what each delete waits for, so one topological sort orders everything.
    """
    active = {a for a, c in changes.items() if c.action is not Action.NOOP}
    deleted = {a for a, c in changes.items() if c.action is Action.DELETE}
    # A delete waits for the deletes of everything that depends on it (reverse order).
    delete_waits: dict[Address, set[Address]] = {a: set() for a in deleted}
    for address in deleted:
        for target in prior.resources[address].dependencies:
            if target in delete_waits:
                delete_waits[target].add(address)
    linked: dict[Address, ResourceChange] = {}
    for address, change in changes.items():
        if change.action is Action.DELETE:
            waits: Iterable[Address] = delete_waits[address]
        else:
            waits = (d for d in graph.get(address, ()) if d in active)
        linked[address] = _with_depends(change, sorted(waits))
    return linked, {a: frozenset(w) for a, w in delete_waits.items()}


def _with_depends(change: ResourceChange, waits: list[Address]) -> ResourceChange:
    if not waits:
        return change
    # The constructor, not dataclasses.replace: this runs once per resource on large plans.
    return ResourceChange(
        change.address,
        change.action,
        change.before,
        change.after,
        change.reasons,
        tuple(waits),
        change.remote_id,
        change.sensitive,
        change.dependencies,
        change.diffs,
    )
