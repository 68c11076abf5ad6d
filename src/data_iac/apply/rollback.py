"""Rollback: undo a failed apply's work, as an ordinary plan.

``plan_rollback`` is pure: it compares, for every action that finished (done, or failed
after part of it landed), the state before the apply with the state after it, and plans
the change that restores the before-image:

- created (absent before)  -> delete;
- updated (same object)    -> update back to the before-image's managed fields;
- deleted (absent after)   -> create from the before-image (data is not restored: warned);
- replaced (another id)    -> replace back from the before-image.

The changes run one after the other, in the reverse of the order the apply finished them,
which is a valid order (the apply's was). The plan is then shown, journaled and
checkpointed like any other by ``run_rollback``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from data_iac.addresses import Address
from data_iac.apply.engine import ApplyOptions, Checkpoint, apply_plan
from data_iac.apply.hooks import ApplyHooks
from data_iac.apply.result import ApplyResult, OutcomeStatus, RollbackReport
from data_iac.model.kind import KindSpec
from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.providers.base import ResourceHandler

__all__ = ["plan_rollback", "rollback_warnings", "run_rollback"]

SchemaLookup = Callable[[str], KindSpec]


def plan_rollback(
    plan: Plan, result: ApplyResult, before: StateSnapshot, schema_of: SchemaLookup | None = None
) -> Plan:
    """The plan that brings the platforms from ``result.final_state`` back to ``before``."""
    lookup = schema_of or (lambda kind: KindSpec(kind))
    originals = {c.address: c for c in plan.changes}
    changes: list[ResourceChange] = []
    for address in reversed(result.order):
        change = _undo(
            address, originals.get(address), before, result.final_state, lookup(address.kind)
        )
        if change is not None:
            waits = (changes[-1].address,) if changes else ()
            changes.append(replace(change, depends_on=waits))
    return Plan(
        plan_id=uuid.uuid4().hex,
        prior_lineage=result.final_state.lineage,
        prior_serial=result.final_state.serial,
        environment=plan.environment,
        config_name=plan.config_name,
        config_digest=plan.config_digest,
        changes=tuple(changes),
    )


def _undo(
    address: Address,
    original: ResourceChange | None,
    before: StateSnapshot,
    after: StateSnapshot,
    schema: KindSpec,
) -> ResourceChange | None:
    was, now = before.resources.get(address), after.resources.get(address)
    if was is None and now is None:
        return None
    if was is None:
        assert now is not None
        return ResourceChange(
            address,
            Action.DELETE,
            dict(now.attributes),
            None,
            ("rollback: created by the failed apply",),
            remote_id=now.remote_id,
        )
    image = _before_image(was, original, schema)
    reasons: tuple[str, ...]
    if now is None:
        reasons = ("rollback: deleted by the failed apply; recreated without its data",)
        return ResourceChange(
            address, Action.CREATE, None, image, reasons, dependencies=was.dependencies
        )
    if now.remote_id != was.remote_id:
        reasons = ("rollback: replaced by the failed apply",)
        return ResourceChange(
            address,
            Action.REPLACE,
            dict(now.attributes),
            image,
            reasons,
            remote_id=now.remote_id,
            dependencies=was.dependencies,
        )
    current = {k: now.attributes.get(k) for k in image}
    if current == image:
        return None
    return ResourceChange(
        address,
        Action.UPDATE,
        current,
        image,
        ("rollback: updated by the failed apply",),
        remote_id=now.remote_id,
        dependencies=was.dependencies,
    )


def _before_image(
    was: ResourceState, original: ResourceChange | None, schema: KindSpec
) -> dict[str, Any]:
    """The managed fields of the object as it was: the fields the plan managed when known,
    else every field that is not computed. Secrets are not in state and are left out."""
    if original is not None and (original.before or original.after):
        managed = set(original.before or {}) | set(original.after or {})
    else:
        managed = set(was.attributes)
    managed -= schema.computed | schema.sensitive
    return {k: was.attributes[k] for k in sorted(managed) if k in was.attributes}


def rollback_warnings(rollback: Plan, before: StateSnapshot) -> list[str]:
    """What a rollback cannot restore: data of recreated objects, secrets' values."""
    warnings = []
    for change in rollback.actionable:
        if change.action in (Action.CREATE, Action.REPLACE):
            warnings.append(
                f"{change.address} is recreated from its before-image: its data "
                "(rows, files, run history) is not restored"
            )
        was = before.resources.get(change.address)
        if (
            was is not None
            and was.sensitive_hashes
            and change.action in (Action.CREATE, Action.REPLACE, Action.UPDATE)
        ):
            names = ", ".join(sorted(was.sensitive_hashes))
            warnings.append(
                f"{change.address}: sensitive field(s) {names} cannot be "
                "restored (only their digests are kept); the next apply sets them"
            )
    return warnings


def run_rollback(
    rollback: Plan,
    result: ApplyResult,
    handlers: Mapping[str, ResourceHandler],
    checkpoint: Checkpoint,
    options: ApplyOptions,
    hooks: ApplyHooks | None = None,
    warnings: tuple[str, ...] = (),
) -> ApplyResult:
    """Apply ``rollback`` on top of ``result`` and return ``result`` with the actions it
    undid marked rolled back, the rollback's own outcomes, and its final state."""
    walk = replace(options, stop_on_failure=True)
    undo = apply_plan(rollback, handlers, result.final_state, checkpoint, walk, hooks)
    undone = {o.address for o in undo.outcomes if o.status is OutcomeStatus.DONE}
    undone |= set(_untouched(result, rollback))
    report = RollbackReport(undo.outcomes, warnings)
    return result.rolled_back(report, undo.final_state, undone)


def _untouched(result: ApplyResult, rollback: Plan) -> Iterator[Address]:
    """Finished actions that needed no undo (their effect was already gone)."""
    planned = {c.address for c in rollback.changes}
    return (a for a in result.order if a not in planned)
