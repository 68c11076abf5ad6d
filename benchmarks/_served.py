"""`iac emulator serve` in a child process, as a benchmark's platform: its URL, the OAuth
credentials it prints, and its control plane (latency, rate limit, request log)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _harness import env_with_src


@dataclass
class Served:
    """A running emulator."""

    url: str
    client_id: str
    client_secret: str
    account_id: str

    def control(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}/__emu/{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.loads(answer.read() or b"null")

    def set_latency(self, low_ms: float, high_ms: float) -> None:
        self.control("POST", "faults", {"latency_ms": [low_ms, high_ms]})

    def limit_rate(self, rps: float) -> None:
        self.control("POST", "faults", {"rate_limit": {"rate": rps}})

    def clear_faults(self) -> None:
        self.control("DELETE", "faults")

    def clear_requests(self) -> None:
        self.control("DELETE", "requests")

    def requests(self) -> list[dict[str, Any]]:
        """The API requests served since the last clear (control requests left out)."""
        return [r for r in self.control("GET", "requests") if not r["path"].startswith("/__emu")]

    def first_request_watch(self) -> FirstRequest:
        """Start watching for the first API request (polled every 0.2 s in a thread)."""
        return FirstRequest(self)

    def env(self) -> dict[str, str]:
        """The environment an `iac` process needs to reach this emulator (OAuth M2M as the
        emulator's deployer, for the workspace and the account)."""
        env = {k: v for k, v in env_with_src().items() if not k.startswith("DATABRICKS_")}
        env["DATABRICKS_CLIENT_ID"] = self.client_id
        env["DATABRICKS_CLIENT_SECRET"] = self.client_secret
        return env


class FirstRequest:
    """When the emulator served its first API request, seen from this process (to 0.2 s):
    a wall time from then excludes the CLI's start-up, config load and connection."""

    def __init__(self, emu: Served) -> None:
        self.emu = emu
        self.seen_at: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            described = self.emu.control("GET", "requests")
            if any(not r["path"].startswith("/__emu") for r in described):
                self.seen_at = time.perf_counter()
                return
            self._stop.wait(0.2)

    def stop(self) -> float | None:
        self._stop.set()
        self._thread.join()
        return self.seen_at


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(workdir: Path) -> Iterator[Served]:
    """`iac emulator serve` on a free port, its data under ``workdir``, until the block ends."""
    port = _free_port()
    env = {k: v for k, v in env_with_src().items() if not k.startswith("DATABRICKS_")}
    command = [sys.executable, "-m", "data_iac", "emulator", "serve", "--port", str(port)]
    command += ["--data", str(workdir / "emulator-data")]
    process = subprocess.Popen(
        command, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    try:
        assert process.stdout is not None
        text = "".join(process.stdout.readline() for _ in range(6))
        found = {
            name: re.search(rf"{name}=(\S+)", text)
            for name in (
                "DATABRICKS_CLIENT_ID",
                "DATABRICKS_CLIENT_SECRET",
                "DATABRICKS_ACCOUNT_ID",
            )
        }
        if not all(found.values()):
            raise SystemExit(f"iac emulator serve printed:\n{text}")
        url = f"http://127.0.0.1:{port}"
        _wait_for(port)
        yield Served(url, *(m.group(1) for m in found.values() if m))
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(port: int) -> None:
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"the emulator never listened on port {port}")


def by_route(requests: list[dict[str, Any]]) -> Counter[str]:
    """Requests counted by method and path, ids and names folded into ``*``."""
    counts: Counter[str] = Counter()
    for r in requests:
        path = re.sub(r"/[0-9a-f-]{8,}(?=/|$)|/\d+(?=/|$)", "/*", r["path"])
        path = re.sub(r"(grants|permissions)/([a-z_-]+)/[^/]+", r"\1/\2/*", path)
        path = re.sub(r"(catalogs|schemas|volumes|scopes)/[^/]+", r"\1/*", path)
        counts[f"{r['method']} {path}"] += 1
    return counts


__all__ = ["Served", "by_route", "served"]
