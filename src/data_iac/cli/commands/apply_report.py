"""The end of ``iac apply``: what was done, rolled back, failed and skipped, and why; the
exit code (0 done, 1 failed, 130 interrupted) and the next command to run."""

from __future__ import annotations

from data_iac.apply.result import ApplyResult, OutcomeStatus
from data_iac.cli.views.output import Output
from data_iac.errors import ApplyError, InterruptedByUser

__all__ = ["report"]

_STYLES = {
    OutcomeStatus.DONE: "green",
    OutcomeStatus.ROLLED_BACK: "yellow",
    OutcomeStatus.FAILED: "red",
    OutcomeStatus.SKIPPED: "yellow",
}


def report(out: Output, result: ApplyResult, *, destroy: bool = False) -> None:
    """Print the summary; raise the error that sets the exit code when not everything held."""
    if out.json_mode:
        out.json(result.to_json())
    counts = result.counts()
    added, destroyed = counts["create"] + counts["replace"], counts["delete"] + counts["replace"]
    line = f"{added} added, {counts['update']} changed, {destroyed} destroyed."
    serial = result.final_state.serial
    if result.interrupted:
        out.line(f"Interrupted: in-flight actions finished, no new ones started. {line}", "yellow")
        _details(out, result, (OutcomeStatus.FAILED,))
        raise InterruptedByUser(
            f"apply interrupted; state is saved (serial {serial}) and the lock released",
            hint="run the same command again to finish",
        )
    if result.ok:
        if destroy:
            out.line(f"Destroy complete! Resources: {destroyed} destroyed.", "bold green")
        else:
            out.line(f"Apply complete! Resources: {line}", "bold green")
        return
    _details(out, result, tuple(OutcomeStatus))
    failed = len(result.with_status(OutcomeStatus.FAILED))
    if result.rollback is None:
        out.line(f"Apply failed. Resources: {line}", "bold red")
        raise ApplyError(
            f"{failed} action(s) failed; state records what was done (serial {serial})",
            result,
            hint="fix the cause and run the same command again",
        )
    _rollback_details(out, result)
    if result.rollback.ok:
        raise ApplyError(
            f"{failed} action(s) failed; this apply's changes were rolled back "
            f"(state serial {serial} matches the platforms as they were)",
            result,
            hint="fix the cause and run the same command again",
        )
    raise ApplyError(
        f"{failed} action(s) failed and the rollback did not finish; state records exactly "
        f"what exists now (serial {serial})",
        result,
        hint="run `iac plan` to see what differs from the config, then `iac apply` to "
        "converge once the cause is fixed (or `iac apply --no-rollback` to keep "
        "partial progress)",
    )


def _details(out: Output, result: ApplyResult, statuses: tuple[OutcomeStatus, ...]) -> None:
    for outcome in result.outcomes:
        if outcome.status in statuses and outcome.status is not OutcomeStatus.DONE:
            why = f": {outcome.message}" if outcome.message else ""
            out.line(f"  {outcome.status.value}: {outcome.address}{why}", _STYLES[outcome.status])
    done = result.with_status(OutcomeStatus.DONE)
    if done and OutcomeStatus.DONE in statuses:
        out.line(f"  done: {', '.join(str(o.address) for o in done)}", "green")


def _rollback_details(out: Output, result: ApplyResult) -> None:
    assert result.rollback is not None
    for outcome in result.rollback.outcomes:
        if outcome.status is not OutcomeStatus.DONE:
            why = f": {outcome.message}" if outcome.message else ""
            out.line(
                f"  rollback {outcome.status.value}: {outcome.action.value} {outcome.address}{why}",
                _STYLES[outcome.status],
            )
    verdict = "complete" if result.rollback.ok else "incomplete"
    out.line(
        f"Rollback {verdict}: {len(result.with_status(OutcomeStatus.ROLLED_BACK))} "
        "action(s) undone.",
        "bold yellow" if result.rollback.ok else "bold red",
    )
