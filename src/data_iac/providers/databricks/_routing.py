"""Several Databricks providers in one config: ``databricks`` and ``databricks.ALIAS``.

A provider is account-level exactly when its settings set ``account_id`` (as in Laktory's
stacks and the Terraform provider); every other one is a workspace. A resource names its
provider with ``resource_options.provider`` (``${resources.databricks.dev}``); the stack
loader writes that name into the spec as ``provider`` when it is not the default
``databricks``. The handler of each kind here picks the connection by that name:

- ``create``/``update``: the spec's ``provider``;
- ``read``/``delete``: the remote id, which carries ``PROVIDER|`` in front for every
  provider but the default (the same object id means different objects in two workspaces,
  or in a workspace and the account);
- ``list``/``list_markers``: the scope's ``provider`` (``refresh/scopes.py`` puts it there
  from the remote ids in state), else the default provider.

Connections are opened lazily, once per provider, so a plan that touches only the account
never logs in to a workspace.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ConfigError
from data_iac.model.provider_ids import ROUTING_FIELD, scoped_id, split_provider
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema, ResourceHandler

__all__ = [
    "DEFAULT_PROVIDER",
    "ProviderRouter",
    "RoutedHandler",
    "is_account_level",
    "split_remote_id",
]

DEFAULT_PROVIDER = "databricks"


def _level(kind: str) -> str:
    """``workspace``, ``account`` or ``both``: the kind record's ``level``."""
    from data_iac.kinds import spec_of

    return spec_of(kind).level


def is_account_level(settings: Mapping[str, Any]) -> bool:
    return bool(settings.get("account_id"))


def split_remote_id(remote_id: str) -> tuple[str, str]:
    """``"databricks.dev|123"`` -> ``("databricks.dev", "123")``; no prefix: the default."""
    provider, inner = split_provider(remote_id)
    return provider or DEFAULT_PROVIDER, inner


def _scoped(provider: str, remote_id: str) -> str:
    return scoped_id(None if provider == DEFAULT_PROVIDER else provider, remote_id)


HandlerFactory = Callable[[str, Mapping[str, Any]], ResourceHandler]


class ProviderRouter:
    """The named providers' settings and, lazily, one set of handlers per provider."""

    def __init__(
        self,
        providers: Mapping[str, Mapping[str, Any]],
        build: Callable[[Mapping[str, Any], bool], Mapping[str, ResourceHandler]],
    ) -> None:
        self.providers = {name: dict(s) for name, s in providers.items()}
        self._build = build
        self._handlers: dict[str, Mapping[str, ResourceHandler]] = {}
        self._lock = threading.Lock()

    def handler(self, provider: str, kind: str, address: Address) -> ResourceHandler:
        settings = self.providers.get(provider)
        if settings is None:
            known = ", ".join(sorted(self.providers)) or "none"
            raise ConfigError(
                f"{address}: provider '{provider}' is not configured (configured: {known})",
                hint="add it under resources.providers, or fix resource_options.provider",
            )
        account = is_account_level(settings)
        level = _level(kind)
        if account and level == "workspace":
            raise ConfigError(
                f"{address}: provider '{provider}' is account-level (it sets account_id), "
                f"and {kind} is a workspace object",
                hint="set resource_options.provider: ${resources.databricks.ALIAS} to a "
                "workspace provider (one without account_id)",
            )
        if not account and level == "account":
            raise ConfigError(
                f"{address}: {kind} is managed through the account console, but provider "
                f"'{provider}' is a workspace",
                hint="add an account provider (host of the account console and account_id)",
            )
        with self._lock:
            if provider not in self._handlers:
                self._handlers[provider] = self._build(settings, account)
        return self._handlers[provider][kind]


