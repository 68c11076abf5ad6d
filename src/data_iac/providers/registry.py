"""Kind name -> schema and handler, across platforms. Platform SDKs are imported lazily."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from typing import Any

from data_iac.providers.base import KindSchema, ResourceHandler

__all__ = ["PLATFORMS", "all_schemas", "kind_schema", "make_handlers"]

# Each platform package exports SCHEMAS (pure) and make_handlers(settings) (imports its SDK).
PLATFORMS: tuple[str, ...] = ("dataiku", "databricks")


def _platform_module(platform: str) -> Any:
    return importlib.import_module(f"data_iac.providers.{platform}")


@cache
def all_schemas() -> Mapping[str, KindSchema]:
    """Every known kind's schema, keyed by kind name."""
    schemas: dict[str, KindSchema] = {}
    for platform in PLATFORMS:
        module = _platform_module(platform)
        schemas.update(getattr(module, "SCHEMAS", {}))
    return schemas


def kind_schema(kind: str) -> KindSchema:
    """The schema of ``kind``; an unknown kind gets an empty schema (every field managed)."""
    return all_schemas().get(kind) or KindSchema(kind=kind)


def make_handlers(platform: str, settings: Mapping[str, Any]) -> Mapping[str, ResourceHandler]:
    """Connect to one platform and return a handler per kind it serves."""
    handlers: Mapping[str, ResourceHandler] = _platform_module(platform).make_handlers(settings)
    return handlers
