"""Every kind of the registry, both platforms, on the resource of that kind with the fewest
dependencies in the corpora (``kind_matrix``): its apply killed with SIGKILL after each of
its mutating requests, and each of those requests answered 503 after it was applied or cut
off (dropped connection). Every time, the next apply (or the same apply, for a fault)
succeeds, the platforms hold exactly what a clean apply makes (no duplicate, no orphan:
every emulator table holds as many documents), and the plan after it is empty.

The full sweep over a mixed config of every kind is ``benchmarks/crash_sweep.py``.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from data_iac.apply.recovery import AddressLocator, NaturalIdHandler, natural_id_from_identity
from data_iac.emulator.faults import FaultRule
from data_iac.emulator.http import Request
from data_iac.emulator.server import Emulator, RequestRecord
from data_iac.kinds import spec_of
from tests.apply import forked
from tests.apply.crash_support import SignalAfter
from tests.apply.kind_matrix import (
    CORPORA,
    KindCase,
    case_for,
    env_for,
    handled_kinds,
    iac,
    inventory,
    mutating,
    out_of_band,
)

KINDS = handled_kinds()  # a table SQL made is made out of band first (out_of_band)
CASES = KINDS


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as running:
        yield running


class Bench:
    """One kind's case on the emulator: its dependencies applied once, then restored (store
    and ``.iac``) before every run."""

    def __init__(self, emu: Emulator, workdir: Path, case: KindCase, env: dict[str, str]):
        self.emu, self.workdir, self.case, self.env = emu, workdir, case, env
        shutil.copytree(case.corpus, workdir / "cfg")
        out_of_band(emu)
        self.target = ["-c", "cfg", *case.targets((case.address,))]
        if case.dependencies:
            deps = ["apply", "-c", "cfg", "--auto-approve", *case.targets(case.dependencies)]
            code, output = iac(deps)
            assert code == 0, output
        self.base = json.dumps(emu.store.snapshot())
        if (workdir / ".iac").exists():
            shutil.copytree(workdir / ".iac", workdir / ".iac-base")
        self.restore()
        self.records = self._clean_apply()
        self.wanted = inventory(emu)
        self.assert_converged("clean apply")

    def restore(self) -> None:
        self.emu.store.restore(json.loads(self.base))
        shutil.rmtree(self.workdir / ".iac", ignore_errors=True)
        if (self.workdir / ".iac-base").exists():
            shutil.copytree(self.workdir / ".iac-base", self.workdir / ".iac")
        self.emu.clear_requests()

    def _clean_apply(self) -> list[RequestRecord]:
        code, output = self.apply()
        assert code == 0, output
        records = mutating(self.emu.request_log())
        assert records, f"{self.case.address}: a clean apply sent no mutating request"
        return records

    def route_of(self, record: RequestRecord) -> Any:
        found = self.emu.router.match(record.method, record.path)
        assert found is not None, record
        return found[0]

    def apply(self) -> tuple[int, str]:
        return iac(["apply", *self.target, "--auto-approve"])

    def assert_converged(self, context: object) -> None:
        found: Counter[str] = inventory(self.emu)
        assert found == self.wanted, (context, found - self.wanted, self.wanted - found)
        code, output = iac(["plan", *self.target])
        assert code == 0, (context, output)


@pytest.fixture
def bench(
    emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: Any
) -> Iterator[Bench]:
    kind: str = request.param
    case = case_for(kind)
    assert case is not None, (
        f"{kind} is in none of the crash corpora ({', '.join(str(c) for c in CORPORA)}): "
        "add an object of that kind to tests/apply/corpus"
    )
    emu.reset()
    emu.reset_hooks()
    env = env_for(emu, dict(os.environ))
    for name in [n for n in os.environ if n.startswith(("DATABRICKS_", "DKU_"))]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    yield Bench(emu, tmp_path, case, env)
    emu.reset_hooks()


class KillAfter(SignalAfter):
    """SIGKILL right after the n-th mutating request that is not an OAuth login (the crash
    points ``Bench.records`` lists)."""

    last: RequestRecord | None = None

    def __call__(self, record: RequestRecord) -> None:
        if mutating([record]):
            self.last = record if self.count + 1 == min(self.signals) else self.last
            super().__call__(record)


def test_every_kind_has_a_case_and_an_identity_lookup() -> None:
    """A crashed create is found again by the handler (by address tag or unique name), by a
    natural id the handler derives, or by the record's natural key: never by nothing."""
    from data_iac.providers.databricks.generic import GenericHandler
    from data_iac.providers.registry import handler_class

    missing = []
    for kind in KINDS:
        case = case_for(kind)
        if case is None:
            missing.append(f"{kind}: in no corpus")
            continue
        record = spec_of(kind)
        cls = GenericHandler if record.api is not None else handler_class(record)
        if isinstance(cls, type) and issubclass(cls, AddressLocator | NaturalIdHandler):
            continue
        identity = {f: v for f, v in _spec(case).items() if f in _identity_fields(kind)}
        if spec_of(kind).natural_key(identity) or natural_id_from_identity(kind, identity):
            continue
        missing.append(f"{kind}: no identity lookup")
    assert missing == []


def _identity_fields(kind: str) -> tuple[str, ...]:
    record = spec_of(kind)
    return record.identity or (record.name_field,)


def _spec(case: KindCase) -> dict[str, Any]:
    from data_iac.config import load_config

    return dict(load_config(case.corpus, "default").desired.resources[case.address].spec)


@pytest.mark.slow
@pytest.mark.parametrize("bench", CASES, indirect=True)
def test_killed_after_each_mutating_request_the_next_apply_converges(bench: Bench) -> None:
    for n in range(1, len(bench.records) + 1):
        bench.restore()
        killer = KillAfter(bench.emu, n)
        with killer.installed():
            run = forked.start(bench.workdir, bench.env, ["apply", *bench.target, "--auto-approve"])
            killer.pid = run.pid
            killer.ready.set()
            code, output = run.wait()
        assert killer.sent == 1 and code == -9, (n, code, output)
        assert killer.last is not None, n
        assert bench.route_of(killer.last) is bench.route_of(bench.records[n - 1]), n
        code, output = bench.apply()
        assert code == 0, (n, output)
        bench.assert_converged(n)


@pytest.mark.slow
@pytest.mark.parametrize("bench", CASES, indirect=True)
def test_each_mutating_request_failed_ambiguously_is_adopted_not_repeated(bench: Bench) -> None:
    routes = [bench.route_of(record) for record in bench.records]
    for at, record in enumerate(bench.records):
        offset = routes[:at].count(routes[at])
        for mode in ("after_apply", "drop"):
            bench.restore()
            rule = RouteFault(
                route=routes[at], router=bench.emu.router, method=record.method,
                mode=mode, status=503, count=1, offset=offset,
            )  # fmt: skip
            bench.emu.faults.add(rule)
            code, output = bench.apply()
            bench.emu.faults.clear()
            context = (record.method, record.path, mode)
            assert rule.fired == 1, context
            assert code == 0, (context, output)
            bench.assert_converged(context)


@dataclass(slots=True)
class RouteFault(FaultRule):
    """A fault on the requests one emulator route serves (its path may hold ids that
    differ from run to run: a DSS managed folder's)."""

    route: Any = None
    router: Any = None

    def matches(self, request: Request) -> bool:
        found = self.router.match(request.method, request.path)
        return found is not None and found[0] is self.route
