"""Every Databricks kind of the workspace-estate example, on the wire: each request the
providers send and each answer the emulator gives is held to the SDK's own map of the REST
API (``sdk_routes``: the method and path each SDK call uses, the JSON keys it sends, the
dataclass it reads the answer into; databricks-sdk 0.162, generated from the platform's
API specification).

The example's account-level principals become workspace ones here (the account API wants
OAuth, which other tests cover) and the emulator is told the Unity Catalog principals the
grants name, so the stack applies against one in-process emulator whose traffic is
recorded.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import data_iac
from data_iac.emulator.http import Request, Response
from data_iac.emulator.server import Emulator
from data_iac.kinds import specs_of
from tests.wire.sdk_routes import SdkRoute, best_route, unknown_answer_fields, unknown_body_keys

ESTATE = Path(__file__).resolve().parents[2] / "examples" / "databricks" / "workspace-estate"
Exchange = tuple[Request, Response]


def _workspace_only(stack: dict[str, Any], url: str) -> dict[str, Any]:
    """The estate with its account provider and account-only parts removed."""
    resources = stack["resources"]
    resources.pop("providers", None)
    for section in resources.values():
        for entry in section.values() if isinstance(section, dict) else ():
            if isinstance(entry, dict):
                entry.pop("resource_options", None)
                entry.pop("workspace_permission_assignments", None)
    stack["providers"] = {"databricks": {"host": url, "token": "dapi-wire"}}
    return stack


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
    stack = _workspace_only(yaml.safe_load(stack_file.read_text()), emulator.url)
    stack_file.write_text(yaml.safe_dump(stack, sort_keys=False))
    for principal in ("data-team", "ana@example.com"):
        emulator.store.table("databricks.uc_principals")[principal] = {"type": "group"}
    project = data_iac.load(stack_file, workdir=tmp_path)
    try:
        result = project.apply()
    finally:
        project.close()
    not_done = [(str(o.address), o.message) for o in result.outcomes if o.status != "done"]
    assert not_done == []
    kinds = {o.address.kind for o in result.outcomes}
    assert len(kinds) >= 30, sorted(kinds)

    problems, unmatched, sent_bodies = [], set(), 0
    for request, response in traffic:
        if not request.path.startswith("/api/"):
            continue
        body = request.json() if request.method in ("POST", "PUT", "PATCH") else None
        answer = response.body if response.status == 200 else None
        route = best_route(request.method, request.path, _scorer(body, answer))
        if route is None:
            unmatched.add(f"{request.method} {request.path}")
            continue
        sent_bodies += body is not None
        for problem in unknown_body_keys(body, route) + unknown_answer_fields(answer, route):
            problems.append(f"{request.method} {request.path} ({route.name}) {problem}")
    assert not unmatched, "\n".join(sorted(unmatched))
    assert not problems, "\n".join(problems)
    assert sent_bodies >= len(kinds)  # every kind sent at least one body that was checked
    assert {s.kind for s in specs_of("databricks") if s.level != "account"} >= kinds
