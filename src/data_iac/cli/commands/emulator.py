"""``iac emulator serve``: both platforms' APIs on one port, for people and demos."""

from __future__ import annotations

from pathlib import Path

import click

from data_iac.emulator import Emulator, EmulatorOptions


@click.group("emulator")
def emulator_group() -> None:
    """Run the local emulator of the Databricks and Dataiku DSS APIs."""


@emulator_group.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@click.option("--data", "data_dir", type=click.Path(file_okay=False), default=".iac/emulator",
              show_default=True, help="Directory the objects persist in.")
@click.option("--api-key", default=None, help="Accept only this DSS API key / Databricks token.")
@click.option("--page-size", default=100, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=0, show_default=True, type=int)
def serve_command(host: str, port: int, data_dir: str, api_key: str | None, page_size: int,
                  seed: int) -> None:
    """Serve until interrupted."""
    options = EmulatorOptions(api_key=api_key, page_size=page_size, seed=seed)
    emulator = Emulator(host=host, port=port, data_dir=Path(data_dir), options=options)
    click.echo(f"data-iac emulator on http://{host}:{port} (data in {data_dir}); Ctrl-C stops it.")
    click.echo(f"  Dataiku:    DKU_DSS_URL=http://{host}:{port}  DKU_API_KEY=<any>")
    click.echo(f"  Databricks: DATABRICKS_HOST=http://{host}:{port}  DATABRICKS_TOKEN=<any>")
    try:
        emulator.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped.")
