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
    "--require-known-tokens",
    is_flag=True,
    help="Databricks: refuse personal access tokens the emulator did not create "
    "(POST /api/2.0/token/create); OAuth tokens are always checked.",
)
@click.option(
    "--token-lifetime",
    default=3600,
    show_default=True,
    type=click.IntRange(1),
    help="Seconds an issued Databricks OAuth access token lives.",
)
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
    require_known_tokens: bool,
    token_lifetime: int,
    page_size: int,
    seed: int,
    latency_ms: str | None,
    fault_rate: float,
    rate_limit: float | None,
) -> None:
    """Serve until interrupted."""
    options = EmulatorOptions(
        api_key=api_key,
        page_size=page_size,
        seed=seed,
        require_known_tokens=require_known_tokens,
        token_lifetime_seconds=token_lifetime,
    )
    emulator = Emulator(host=host, port=port, data_dir=Path(data_dir), options=options)
    if latency_ms:
        emulator.faults.set_latency(*parse_latency(latency_ms))
    if fault_rate:
        emulator.faults.add_random_faults(fault_rate)
    if rate_limit:
        emulator.faults.limit_rate(rate_limit)
    url = f"http://{host}:{port}"
    click.echo(f"data-iac emulator on {url} (data in {data_dir}); Ctrl-C stops it.")
    for line in how_to_authenticate(emulator, url, require_known_tokens, api_key):
        click.echo(line)
    try:
        emulator.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped.")


def how_to_authenticate(
    emulator: Emulator, url: str, require_known_tokens: bool, api_key: str | None
) -> list[str]:
    """The lines ``serve`` prints: how each platform authenticates against this emulator."""
    from data_iac.emulator.databricks.control import ensure_deployer
    from data_iac.emulator.databricks.tokens import ACCOUNT_HOST_PATH

    deployer = ensure_deployer(emulator.service("databricks").ctx)  # type: ignore[attr-defined]
    dss_key = api_key or "<any>"
    if api_key:
        pat = api_key
    elif require_known_tokens:
        pat = "<a token from POST /api/2.0/token/create>"
    else:
        pat = "<any>"
    oauth = (
        f"DATABRICKS_CLIENT_ID={deployer.client_id}  "
        f"DATABRICKS_CLIENT_SECRET={deployer.client_secret}"
    )
    return [
        f"  Dataiku:               DKU_DSS_URL={url}  DKU_API_KEY={dss_key}",
        f"  Databricks workspace:  DATABRICKS_HOST={url}  DATABRICKS_TOKEN={pat}",
        f"    or OAuth M2M as the deployer service principal: {oauth}",
        f"  Databricks account:    DATABRICKS_HOST={url}{ACCOUNT_HOST_PATH}  "
        f"DATABRICKS_ACCOUNT_ID={deployer.account_id}  (OAuth only: the client id and secret "
        "above)",
        "  (a local test credential of this emulator's store, not a secret of any real account)",
    ]


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
