"""The approval gate: a plan that deletes, replaces or revokes runs only when approved.

Approval is ``--allow-destroy``, or ``IAC_ALLOW_DESTROY`` holding the digest of exactly the
plan being applied (``iac plan`` prints it), so that a protected CI environment approves one
reviewed plan and nothing else. ``--auto-approve`` only skips the prompt; it never approves
destruction. The rollback of a failed apply and ``iac destroy`` (destructive by name, with its
own confirmation) do not pass through here. Pure but for the error raised.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.diff.facts import pattern_of, split_path
from data_iac.errors import DataIacError
from data_iac.model.plan import Action, Plan, ResourceChange

__all__ = [
    "ALLOW_DESTROY_ENV",
    "Destructive",
    "destructive_changes",
    "plan_digest",
    "require_approval",
]

ALLOW_DESTROY_ENV = "IAC_ALLOW_DESTROY"

# Fields holding who may do what: an entry or privilege gone from them is a revocation.
_ACCESS_FIELDS = frozenset({"grants", "access_control_list", "privileges", "acls", "permissions"})


@dataclass(frozen=True, slots=True)
class Destructive:
    """One destructive action of a plan: ``what`` says it in words."""

    change: ResourceChange
    what: str

    def describe(self) -> str:
        return f"{self.change.address}: {self.what}"


def plan_digest(plan: Plan) -> str:
    """``sha256:...`` of what the plan does and where: its changes (secrets masked), the
    state lineage and serial it was made against, environment and config digest. The random
    plan id is left out, so planning the same config against the same state gives the same
    digest, and a saved plan keeps it."""
    data = plan.to_json()
    del data["plan_id"]
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def destructive_changes(plan: Plan) -> list[Destructive]:
    """Deletes, replaces and revoked privileges, in address order."""
    found: list[Destructive] = []
    for change in sorted(plan.actionable, key=lambda c: c.address):
        if change.action is Action.DELETE:
            found.append(Destructive(change, "delete"))
        elif change.action is Action.REPLACE:
            found.append(Destructive(change, "replace (delete, then create)"))
        elif change.action is Action.UPDATE:
            found += (Destructive(change, f"revoke {r}") for r in _revocations(change))
    return found


def _revocations(change: ResourceChange) -> Iterator[str]:
    for path, old, new in change.diffs:
        parts = split_path(path)
        at = next((i for i, p in enumerate(parts) if pattern_of(p) in _ACCESS_FIELDS), None)
        if at is None:
            continue
        _, bracket, element = parts[at].partition("[")
        # the element's key names who (``access_control_list[group_name=admins]``), else
        # the rest of the path does; a principal may hold dots (an e-mail)
        who = element[:-1] if bracket else ".".join(parts[at + 1 :])
        for lost in _lost(old, new):
            yield f"{lost} from {who}" if who else lost


def _lost(old: Any, new: Any) -> list[str]:
    """What ``old`` grants that ``new`` does not (privileges, or whole access entries)."""
    if old is None or old == new:
        return []
    olds = old if isinstance(old, list) else [old]
    news = new if isinstance(new, list) else ([] if new is None else [new])
    kept = {_key(x) for x in news}
    return [_label(x) for x in olds if _key(x) not in kept]


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _label(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
    return str(value)


def require_approval(plan: Plan, *, allow_destroy: bool, env: Mapping[str, str]) -> None:
    """Refuse (exit 1, listing them) a plan with destructive changes that is not approved.

    Raises:
        DataIacError: destructive changes without ``--allow-destroy`` or the plan's digest
            in ``IAC_ALLOW_DESTROY``.
    """
    found = destructive_changes(plan)
    if not found or allow_destroy:
        return
    digest = plan_digest(plan)
    approved = env.get(ALLOW_DESTROY_ENV, "").strip()
    if approved == digest:
        return
    listing = "\n".join(f"  - {d.describe()}" for d in found)
    reason = (
        f"{ALLOW_DESTROY_ENV} approves another plan ({approved})"
        if approved
        else "nobody approved them"
    )
    raise DataIacError(
        f"refusing to apply {len(found)} destructive change(s): {reason}\n{listing}",
        hint=(
            f"review them, then rerun with --allow-destroy or with "
            f"{ALLOW_DESTROY_ENV}={digest} (the digest of exactly this plan)"
        ),
    )
