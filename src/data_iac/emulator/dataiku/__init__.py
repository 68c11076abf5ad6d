"""The Dataiku DSS public API (``/dip/publicapi``): projects, datasets, recipes, scenarios,
managed folders, flow zones, git remotes, rename actions, wikis, and the admin's code envs
and connections. Each family lives in its own module exporting
``routes(ctx: DssContext) -> list[Route]``; objects live in the store's ``dataiku.*``
tables."""

from __future__ import annotations

from data_iac.emulator.dataiku import (
    actions,
    code_envs,
    connections,
    datasets,
    folders,
    git,
    projects,
    recipes,
    scenarios,
    wikis,
    zones,
)
from data_iac.emulator.dataiku.common import DssContext, DssService
from data_iac.emulator.http import Route
from data_iac.emulator.server import EmulatorOptions
from data_iac.emulator.store import Store

__all__ = ["make_service"]

ROUTE_MODULES = (
    projects, git, datasets, recipes, scenarios, folders, zones, actions, wikis, code_envs,
    connections,
)  # fmt: skip


def make_service(store: Store, options: EmulatorOptions) -> DssService:
    """The DSS service the emulator mounts at ``/dip/publicapi/`` (and ``/public/api/``)."""
    ctx = DssContext(store, options)
    routes: list[Route] = []
    for module in ROUTE_MODULES:
        routes.extend(module.routes(ctx))
    return DssService(ctx, routes)
