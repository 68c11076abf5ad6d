"""Evaluate policy rules over a plan and the desired state: one ``Violation`` per rule and
resource (or plan) where a rule's ``assert`` does not hold. Pure but for CEL itself.

What each scope's expressions see:

- ``change`` (each planned create, update, replace or delete): ``change`` with ``address``,
  ``kind``, ``key``, ``action``, ``before``, ``after`` and ``changed`` (the attribute paths
  that differ); ``resource`` (as below, null for a delete of something no longer in config);
  ``plan``.
- ``resource`` (each resource in config): ``resource`` with ``address``, ``kind``, ``key``,
  ``spec``, ``action`` (what the plan does to it, ``no-op`` when nothing) and ``grants``
  (``{principal: [privileges]}`` whatever form the spec wrote them in); ``plan``.
- ``plan`` (once): ``plan`` with ``summary`` (``create``, ``update``, ``replace``,
  ``delete``), ``destroys`` (deletes plus replaces), ``changes`` (``address``, ``kind``,
  ``action`` of each) and ``resources`` (how many the config declares).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import SourceLocation
from data_iac.model.plan import Plan, ResourceChange
from data_iac.model.resource import DesiredState, Resource
from data_iac.policy.cel import evaluate
from data_iac.policy.rules import Rule

__all__ = ["Violation", "check_policies"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One rule that does not hold: for ``address`` (None for a plan-wide rule)."""

    rule: Rule
    address: Address | None
    location: SourceLocation | None
    reason: str = ""

    @property
    def level(self) -> str:
        return self.rule.level

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule.name,
            "level": self.level,
            "address": None if self.address is None else str(self.address),
            "message": self.rule.message,
            "reason": self.reason,
            "location": None if self.location is None else str(self.location),
            "rule_location": None if self.rule.location is None else str(self.rule.location),
        }


def check_policies(rules: Iterable[Rule], plan: Plan, desired: DesiredState) -> list[Violation]:
    """Every violation, deny before warn, then by rule and address."""
    plan_view = _plan_view(plan, desired)
    actions = {c.address: c.action.value for c in plan.actionable}
    found: list[Violation] = []
    for rule in rules:
        if rule.scope == "plan":
            found += _check(rule, {"plan": plan_view}, None, None)
        elif rule.scope == "resource":
            for resource in desired.resources.values():
                if rule.applies_to(resource.address.kind):
                    names = {"resource": _resource_view(resource, actions), "plan": plan_view}
                    found += _check(rule, names, resource.address, resource.location)
        else:
            for change in plan.actionable:
                if rule.applies_to(change.address.kind):
                    found += _change(rule, change, desired, actions, plan_view)
    found.sort(key=lambda v: (v.level != "deny", v.rule.name, v.address or Address("", "")))
    return found


def _change(
    rule: Rule,
    change: ResourceChange,
    desired: DesiredState,
    actions: Mapping[Address, str],
    plan_view: dict[str, Any],
) -> Iterator[Violation]:
    resource = desired.resources.get(change.address)
    names = {
        "change": {
            "address": str(change.address),
            "kind": change.address.kind,
            "key": change.address.key,
            "action": change.action.value,
            "before": _json(change.before),
            "after": _json(change.after),
            "changed": [path for path, _, _ in change.diffs] or list(change.reasons),
        },
        "resource": None if resource is None else _resource_view(resource, actions),
        "plan": plan_view,
    }
    location = None if resource is None else resource.location
    yield from _check(rule, names, change.address, location)


def _check(
    rule: Rule,
    names: dict[str, Any],
    address: Address | None,
    location: SourceLocation | None,
) -> Iterator[Violation]:
    if rule.when is not None and evaluate(rule.when, names) is not True:
        return
    result = evaluate(rule.check, names)
    if result is True:
        return
    reason = "" if result is False else f"the rule could not be evaluated: {result}"
    yield Violation(rule, address, location, reason)


def _resource_view(resource: Resource, actions: Mapping[Address, str]) -> dict[str, Any]:
    spec = _json(resource.spec)
    return {
        "address": str(resource.address),
        "kind": resource.address.kind,
        "key": resource.address.key,
        "spec": spec,
        "action": actions.get(resource.address, "no-op"),
        "grants": _grants(spec.get("grants")),
    }


def _grants(value: Any) -> dict[str, list[str]]:
    """``{principal: [privileges]}`` from either form a spec may use."""
    if isinstance(value, Mapping):
        return {str(k): [str(p) for p in (v or [])] for k, v in value.items()}
    grants: dict[str, list[str]] = {}
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, Mapping) and "principal" in entry:
            privileges = [str(p) for p in entry.get("privileges") or []]
            grants.setdefault(str(entry["principal"]), []).extend(privileges)
    return grants


def _plan_view(plan: Plan, desired: DesiredState) -> dict[str, Any]:
    summary = plan.summary()
    return {
        "summary": summary,
        "destroys": summary["delete"] + summary["replace"],
        "changes": [
            {"address": str(c.address), "kind": c.address.kind, "action": c.action.value}
            for c in plan.actionable
        ],
        "resources": len(desired.resources),
    }


def _json(value: Any) -> Any:
    """Plain JSON values (tuples as lists) for CEL."""
    if isinstance(value, Mapping):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value
