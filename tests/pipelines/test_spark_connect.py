"""The same YAML on a Spark Connect server: ``iac pipeline run --spark-remote sc://host:port``.

A real Spark Connect server is started from the installed pyspark (its
``sbin/start-connect-server.sh`` and the ``spark-connect_*.jar`` the pyspark wheel ships; no
download), on a free port, in the foreground of a child process; the test waits for the line
the server prints when it listens. The pipeline runs in another child process through the CLI
(a Spark Connect session switches pyspark's process-wide mode, which must not leak into the
classic-session tests). Skipped when the Connect client's packages (``pyspark[connect]``:
pyarrow, grpcio, grpcio-status, googleapis-common-protos, pandas, zstandard), the jar or Java
are missing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import write_laktory_style
from .test_laktory_format import GOLD_DAILY, ROWS, SECTORS, read

pytestmark = [pytest.mark.spark, pytest.mark.slow]

_CLIENT_MODULES = ("pyarrow", "grpc", "grpc_status", "google.rpc", "pandas", "zstandard")


def _pyspark_home() -> Path:
    spec = importlib.util.find_spec("pyspark")
    if spec is None or spec.origin is None:
        pytest.skip("pyspark is not installed")
    home = Path(spec.origin).parent
    missing = [m for m in _CLIENT_MODULES if importlib.util.find_spec(m.split(".")[0]) is None]
    if missing:
        pytest.skip(f"the Spark Connect client needs {', '.join(missing)} (pyspark[connect])")
    if not list((home / "jars").glob("spark-connect_*.jar")) or shutil.which("java") is None:
        pytest.skip("no Spark Connect server jar in this pyspark, or no Java")
    return home


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def connect_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home, port = _pyspark_home(), _free_port()
    logs = tmp_path_factory.mktemp("connect-logs")
    env = os.environ | {"SPARK_HOME": str(home), "SPARK_LOG_DIR": str(logs)}
    command = [
        str(home / "sbin" / "start-connect-server.sh"),
        "--wait",
        "--master",
        "local[1]",
        "--conf",
        f"spark.connect.grpc.binding.port={port}",
        "--conf",
        "spark.ui.enabled=false",
        "--conf",
        "spark.sql.session.timeZone=UTC",
    ]
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert server.stdout is not None
        seen = []
        for line in server.stdout:  # blocks until the server says it listens, or exits
            seen.append(line)
            if "Spark Connect server started" in line:
                break
        else:
            pytest.fail("the Spark Connect server did not start:\n" + "".join(seen[-20:]))
        # Keep reading its log: a full pipe would block the server mid-query.
        threading.Thread(target=server.stdout.read, daemon=True).start()
        yield f"sc://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=120)


def test_the_laktory_style_pipeline_gives_the_same_tables_over_spark_connect(
    tmp_path: Path, connect_url: str
) -> None:
    write_laktory_style(tmp_path)
    command = [sys.executable, "-m", "data_iac", "pipeline", "run", "-c"]
    command += [str(tmp_path / "pipeline.yaml"), "--engine", "spark"]
    command += ["--spark-remote", connect_url, "--json"]
    done = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    document = json.loads(done.stdout)
    assert document["engine"] == "spark"
    assert {n["node"]: n["rows"] for n in document["nodes"]} == ROWS
    out = tmp_path / "out"
    daily = {
        (r["ticker"], r["day"].replace(tzinfo=None)): (
            r["trades"],
            r["low"],
            r["high"],
            r["notional"],
        )
        for r in read(out / "gld_daily.parquet").iter_rows(named=True)
    }
    assert daily == GOLD_DAILY
    assert set(read(out / "gld_sectors.parquet").iter_rows()) == SECTORS
    quarantine = read(out / "slv_trades_quarantine.parquet")
    assert quarantine.select("ticker", "price").rows() == [("BBB", -1.0)]
