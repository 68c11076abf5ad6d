"""Examples shown at the end of ``iac COMMAND --help`` for the commands whose docstring
does not carry its own: one place, so that every command has one (tests/cli/test_help.py
checks it)."""

from __future__ import annotations

import click

__all__ = ["EXAMPLES", "add_examples_to"]

EXAMPLES: dict[str, tuple[str, ...]] = {
    "refresh": ("iac refresh -c stack.yml", "iac refresh -c stack.yml -e prod --json"),
    "drift": ("iac drift -c stack.yml", "iac drift -c stack.yml --markdown > drift.md"),
    "import": (
        "iac import -c stack.yml databricks_job.nightly 123456",
        "iac import -c project.yml dataiku_dataset.SALES.ORDERS SALES.ORDERS",
    ),
    "generate": (
        "iac generate --project SALES > project.yml",
        "iac generate --kind job --name 'etl-*' -c stack.yml --import",
    ),
    "emulator serve": (
        "iac emulator serve --port 8765",
        "iac emulator serve --latency-ms 20-20 --rate-limit 20",
    ),
    "state list": ("iac state list -c stack.yml", "iac state list -c stack.yml -e prod --json"),
    "state show": ("iac state show -c stack.yml databricks_job.nightly",),
    "state mv": ("iac state mv -c stack.yml databricks_job.old databricks_job.new",),
    "state rm": ("iac state rm -c stack.yml databricks_job.nightly",),
    "state pull": ("iac state pull -c stack.yml > state.json",),
    "state push": ("iac state push -c stack.yml state.json",),
    "state unlock": ("iac state unlock -c stack.yml LOCK_ID",),
    "state migrate": ("iac state migrate -c stack.yml",),
    "pipeline run": (
        "iac pipeline run -c stack.yml",
        "iac pipeline run -c stack.yml --pipeline stock_prices --full-refresh",
    ),
    "completion": (
        "iac completion bash > ~/.local/share/bash-completion/completions/iac",
        "iac completion zsh > ~/.zfunc/_iac",
        "iac completion fish > ~/.config/fish/completions/iac.fish",
    ),
}


def add_examples_to(command: click.Command, path: str) -> None:
    """Set the examples above as the epilog of ``command`` (and of its subcommands) where
    its help has none."""
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            add_examples_to(sub, f"{path} {name}")
        return
    examples = EXAMPLES.get(path)
    if examples and "Example" not in (command.help or ""):
        lines = "\n".join(f"  {example}" for example in examples)
        command.epilog = f"\b\nExamples:\n{lines}"
