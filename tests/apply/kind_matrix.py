"""The per-kind crash and fault matrices, derived from the kind registry.

For every kind with a handler (``KindSpec.handler`` or ``api``), the case is the resource of
that kind with the fewest dependencies found in the corpora below: the crash corpus under
``tests/apply/corpus`` and the configs that already hold every kind (the shipped
workspace-estate example and the lifecycle fixtures, which other tests require to cover
each Databricks kind). A kind added to the registry and to those configs is in the matrices
without an edit here; a kind in none of them fails its case, naming the configs to extend.

A case is applied in two steps with ``--target``: its dependencies first (they are not what
is tested, and their own kinds have cases), then the resource itself, whose mutating
requests are the crash points and whose distinct (method, path) pairs are the create paths
the faults hit. The emulator's store is snapshotted after the first step, so every crash
point starts from the same platform and state.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from data_iac.addresses import Address
from data_iac.cli.main import main
from data_iac.config import load_config
from data_iac.emulator.server import Emulator, RequestRecord
from data_iac.kinds import all_specs

__all__ = [
    "CORPORA",
    "KindCase",
    "case_for",
    "env_for",
    "handled_kinds",
    "iac",
    "inventory",
    "out_of_band",
]

REPO = Path(__file__).resolve().parents[2]
CORPORA: tuple[Path, ...] = (
    REPO / "tests" / "apply" / "corpus",
    REPO / "tests" / "cli" / "fixtures" / "dbx_kinds_uc",
    REPO / "tests" / "cli" / "fixtures" / "dbx_kinds_ws",
    REPO / "examples" / "databricks" / "workspace-estate",
)
API_KEY = "kind-matrix-key"


def handled_kinds() -> list[str]:
    """Every kind of the registry that objects exist of (a record with a handler)."""
    return sorted(k for k, s in all_specs().items() if s.handler or s.api is not None)


@dataclass(frozen=True)
class KindCase:
    """One kind's case: the corpus it comes from, its address and its dependencies."""

    kind: str
    corpus: Path
    address: Address
    dependencies: tuple[Address, ...]

    def targets(self, what: tuple[Address, ...]) -> list[str]:
        return [word for address in what for word in ("--target", str(address))]


@cache
def _corpus(path: Path) -> dict[Address, frozenset[Address]]:
    """Address -> direct dependencies of one corpus config."""
    loaded = load_config(path, "default")
    return {a: frozenset(r.depends_on) for a, r in loaded.desired.resources.items()}


def _closure(graph: dict[Address, frozenset[Address]], start: Address) -> set[Address]:
    seen: set[Address] = set()
    todo = list(graph.get(start, ()))
    while todo:
        address = todo.pop()
        if address not in seen:
            seen.add(address)
            todo.extend(graph.get(address, ()))
    return seen


def case_for(kind: str) -> KindCase | None:
    """The resource of ``kind`` with the fewest dependencies in the corpora (None: none)."""
    best: tuple[int, int, str, KindCase] | None = None
    for order, corpus in enumerate(CORPORA):
        graph = _corpus(corpus)
        for address in graph:
            if address.kind != kind:
                continue
            deps = _closure(graph, address)
            case = KindCase(kind, corpus, address, tuple(sorted(deps, key=str)))
            rank = (len(deps), order, str(address), case)
            if best is None or rank[:3] < best[:3]:
                best = rank
    return None if best is None else best[3]


def out_of_band(emu: Emulator) -> None:
    """What some kinds adopt rather than create, made the way it is made outside data-iac:
    the table ``oob.raw.orders`` (tables are made by SQL; ``databricks_table`` sets the owner
    and grants of one that exists). Call it on a fresh emulator, before the applies."""
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.config import Config

    from tests.auth_helpers import deployer

    principal = deployer(emu)
    config = Config(
        host=emu.url, client_id=principal.client_id, client_secret=principal.client_secret
    )
    w = WorkspaceClient(config=config)
    w.catalogs.create(name="oob")
    w.schemas.create(name="raw", catalog_name="oob")
    body = {"name": "orders", "catalog_name": "oob", "schema_name": "raw"}
    w.api_client.do("POST", "/api/2.1/unity-catalog/tables", body=body)


def env_for(emu: Emulator, base: dict[str, str]) -> dict[str, str]:
    """``base`` without platform settings, plus the emulator's: DSS by API key, Databricks
    (workspace and account) as the emulator's deployer service principal (OAuth M2M, which
    the account console requires)."""
    from tests.auth_helpers import account_host, deployer

    principal = deployer(emu)
    env = {k: v for k, v in base.items() if not k.startswith(("DATABRICKS_", "DKU_"))}
    env.update(
        DKU_DSS_URL=emu.url,
        DKU_API_KEY=API_KEY,
        DATABRICKS_HOST=emu.url,
        DATABRICKS_CLIENT_ID=principal.client_id,
        DATABRICKS_CLIENT_SECRET=principal.client_secret,
        DATABRICKS_ACCOUNT_HOST=account_host(emu),
        DATABRICKS_ACCOUNT_ID=principal.account_id,
        NO_COLOR="1",
    )
    return env


def iac(args: list[str]) -> tuple[int, str]:
    """``iac ARGS`` in this process (environment and cwd set by the caller)."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            main(args)
        except SystemExit as done:
            return int(done.code or 0), buffer.getvalue()
    return 0, buffer.getvalue()


# Not objects: what the emulator's authentication writes (tokens of each OAuth login), and
# DBFS upload handles (a killed upload leaves one open; the service closes a handle after
# 10 minutes idle: databricks-sdk 0.162 service/files.py, DbfsAPI.create docstring).
_NOT_OBJECTS = ("token", "oauth", "session", "dbfs_handles")


def inventory(emu: Emulator) -> Counter[str]:
    """How many documents each emulator table holds (a duplicate object shows as one
    more), leaving out the tables that hold no objects (``_NOT_OBJECTS``)."""
    tables: dict[str, Any] = emu.store.snapshot()["tables"]
    return Counter(
        {
            name: len(rows)
            for name, rows in tables.items()
            if not any(word in name.lower() for word in _NOT_OBJECTS)
        }
    )


def mutating(records: list[RequestRecord]) -> list[RequestRecord]:
    """The requests that changed something, but for OAuth logins (a token is no object)."""
    return [r for r in records if r.mutating and "/oidc/" not in r.path]


@contextlib.contextmanager
def copied(corpus: Path, workdir: Path) -> Iterator[str]:
    """The corpus copied under ``workdir`` (config path relative to it)."""
    target = workdir / corpus.name
    if not target.exists():
        shutil.copytree(corpus, target)
    yield corpus.name
