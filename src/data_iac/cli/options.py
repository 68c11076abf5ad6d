"""Options shared by every subcommand (DESIGN.md section 1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["common_options", "config_options", "lock_options", "parse_duration"]

F = TypeVar("F", bound=Callable[..., Any])


def common_options(func: F) -> F:
    """``--json``, ``--no-color`` and ``--debug``: options of every subcommand."""
    func = click.option("--debug", is_flag=True, help="Show tracebacks of errors.")(func)
    func = click.option("--no-color", is_flag=True, help="Plain text, no colours.")(func)
    func = click.option("--json", "json_mode", is_flag=True, help="Machine-readable output.")(func)
    return func


def _allow_paths(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> None:
    from data_iac.config.confine import allow_paths

    allow_paths(value)


def config_options(func: F) -> F:
    """``-c CONFIG``, ``-e ENV``, ``--emulator`` and ``--allow-path``, plus the common
    options."""
    func = click.option(
        "--allow-path",
        multiple=True,
        metavar="DIR",
        expose_value=False,
        callback=_allow_paths,
        help="Also allow the config to read local files under DIR (repeatable; beside "
        "IAC_ALLOW_PATHS). By default only files under the project root may be read.",
    )(func)
    func = click.option(
        "--emulator",
        is_flag=True,
        help="Send every provider to the embedded emulator (state under .iac/emulator/).",
    )(func)
    func = click.option(
        "-e",
        "--env",
        "environment",
        default="default",
        show_default=True,
        help="Environment to select.",
    )(func)
    func = click.option(
        "-c",
        "--config",
        "config_path",
        required=True,
        type=click.Path(),
        help="Config file or directory.",
    )(func)
    return common_options(func)


def parse_duration(text: str) -> float:
    """``60s``, ``5m``, ``1h`` or a bare number of seconds -> seconds."""
    units = {"s": 1.0, "m": 60.0, "h": 3600.0}
    text = text.strip().lower()
    try:
        if text and text[-1] in units:
            return float(text[:-1]) * units[text[-1]]
        return float(text)
    except ValueError as exc:
        raise click.BadParameter(f"{text!r} is not a duration like 60s, 5m or 1h") from exc


def lock_options(func: F) -> F:
    """``--lock-timeout`` and ``--force-lock`` for commands that take the state lock."""
    func = click.option(
        "--force-lock",
        is_flag=True,
        help="Take over a lock whose lease has expired (a crashed run's).",
    )(func)
    func = click.option(
        "--lock-timeout",
        default="0s",
        show_default=True,
        help="Wait this long for a held lock (e.g. 60s), retrying with backoff.",
    )(func)
    return func
