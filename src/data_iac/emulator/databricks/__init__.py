"""The Databricks workspace API: Unity Catalog, jobs, pipelines, workspace, compute, SQL,
SCIM, secrets and permissions. Each family lives in its own module exporting
``routes(ctx: DatabricksContext) -> list[Route]``."""

from __future__ import annotations

import importlib

from data_iac.emulator.databricks.common import DatabricksContext, DatabricksService
from data_iac.emulator.server import EmulatorOptions
from data_iac.emulator.store import Store

__all__ = ["make_service"]

ROUTE_MODULES: tuple[str, ...] = (
    "wellknown",
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
)


def make_service(store: Store, options: EmulatorOptions) -> DatabricksService:
    ctx = DatabricksContext(store, options)
    routes = []
    for name in ROUTE_MODULES:
        try:
            module = importlib.import_module(f"data_iac.emulator.databricks.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"data_iac.emulator.databricks.{name}":
                raise
            continue  # a family not written yet
        routes.extend(module.routes(ctx))
    return DatabricksService(ctx, routes)
