"""``iac completion bash|zsh|fish``: the shell script that completes commands, options and
resource addresses (of the config named by ``-c``)."""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem, get_completion_class

__all__ = ["complete_addresses", "completion_command"]


@click.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion_command(shell: str) -> None:
    """Print the completion script of SHELL; source it from the shell's startup file."""
    from data_iac.cli.main import cli

    completer = get_completion_class(shell)
    assert completer is not None  # the three choices are click's built-in shells
    click.echo(completer(cli, {}, "iac", "_IAC_COMPLETE").source())


def complete_addresses(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The addresses of the config given with ``-c`` (and ``-e``), or of nothing: a config
    that does not load completes nothing rather than printing an error into the shell."""
    config_path = ctx.params.get("config_path")
    if not config_path:
        return []
    try:
        from data_iac.operations.loading import load_config

        config = load_config(config_path, ctx.params.get("environment") or "default")
    except Exception:
        return []
    addresses = sorted(str(a) for a in config.desired.resources)
    return [CompletionItem(a) for a in addresses if a.startswith(incomplete)]
