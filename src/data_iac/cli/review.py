"""What ``iac plan`` and ``iac show`` add for reviewers: ``--markdown`` for a pull request,
``--policy DIR``, ``--compact``, the destructive changes and the plan's digest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from data_iac.cli.views.output import Output
from data_iac.errors import DataIacError
from data_iac.model.plan import Plan
from data_iac.model.resource import DesiredState
from data_iac.policy.evaluate import Violation

__all__ = [
    "allow_destroy_option",
    "apply_command_line",
    "check_policies_of",
    "enforce_policies",
    "plan_view_options",
    "policy_option",
    "present_plan",
]

F = TypeVar("F", bound=Callable[..., Any])


def plan_view_options(func: F) -> F:
    """``--compact`` and ``--markdown``: how a plan is shown."""
    func = click.option(
        "--markdown",
        is_flag=True,
        help="Print the plan as a pull-request comment (Markdown) instead of text.",
    )(func)
    func = click.option(
        "--compact",
        is_flag=True,
        help="One line per changed attribute, long values shortened (for huge plans).",
    )(func)
    return func


def allow_destroy_option(func: F) -> F:
    return click.option(
        "--allow-destroy",
        is_flag=True,
        help="Approve the plan's deletes, replaces and revoked privileges "
        "(or set IAC_ALLOW_DESTROY to the plan's digest).",
    )(func)


def policy_option(func: F) -> F:
    return click.option(
        "--policy",
        "policy_dir",
        type=click.Path(path_type=Path),
        help="Check the plan against the CEL policy rules in this folder (deny fails: exit 1).",
    )(func)


def present_plan(
    out: Output,
    plan: Plan,
    *,
    compact: bool = False,
    markdown: bool = False,
    violations: Sequence[Violation] = (),
) -> None:
    """The plan as JSON, Markdown or text, with the approval lines a reviewer needs and the
    policy violations (on stderr in text form, so stdout keeps only the plan)."""
    if out.json_mode:
        from data_iac.review.gates import destructive_changes, plan_digest

        data = plan.to_json()
        found = destructive_changes(plan)
        # Only a destructive plan needs approving: the digest costs a second serialisation.
        data["digest"] = plan_digest(plan) if found else None
        data["destructive"] = [d.describe() for d in found]
        data["policy"] = [v.to_json() for v in violations]
        out.json(data)
        return
    if markdown:
        from data_iac.cli.views.plan_markdown import render_markdown

        out.lines((line, "") for line in render_markdown(plan, violations).splitlines())
        return
    from data_iac.cli.flow import show_plan
    from data_iac.cli.views.review import approval_lines, policy_lines

    show_plan(out, plan, compact=compact)
    out.lines(approval_lines(plan))
    if violations:
        out.lines(policy_lines(violations), stderr=True)


def check_policies_of(
    plan: Plan, desired: DesiredState, policy_dir: Path | None
) -> list[Violation]:
    """The violations of the policies in ``policy_dir`` (none when no folder is given)."""
    if policy_dir is None:
        return []
    from data_iac.policy import check_policies, load_rules

    return check_policies(load_rules(policy_dir), plan, desired)


def enforce_policies(violations: Sequence[Violation]) -> None:
    """Fail (exit 1) when a deny rule does not hold; warnings only print."""
    if any(v.level == "deny" for v in violations):
        from data_iac.cli.views.review import policy_summary

        raise DataIacError(
            f"{policy_summary(violations)} The plan is refused.",
            hint="fix the resources the deny rules name (or the rules, if they are wrong)",
        )


def apply_command_line(config_path: str, environment: str, emulator: bool, plan_file: str) -> str:
    """The ``iac apply`` command that runs a saved plan, with the options it was made with."""
    import shlex

    words = ["iac", "apply", "-c", config_path]
    if environment != "default":
        words += ["-e", environment]
    if emulator:
        words.append("--emulator")
    return shlex.join([*words, plan_file])
