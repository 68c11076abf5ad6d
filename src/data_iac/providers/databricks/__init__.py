"""Databricks provider: handlers through the real ``databricks-sdk``.

A kind's record (``data_iac.kinds.databricks.<kind>``) names its handler: a hand-written
class (``handler="module:Class"``, built as ``Class(client)``) or, for a kind that is plain
create/get/list/update/delete on one SDK service, the generic handler described by the
record's ``api``. Handler modules must not import ``databricks.sdk`` at module level.
A record's ``level`` says where the kind lives: a workspace, the account, or both.

The desired ``spec`` of a kind uses the REST API's own field names (the JSON its create or
update call takes), plus the identity fields of its parent (e.g. ``catalog_name`` for a
schema). The stack loader maps Laktory's spellings to these.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.kinds import specs_of
from data_iac.model.kind import KindSpec
from data_iac.providers.base import ResourceHandler

__all__ = ["SCHEMAS", "handlers_for", "make_handlers"]


def __getattr__(name: str) -> Any:
    if name == "SCHEMAS":  # the workspace kinds' records, by kind
        return {s.kind: s for s in specs_of("databricks") if s.level != "account"}
    raise AttributeError(name)


def handlers_for(client: Any, specs: list[KindSpec] | None = None) -> dict[str, ResourceHandler]:
    """One handler per record of ``specs`` (default: every workspace kind), on ``client``."""
    from data_iac.providers.registry import handler_class

    chosen = specs
    if chosen is None:
        chosen = [s for s in specs_of("databricks") if s.level != "account"]
    handlers: dict[str, ResourceHandler] = {}
    for spec in chosen:
        if spec.handler:
            handlers[spec.kind] = handler_class(spec)(client)
        elif spec.api is not None:
            from data_iac.providers.databricks.generic import GenericHandler

            handlers[spec.kind] = GenericHandler(client, spec)
    return handlers


def make_handlers(settings: Mapping[str, Any]) -> Mapping[str, ResourceHandler]:
    """One handler per kind. ``settings`` are one workspace's (host, token or profile,
    client_id ..., rate_limit), connected now; or ``{"providers": {name: settings}}`` for
    several named providers (``databricks``, ``databricks.ALIAS``, account-level when they
    set ``account_id``), each connected when a resource first needs it (``_routing.py``)."""
    named = settings.get("providers")
    if isinstance(named, Mapping):
        return _routed_handlers(named)
    return _connected_handlers(settings, account=False)


def _connected_handlers(settings: Mapping[str, Any], account: bool) -> dict[str, ResourceHandler]:
    from data_iac.providers.databricks.client import connect, connect_account

    client = connect_account(settings) if account else connect(settings)
    levels = ("account", "both") if account else ("workspace", "both")
    return handlers_for(client, [s for s in specs_of("databricks") if s.level in levels])


def _routed_handlers(named: Mapping[str, Mapping[str, Any]]) -> dict[str, ResourceHandler]:
    from data_iac.providers.databricks._routing import ProviderRouter, RoutedHandler

    router = ProviderRouter(named, _connected_handlers)
    return {s.kind: RoutedHandler(s.kind, s, router) for s in specs_of("databricks")}
