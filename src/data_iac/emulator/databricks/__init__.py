"""The Databricks workspace API: Unity Catalog, jobs, pipelines, workspace, compute, SQL,
SCIM, secrets and permissions. Each family lives in its own module exporting
``routes(ctx: DatabricksContext) -> list[Route]``."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from functools import partial

from data_iac.emulator.databricks.common import DatabricksContext, DatabricksService
from data_iac.emulator.server import EmulatorOptions
from data_iac.emulator.store import Store

__all__ = ["ROUTE_MODULES", "make_service", "service_for"]

ROUTE_MODULES: tuple[str, ...] = (
    "wellknown",
    "oidc",
    "account",
    "uc",
    "workspace",
    "secrets",
    "jobs",
    "pipelines",
    "clusters",
    "policies",
    "warehouses",
    "scim",
    "permissions",
    "dbfs",
)


def make_service(store: Store, options: EmulatorOptions) -> DatabricksService:
    """The whole Databricks service: every family in ``ROUTE_MODULES``."""
    return _service(store, options, ROUTE_MODULES)


def service_for(*families: str) -> Callable[[Store, EmulatorOptions], DatabricksService]:
    """A service factory (as ``Emulator(services=[...])`` takes) serving only ``families``,
    for tests that cover some families and must not depend on the others."""
    return partial(_service, families=families)


def _service(store: Store, options: EmulatorOptions, families: Sequence[str]) -> DatabricksService:
    ctx = DatabricksContext(store, options)
    routes = []
    for name in families:
        try:
            module = importlib.import_module(f"data_iac.emulator.databricks.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"data_iac.emulator.databricks.{name}":
                raise
            continue  # a family not written yet
        routes.extend(module.routes(ctx))
    return DatabricksService(ctx, routes)