class RoutedHandler:
    """One kind's handler over every provider; see the module docstring."""

    def __init__(self, kind: str, schema: KindSchema, router: ProviderRouter) -> None:
        self.kind = kind
        self.schema = replace(schema, immutable=schema.immutable | {ROUTING_FIELD})
        self._router = router

    def _pick(self, provider: str, address: Address) -> ResourceHandler:
        return self._router.handler(provider, self.kind, address)

    def read(self, address: Address, remote_id: str) -> Observed | None:
        provider, inner = split_remote_id(remote_id)
        found = self._pick(provider, address).read(address, inner)
        return None if found is None else _stamped(found, provider)

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        provider, inner = _scope(scope)
        if provider not in self._router.providers:
            return []
        listed = self._pick(provider, Address(self.kind, "*")).list(inner)
        return [(address, _stamped(observed, provider)) for address, observed in listed]

    def list_markers(self, scope: Mapping[str, Any]) -> Iterable[tuple[str, str | None]]:
        provider, inner = _scope(scope)
        handler: Any = self._pick(provider, Address(self.kind, "*"))
        return [(_scoped(provider, i), m) for i, m in handler.list_markers(inner)]

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        provider, inner = _unwrap(spec)
        return _stamped(self._pick(provider, address).create(address, inner), provider)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        provider, inner = _unwrap(spec)
        local = _unstamped(observed)
        updated = self._pick(provider, address).update(address, local, inner)
        return _stamped(updated, provider)

    def delete(self, address: Address, observed: Observed) -> None:
        provider, _ = split_remote_id(observed.remote_id)
        self._pick(provider, address).delete(address, _unstamped(observed))

    def __getattr__(self, name: str) -> Any:
        if name in _RECOVERY:
            return self._recovery(name)
        # Kind-specific helpers (e.g. a notebook's content) go to the default provider;
        # none when it cannot serve this kind (an account kind, a workspace default).
        try:
            default = self._pick(DEFAULT_PROVIDER, Address(self.kind, "*"))
        except ConfigError:
            raise AttributeError(name) from None
        return getattr(default, name)

    def _recovery(self, name: str) -> Any:
        """Recovery's lookup ``name`` (``find_by_address``, ``natural_id``), when this kind's
        handler has it, on the provider the intent's identity names (``via_provider``)."""
        usable = [p for p, s in self._router.providers.items() if _serves(s, self.kind)]
        if not usable:
            raise AttributeError(name)
        getattr(self._pick(usable[0], Address(self.kind, "*")), name)  # AttributeError: none

        def lookup(address: Address, spec: Mapping[str, Any] | None = None) -> Any:
            provider, inner = _unwrap(spec or {})
            found = getattr(self._pick(provider, address), name)(address, inner)
            if found is None or isinstance(found, Observed):
                return None if found is None else _stamped(found, provider)
            return _scoped(provider, str(found))

        return lookup


_RECOVERY = frozenset({"find_by_address", "natural_id"})


def _serves(settings: Mapping[str, Any], kind: str) -> bool:
    """Whether a provider of these settings manages ``kind`` (account or workspace level)."""
    level = _level(kind)
    return level == "both" or (level == "account") == is_account_level(settings)


def _scope(scope: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    inner = {k: v for k, v in scope.items() if k != ROUTING_FIELD}
    return str(scope.get(ROUTING_FIELD) or DEFAULT_PROVIDER), inner


def _unwrap(spec: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    inner = {k: v for k, v in spec.items() if k != ROUTING_FIELD}
    return str(spec.get(ROUTING_FIELD) or DEFAULT_PROVIDER), inner


def _stamped(observed: Observed, provider: str) -> Observed:
    if provider == DEFAULT_PROVIDER:
        return observed
    attributes = {**observed.attributes, ROUTING_FIELD: provider}
    return replace(observed, remote_id=_scoped(provider, observed.remote_id), attributes=attributes)


def _unstamped(observed: Observed) -> Observed:
    _, inner = split_remote_id(observed.remote_id)
    attributes = {k: v for k, v in observed.attributes.items() if k != ROUTING_FIELD}
    return replace(observed, remote_id=inner, attributes=attributes)
