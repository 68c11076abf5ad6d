"""What plan, apply and destroy share on the terminal: targets parsed, plan shown, confirm.

The workflows themselves (lock, recovery, plan, apply, rollback) are operations/session.py."""

from __future__ import annotations

import sys

import click

from data_iac.addresses import Address
from data_iac.cli.views.output import Output
from data_iac.cli.views.plan_text import render_plan
from data_iac.errors import ConfigError, DataIacError
from data_iac.model.plan import Plan

__all__ = ["confirm", "parse_targets", "show_plan"]


def parse_targets(targets: tuple[str, ...]) -> frozenset[Address]:
    try:
        return frozenset(Address.parse(t) for t in targets)
    except ValueError as exc:
        raise ConfigError(
            str(exc), hint="--target takes an address like dataiku_dataset.KEY.NAME"
        ) from exc


def show_plan(out: Output, plan: Plan, *, compact: bool = False) -> None:
    if out.json_mode:
        out.json(plan.to_json())
    elif compact:
        from data_iac.cli.views.plan_compact import render_compact

        out.lines(render_compact(plan))
    else:
        out.lines(render_plan(plan))


def confirm(out: Output, *, auto_approve: bool, what: str) -> None:
    """Ask for ``yes`` on a terminal; refuse without one unless --auto-approve."""
    if auto_approve:
        return
    if not sys.stdin.isatty():
        raise DataIacError(
            f"refusing to {what} without confirmation: standard input is not a terminal",
            hint="review the plan, then rerun with --auto-approve (or apply a saved plan)",
        )
    out.line()
    answer = click.prompt(
        f"Do you want to {what}? Only 'yes' will be accepted", default="", show_default=False
    )
    if answer.strip() != "yes":
        verb = "Destroy" if what.startswith("destroy") else "Apply"
        raise DataIacError(
            f"{verb} cancelled: the answer was not 'yes'. Nothing was changed.",
            hint="rerun and answer yes to go ahead",
        )
