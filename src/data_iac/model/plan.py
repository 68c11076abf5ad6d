"""The plan: a frozen, serialisable value that apply executes exactly."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from data_iac.addresses import Address

__all__ = ["PLAN_FORMAT_VERSION", "Action", "Plan", "ResourceChange"]

PLAN_FORMAT_VERSION = 1


class Action(StrEnum):
    """What apply will do to one resource."""

    CREATE = "create"
    UPDATE = "update"
    REPLACE = "replace"
    DELETE = "delete"
    NOOP = "no-op"


@dataclass(frozen=True, slots=True)
class ResourceChange:
    """One resource's change: ``before`` is the current managed attributes, ``after`` the
    desired ones (None for a create's before and a delete's after).

    ``depends_on`` lists the addresses this change must wait for (for a delete: the addresses
    that must be deleted before it). ``remote_id`` is the platform id when the object exists.
    """

    address: Address
    action: Action
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None
    reasons: tuple[str, ...] = ()
    depends_on: tuple[Address, ...] = ()
    remote_id: str | None = None
    sensitive: tuple[str, ...] = ()
    # Every address the resource depends on (not only those changing): kept in state so
    # that a later destroy can delete in reverse order.
    dependencies: tuple[Address, ...] = ()
    # (path, current, desired) of every differing attribute, as the diff compared them (the
    # kind's normalised shape): what the plan shows. Sensitive ones hold the mask only.
    diffs: tuple[tuple[str, Any, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "address": str(self.address),
            "action": self.action.value,
            "before": _masked(self.before, self.sensitive),
            "after": _masked(self.after, self.sensitive),
        }
        if self.reasons:
            data["reasons"] = list(self.reasons)
        if self.depends_on:
            data["depends_on"] = [str(a) for a in self.depends_on]
        if self.remote_id is not None:
            data["remote_id"] = self.remote_id
        if self.sensitive:
            data["sensitive"] = list(self.sensitive)
        if self.dependencies:
            data["dependencies"] = [str(d) for d in self.dependencies]
        if self.diffs:
            data["diffs"] = [{"path": p, "before": b, "after": a} for p, b, a in self.diffs]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ResourceChange:
        return cls(
            address=Address.parse(data["address"]),
            action=Action(data["action"]),
            before=data.get("before"),
            after=data.get("after"),
            reasons=tuple(data.get("reasons", ())),
            depends_on=tuple(Address.parse(a) for a in data.get("depends_on", ())),
            remote_id=data.get("remote_id"),
            sensitive=tuple(data.get("sensitive", ())),
            dependencies=tuple(Address.parse(d) for d in data.get("dependencies", ())),
            diffs=tuple((d["path"], d["before"], d["after"]) for d in data.get("diffs", ())),
        )


def _masked(values: Mapping[str, Any] | None, sensitive: tuple[str, ...]) -> Any:
    if values is None:
        return None
    return {k: ("(sensitive)" if k in sensitive else v) for k, v in values.items()}


@dataclass(frozen=True, slots=True)
class Plan:
    """Every change for one config and environment, against one state lineage and serial."""

    plan_id: str
    prior_lineage: str
    prior_serial: int
    environment: str = "default"
    config_name: str = "default"
    config_digest: str = ""
    changes: tuple[ResourceChange, ...] = ()
    drift: tuple[ResourceChange, ...] = ()
    destroy: bool = False
    format_version: int = PLAN_FORMAT_VERSION
    variables: Mapping[str, Any] = field(default_factory=dict)

    @property
    def actionable(self) -> tuple[ResourceChange, ...]:
        """The changes that do something (no-ops left out)."""
        return tuple(c for c in self.changes if c.action is not Action.NOOP)

    @property
    def is_empty(self) -> bool:
        return not self.actionable

    @property
    def has_destroys(self) -> bool:
        return any(c.action in (Action.DELETE, Action.REPLACE) for c in self.changes)

    def summary(self) -> dict[str, int]:
        """Counts per action, as ``plan --json`` prints them."""
        counts = {"create": 0, "update": 0, "replace": 0, "delete": 0}
        for change in self.actionable:
            counts[change.action.value] += 1
        return counts

    def to_json(self, *, include_noop: bool = False) -> dict[str, Any]:
        changes = self.changes if include_noop else self.actionable
        return {
            "format_version": self.format_version,
            "plan_id": self.plan_id,
            "prior_lineage": self.prior_lineage,
            "prior_serial": self.prior_serial,
            "environment": self.environment,
            "config_name": self.config_name,
            "config_digest": self.config_digest,
            "destroy": self.destroy,
            "changes": [c.to_json() for c in changes],
            "drift": [c.to_json() for c in self.drift],
            "summary": self.summary(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Plan:
        return cls(
            format_version=int(data["format_version"]),
            plan_id=data["plan_id"],
            prior_lineage=data["prior_lineage"],
            prior_serial=int(data["prior_serial"]),
            environment=data.get("environment", "default"),
            config_name=data.get("config_name", "default"),
            config_digest=data.get("config_digest", ""),
            destroy=bool(data.get("destroy", False)),
            changes=tuple(ResourceChange.from_json(c) for c in data["changes"]),
            drift=tuple(ResourceChange.from_json(c) for c in data.get("drift", ())),
        )
