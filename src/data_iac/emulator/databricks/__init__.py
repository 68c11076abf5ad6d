"""The Databricks workspace API: Unity Catalog, jobs, pipelines, workspace, compute, SQL,
SCIM, secrets, permissions and the kinds served by a generic ``Collection``. Each family
lives in its own module exporting ``routes(ctx: DatabricksContext) -> list[Route]``: the
hand-written families are listed in ``HAND_WRITTEN`` (in matching order), and every module
declaring a ``COLLECTION`` (or ``FAMILY = True``, a small hand-written family of one kind)
is found on its own, so adding a kind adds no line here."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from functools import cache, partial

from data_iac.emulator.databricks.common import DatabricksContext, DatabricksService
from data_iac.emulator.http import Route
from data_iac.emulator.server import EmulatorOptions
from data_iac.emulator.store import Store

__all__ = ["RouteFactory", "make_service", "route_modules", "service_for", "service_with"]

RouteFactory = Callable[[DatabricksContext], list[Route]]


HAND_WRITTEN: tuple[str, ...] = (
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


@cache
def route_modules() -> tuple[str, ...]:
    """The hand-written families, then every module declaring a ``COLLECTION`` or
    ``FAMILY``."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name in HAND_WRITTEN or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if getattr(module, "COLLECTION", None) is not None or getattr(module, "FAMILY", False):
            found.append(info.name)
    return (*HAND_WRITTEN, *found)


def make_service(store: Store, options: EmulatorOptions) -> DatabricksService:
    """The whole Databricks service: every family in ``route_modules()``."""
    return _service(store, options, route_modules())


def service_with(*extra: RouteFactory) -> Callable[[Store, EmulatorOptions], DatabricksService]:
    """A service factory serving every family plus ``extra`` routes (a test's own kind)."""
    return partial(_service, families=route_modules(), extra=extra)


def service_for(*families: str) -> Callable[[Store, EmulatorOptions], DatabricksService]:
    """A service factory (as ``Emulator(services=[...])`` takes) serving only ``families``,
    for tests that cover some families and must not depend on the others."""
    return partial(_service, families=families)


def _service(
    store: Store,
    options: EmulatorOptions,
    families: Sequence[str],
    extra: Sequence[RouteFactory] = (),
) -> DatabricksService:
    ctx = DatabricksContext(store, options)
    routes = [route for factory in extra for route in factory(ctx)]
    for name in families:
        try:
            module = importlib.import_module(f"data_iac.emulator.databricks.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"data_iac.emulator.databricks.{name}":
                raise
            continue  # a family not written yet
        routes.extend(module.routes(ctx))
    return DatabricksService(ctx, routes)
