"""Kind name -> record and handler, across platforms. Platform SDKs are imported lazily.

The records come from ``data_iac.kinds`` (one module per kind); this module only connects a
platform and builds the handler each record names.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from data_iac.kinds import PLATFORMS, all_specs, spec_of
from data_iac.model.kind import KindSpec
from data_iac.providers.base import ResourceHandler

__all__ = ["PLATFORMS", "all_schemas", "handler_class", "kind_schema", "make_handlers"]


def all_schemas() -> Mapping[str, KindSpec]:
    """Every known kind's record, keyed by kind name."""
    return all_specs()


def kind_schema(kind: str) -> KindSpec:
    """The record of ``kind``; an unknown kind gets an empty one (every field managed)."""
    return spec_of(kind)


def handler_class(spec: KindSpec) -> Any:
    """The class a record's ``handler`` (``module:Class``) names, imported now."""
    module, _, name = spec.handler.partition(":")
    return getattr(importlib.import_module(module), name)


def make_handlers(platform: str, settings: Mapping[str, Any]) -> Mapping[str, ResourceHandler]:
    """Connect to one platform and return a handler per kind it serves."""
    module = importlib.import_module(f"data_iac.providers.{platform}")
    handlers: Mapping[str, ResourceHandler] = module.make_handlers(settings)
    return handlers
