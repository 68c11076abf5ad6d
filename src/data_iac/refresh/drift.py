"""Drift: what changed outside data-iac, as a value and as text, Markdown or JSON.

Pure functions on values. ``drift_report`` takes the drift a plan found while refreshing
(``Plan.drift``: state vs live, managed fields only) and the unmanaged objects found by
``unmanaged.py``; the renderers never do I/O.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from data_iac.model.plan import Action, ResourceChange

__all__ = [
    "DriftItem",
    "DriftReport",
    "FieldChange",
    "Unmanaged",
    "drift_report",
    "render_markdown",
    "render_text",
]

CHANGED, DELETED = "changed", "deleted"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One managed field: ``recorded`` is what state holds, ``live`` what the platform has."""

    path: str
    recorded: Any
    live: Any


@dataclass(frozen=True, slots=True)
class DriftItem:
    """One managed object changed (``fields`` say how) or deleted outside data-iac."""

    address: str
    status: str
    remote_id: str | None = None
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class Unmanaged:
    """A live object no config manages (or a grant to a principal no list names)."""

    kind: str
    remote_id: str
    scope: Mapping[str, str] = field(default_factory=dict)
    detail: str = ""


@dataclass(frozen=True, slots=True)
class DriftReport:
    """Everything ``iac drift`` reports. ``has_drift`` decides exit code 2; unmanaged
    objects are listed but are not drift (they are outside what the config claims)."""

    items: tuple[DriftItem, ...] = ()
    unmanaged: tuple[Unmanaged, ...] = ()

    @property
    def has_drift(self) -> bool:
        return bool(self.items)

    def to_json(self) -> dict[str, Any]:
        return {
            "format_version": 1,
            "drift": [_item_json(i) for i in self.items],
            "unmanaged": [
                {
                    "kind": u.kind,
                    "remote_id": u.remote_id,
                    "scope": dict(u.scope),
                    "detail": u.detail,
                }
                for u in self.unmanaged
            ],
            "summary": {
                "changed": sum(i.status == CHANGED for i in self.items),
                "deleted": sum(i.status == DELETED for i in self.items),
                "unmanaged": len(self.unmanaged),
            },
        }


def _item_json(item: DriftItem) -> dict[str, Any]:
    data: dict[str, Any] = {"address": item.address, "status": item.status}
    if item.remote_id is not None:
        data["remote_id"] = item.remote_id
    if item.fields:
        data["fields"] = [
            {"path": f.path, "recorded": f.recorded, "live": f.live} for f in item.fields
        ]
    return data


def drift_report(
    drift: Iterable[ResourceChange], unmanaged: Iterable[Unmanaged] = ()
) -> DriftReport:
    """The report of a plan's drift (``before`` = state, ``after`` = live, per path)."""
    items = []
    for change in sorted(drift, key=lambda c: str(c.address)):
        if change.action is Action.DELETE:
            items.append(DriftItem(str(change.address), DELETED, change.remote_id))
            continue
        before, after = change.before or {}, change.after or {}
        fields = tuple(FieldChange(p, before.get(p), after[p]) for p in sorted(after))
        items.append(DriftItem(str(change.address), CHANGED, change.remote_id, fields))
    ordered = sorted(unmanaged, key=lambda u: (u.kind, u.remote_id))
    return DriftReport(tuple(items), tuple(ordered))


def _show(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= 100 else text[:97] + "..."


def render_text(report: DriftReport) -> Iterator[tuple[str, str]]:
    """(text, style) lines for a terminal or a CI log."""
    if not report.items:
        yield "No drift: every managed object matches the state.", "bold green"
    else:
        yield "Objects changed outside data-iac:", "bold yellow"
        for item in report.items:
            yield f"  # {item.address} has been {item.status}", "yellow"
            for f in item.fields:
                yield f"      ~ {f.path} = {_show(f.recorded)} -> {_show(f.live)}", "yellow"
        yield f"Drift: {len(report.items)} object(s). Run `iac apply` to revert.", "bold"
    if report.unmanaged:
        yield "", ""
        yield "Not managed by this config:", "bold"
        for u in report.unmanaged:
            yield f"  ? {u.kind} {u.remote_id}{' (' + u.detail + ')' if u.detail else ''}", ""


def render_markdown(report: DriftReport) -> str:
    """A Markdown comment for a pull request."""
    lines = ["## data-iac drift", ""]
    if not report.items:
        lines.append("No drift: every managed object matches the state.")
    else:
        lines += ["| Object | Status | Field | Recorded | Live |", "|---|---|---|---|---|"]
        for item in report.items:
            rows = item.fields or (FieldChange("", None, None),)
            for f in rows:
                cells = [f"`{item.address}`", item.status, f"`{f.path}`" if f.path else ""]
                cells += [_cell(f.recorded, f.path), _cell(f.live, f.path)]
                lines.append("| " + " | ".join(cells) + " |")
        lines += ["", f"**{len(report.items)} object(s) drifted.** `iac apply` reverts them."]
    if report.unmanaged:
        lines += [
            "",
            f"<details><summary>Not managed by this config ({len(report.unmanaged)})</summary>",
            "",
        ]
        lines += [f"- `{u.kind}` `{u.remote_id}` {u.detail}".rstrip() for u in report.unmanaged]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _cell(value: Any, path: str) -> str:
    if not path:
        return ""
    return "`" + _show(value).replace("|", "\\|") + "`"
