"""``iac emulator serve``: both platforms' APIs on one port, for people and demos."""

from __future__ import annotations

from pathlib import Path

import click

from data_iac.emulator import Emulator, EmulatorOptions


@click.group("emulator")
def emulator_group() -> None:
    """Run the local emulator of the Databricks and Dataiku DSS APIs."""


@emulator_group.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False),
    default=".iac/emulator",
    show_default=True,
    help="Directory the objects persist in.",
)
@click.option("--api-key", default=None, help="Accept only this DSS API key / Databricks token.")
@click.option(
    "--page-size",
    default=100,
    show_default=True,
    type=click.IntRange(1),
    help="Items per page of every listing.",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of latency and faults.")
@click.option(
    "--latency-ms",
    default=None,
    metavar="A-B",
    help="Delay every request by a seeded draw between A and B ms (or exactly A).",
)
@click.option(
    "--fault-rate",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Share of requests answered with a retryable fault (429; 503 on reads).",
)
@click.option(
    "--rate-limit",
    default=None,
    type=click.FloatRange(min=0.1),
    help="Requests per second per API family before answering 429.",
)
def serve_command(
    host: str,
    port: int,
    data_dir: str,
    api_key: str | None,
    page_size: int,
    seed: int,
    latency_ms: str | None,
    fault_rate: float,
    rate_limit: float | None,
) -> None:
    """Serve until interrupted."""
    options = EmulatorOptions(api_key=api_key, page_size=page_size, seed=seed)
    emulator = Emulator(host=host, port=port, data_dir=Path(data_dir), options=options)
    if latency_ms:
        emulator.faults.set_latency(*parse_latency(latency_ms))
    if fault_rate:
        emulator.faults.add_random_faults(fault_rate)
    if rate_limit:
        emulator.faults.limit_rate(rate_limit)
    click.echo(f"data-iac emulator on http://{host}:{port} (data in {data_dir}); Ctrl-C stops it.")
    click.echo(f"  Dataiku:    DKU_DSS_URL=http://{host}:{port}  DKU_API_KEY=<any>")
    click.echo(f"  Databricks: DATABRICKS_HOST=http://{host}:{port}  DATABRICKS_TOKEN=<any>")
    try:
        emulator.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped.")


def parse_latency(text: str) -> tuple[float, float]:
    """``20-80`` -> (20.0, 80.0); ``50`` -> (50.0, 50.0)."""
    low, _, high = text.partition("-")
    try:
        bounds = (float(low), float(high or low))
    except ValueError as exc:
        raise click.BadParameter(
            f"{text!r} is not a latency like 20-80", param_hint="--latency-ms"
        ) from exc
    if bounds[0] < 0 or bounds[1] < bounds[0]:
        raise click.BadParameter(f"{text!r}: need 0 <= A <= B", param_hint="--latency-ms")
    return bounds
