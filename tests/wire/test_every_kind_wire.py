"""Every Databricks kind of the workspace-estate example, on the wire: each request the
providers send and each answer the emulator gives is held to the SDK's own map of the REST
API (``sdk_routes``: the method and path each SDK call uses, the JSON keys it sends, the
dataclass it reads the answer into; databricks-sdk 0.162, generated from the platform's
API specification).

Both of the example's providers point at one in-process emulator whose traffic is recorded:
the workspace by token, the account (groups, users, workspace assignments) as the
emulator's deployer service principal over OAuth, as the account API requires.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml

import data_iac
from data_iac.emulator.databricks.tokens import ACCOUNT_HOST_PATH
from data_iac.emulator.http import Request, Response
from data_iac.emulator.server import Emulator
from data_iac.kinds import specs_of
from tests.auth_helpers import account_host, deployer
from tests.wire.sdk_routes import SdkRoute, best_route, unknown_answer_fields, unknown_body_keys
from tests.wire.shapes import mismatches

ESTATE = Path(__file__).resolve().parents[2] / "examples" / "databricks" / "workspace-estate"
Exchange = tuple[Request, Response]


def _on_emulator(stack: dict[str, Any], emulator: Emulator) -> dict[str, Any]:
    """The estate with both providers on ``emulator``: the workspace by token, the account
    as the emulator's deployer service principal (the account API takes OAuth only)."""
    boot = deployer(emulator)
    stack["resources"]["providers"]["databricks.account"] = {
        "host": account_host(emulator),
        "account_id": boot.account_id,
        "client_id": boot.client_id,
        "client_secret": boot.client_secret,
    }
    stack["providers"] = {"databricks": {"host": emulator.url, "token": "dapi-wire"}}
    return stack


def _plan_after_everything_was_deleted_outside(
    emulator: Emulator, stack_file: Path, workdir: Path, count: int
) -> list[str]:
    """Destroy, put the state back, plan: every kind reads its gone objects and plans them
    again, none as a replace or a delete. The error answers those reads got are read again
    (GETs, so replaying is harmless) and held to the shape the SDK's error parser reads;
    returns the problems found."""
    state = next((workdir / ".iac" / "state").rglob("*.json"))
    saved = state.read_bytes()
    with data_iac.load(stack_file, workdir=workdir) as project:
        assert project.destroy().ok
    state.write_bytes(saved)
    emulator.clear_requests()
    with data_iac.load(stack_file, workdir=workdir) as project:
        summary = project.plan().summary()
    # Workspace settings cannot be deleted, only reset: they plan an update.
    assert (summary["replace"], summary["delete"]) == (0, 0)
    assert summary["create"] >= count - 1, summary
    gone = [
        r
        for r in emulator.request_log()
        if r.status >= 400 and r.method == "GET" and r.path.startswith("/api/")
    ]
    assert len(gone) >= 10, [(r.status, r.path) for r in emulator.request_log()]
    problems = []
    for record in gone:
        answer = requests.get(
            emulator.url + record.path,
            params=record.query,
            headers={"Authorization": "Bearer dapi-wire"},
            timeout=10,
        )
        problems += _error_shape(record.path, Response(answer.status_code, answer.json()))
    return problems


def _error_shape(path: str, response: Response) -> list[str]:
    """An error answer in the shape the SDK's error parser reads: ``error_code`` and
    ``message`` (databricks-sdk ``errors/parser.py``), or SCIM's ``detail`` and ``status``."""
    if response.status < 400:
        return []
    shape = (
        {"detail": str, "status": str}
        if "/scim/v2/" in path
        else {"error_code": str, "message": str}
    )
    return [f"{response.status} {path}: {p}" for p in mismatches(response.body, shape)]


def _scorer(body: Any, answer: Any) -> Callable[[SdkRoute], int]:
    """How badly a route fits the exchange: the keys it would not know."""

    def score(route: SdkRoute) -> int:
        return len(unknown_body_keys(body, route)) + len(unknown_answer_fields(answer, route))

    return score


@pytest.fixture
def traffic(emulator: Emulator) -> Iterator[list[Exchange]]:
    seen: list[Exchange] = []

    def record(request: Request, route: Any, response: Response) -> None:
        seen.append((request, response))

    emulator.hooks.after.append(record)
    yield seen


@pytest.mark.slow
def test_every_estate_request_and_answer_is_one_the_sdk_knows(
    emulator: Emulator, traffic: list[Exchange], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_CONFIG_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    shutil.copytree(ESTATE, tmp_path / "estate")
    stack_file = tmp_path / "estate" / "stack.yaml"
    stack = _on_emulator(yaml.safe_load(stack_file.read_text()), emulator)
    stack_file.write_text(yaml.safe_dump(stack, sort_keys=False))
    with data_iac.load(stack_file, workdir=tmp_path) as project:
        result = project.apply()
    not_done = [(str(o.address), o.message) for o in result.outcomes if o.status != "done"]
    assert not_done == []
    kinds = {o.address.kind for o in result.outcomes}
    assert len(kinds) >= 30, sorted(kinds)
    gone_problems = _plan_after_everything_was_deleted_outside(
        emulator, stack_file, tmp_path, len(result.outcomes)
    )
    assert not gone_problems, "\n".join(gone_problems)

    problems, unmatched, sent_bodies = [], set(), 0
    for request, response in traffic:
        path = request.path.removeprefix(ACCOUNT_HOST_PATH)
        if not path.startswith("/api/"):
            continue
        problems += _error_shape(path, response)
        body = request.json() if request.method in ("POST", "PUT", "PATCH") else None
        answer = response.body if response.status == 200 else None
        route = best_route(request.method, path, _scorer(body, answer))
        if route is None:
            unmatched.add(f"{request.method} {request.path}")
            continue
        sent_bodies += body is not None
        for problem in unknown_body_keys(body, route) + unknown_answer_fields(answer, route):
            problems.append(f"{request.method} {request.path} ({route.name}) {problem}")
    assert not unmatched, "\n".join(sorted(unmatched))
    assert not problems, "\n".join(problems)
    assert sent_bodies >= len(kinds)  # every kind sent at least one body that was checked
    assert {s.kind for s in specs_of("databricks")} >= kinds
