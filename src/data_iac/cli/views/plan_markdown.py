"""A plan as a pull-request comment: summary table, destructive changes first, one
collapsible section per resource with its diff, policy results and the drift found while
refreshing. Pure: returns the Markdown text.

GitHub limits a comment to 65,536 characters: past ``BUDGET`` the remaining resources are
listed by address only (the full text plan is in the job's log and the saved plan).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from data_iac.cli.views.plan_text import ordered, render_change, render_drift, summary_line
from data_iac.cli.views.values import Line
from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.policy.evaluate import Violation
from data_iac.review.gates import ALLOW_DESTROY_ENV, destructive_changes, plan_digest

__all__ = ["BUDGET", "render_markdown"]

BUDGET = 60_000
_ICON = {
    Action.CREATE: "create",
    Action.UPDATE: "update",
    Action.REPLACE: "**replace**",
    Action.DELETE: "**delete**",
    Action.NOOP: "no-op",
}


def render_markdown(plan: Plan, violations: Sequence[Violation] = ()) -> str:
    title = f"## data-iac plan: `{plan.config_name}` / `{plan.environment}`"
    parts = [title, "", f"**{summary_line(plan)}**", ""]
    if plan.is_empty:
        parts.append("No changes. Your infrastructure matches the configuration.")
    else:
        parts += _summary_table(plan)
    parts += _destructive(plan)
    parts += _policies(violations)
    parts += _changes(plan)
    parts += _drift(plan)
    return "\n".join(parts).rstrip("\n") + "\n"


def _summary_table(plan: Plan) -> list[str]:
    counts = plan.summary()
    rows = ["| Action | Resources |", "|---|---:|"]
    rows += [f"| {action} | {counts[action]} |" for action in counts if counts[action]]
    return [*rows, ""]


def _destructive(plan: Plan) -> list[str]:
    found = destructive_changes(plan)
    if not found:
        return []
    lines = [f"### :warning: Destructive changes ({len(found)})", ""]
    lines += [f"- `{d.change.address}`: {d.what}" for d in found]
    if not plan.destroy:
        lines += [
            "",
            f"Apply runs them only when approved: `{ALLOW_DESTROY_ENV}={plan_digest(plan)}`",
            "(the digest of exactly this plan) or `--allow-destroy`.",
        ]
    return [*lines, ""]


def _policies(violations: Sequence[Violation]) -> list[str]:
    if not violations:
        return []
    lines = [
        "### Policy",
        "",
        "| Level | Rule | Resource | Message | Config |",
        "|---|---|---|---|---|",
    ]
    for v in violations:
        subject = f"`{v.address}`" if v.address is not None else "the plan"
        where = f"`{v.location}`" if v.location is not None else ""
        message = _cell(" ".join(x for x in (v.rule.message, v.reason) if x))
        lines.append(f"| {v.level} | `{v.rule.name}` | {subject} | {message} | {where} |")
    return [*lines, ""]


def _changes(plan: Plan) -> list[str]:
    if plan.is_empty:
        return []
    first = {d.change.address for d in destructive_changes(plan)}
    changes = [c for c in ordered(plan) if c.address in first]
    changes += [c for c in ordered(plan) if c.address not in first]
    lines, used = ["### Changes", ""], 0
    for i, change in enumerate(changes):
        section = _section(change)
        used += sum(len(line) + 1 for line in section)
        if used > BUDGET:
            rest = changes[i:]
            lines += [f"<details><summary>{len(rest)} more (too long for a comment)</summary>", ""]
            lines += [f"- {_ICON[c.action]} `{c.address}`" for c in rest]
            lines += ["", "</details>", ""]
            break
        lines += section
    return lines


def _section(change: ResourceChange) -> list[str]:
    summary = f"{_ICON[change.action]} <code>{change.address}</code>"
    body = _diff_block(render_change(change))
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _drift(plan: Plan) -> list[str]:
    if not plan.drift:
        return []
    lines = [f"### Drift found while refreshing ({len(plan.drift)})", ""]
    lines += ["<details><summary>Objects changed outside of data-iac</summary>", ""]
    lines += _diff_block(render_drift(plan))
    return [*lines, "", "</details>", ""]


def _diff_block(lines: Iterable[Line]) -> list[str]:
    """Text plan lines in a ``diff`` fence, each line's symbol moved to the first column so
    that GitHub colours it (``~`` becomes ``!``)."""
    fenced = ["```diff"]
    for text, _ in lines:
        stripped = text.lstrip(" ")
        symbol = stripped[:2]
        if symbol in ("+ ", "- ", "~ "):
            indent = len(text) - len(stripped)
            mark = "!" if symbol[0] == "~" else symbol[0]
            fenced.append(mark + " " * indent + stripped[1:])
        elif stripped.startswith("-/+ "):
            fenced.append("!" + text[1:])
        else:
            fenced.append(text)
    return [*fenced, "```"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
