"""The I/O an operation needs, opened once: config, state backend, emulator, provider handlers."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_iac.addresses import Address
from data_iac.config import LoadedConfig
from data_iac.emulator import Emulator
from data_iac.errors import ConfigError
from data_iac.model.resource import Observed
from data_iac.model.state import StateSnapshot
from data_iac.operations.loading import load_config
from data_iac.providers.base import ResourceHandler
from data_iac.providers.registry import make_handlers
from data_iac.refresh.bulk import RefreshResult, bulk_refresh
from data_iac.state.backend import ManagedStateBackend
from data_iac.state.factory import open_backend

__all__ = [
    "EMULATOR_DIR",
    "EMULATOR_HOST",
    "Workspace",
    "emulator_settings",
    "open_loaded",
    "open_workspace",
]

EMULATOR_HOST = "emulator"
EMULATOR_DIR = Path(".iac") / "emulator"


@dataclass
class Workspace:
    """One command's view of the world. Handlers connect lazily, per platform."""

    config: LoadedConfig
    backend: ManagedStateBackend
    emulator: Emulator | None
    cwd: Path
    _handlers: dict[str, Mapping[str, ResourceHandler]] = field(default_factory=dict)

    def provider_settings(self, platform: str) -> dict[str, Any]:
        """One platform's connection settings; for Databricks with several named providers
        (``databricks``, ``databricks.ALIAS``) or an account-level one,
        ``{"providers": {name: settings}}`` (``providers/databricks/_routing.py``)."""
        named = _named_providers(self.config.providers, platform)
        named.setdefault(platform, {})  # the default: else from the environment (SDK auth)
        if self.emulator is not None:
            named = {n: emulator_settings(n, s, self.emulator) for n, s in named.items()}
        else:
            for name, settings in named.items():
                _check_resolved(name, settings)
        if set(named) <= {platform} and not any(s.get("account_id") for s in named.values()):
            return dict(named.get(platform, {}))
        return {"providers": named}

    def handlers(self, kinds: set[str]) -> dict[str, ResourceHandler]:
        """A handler for every kind in ``kinds``, connecting to each platform once."""
        found: dict[str, ResourceHandler] = {}
        for platform in sorted({kind.split("_", 1)[0] for kind in kinds}):
            if platform not in self._handlers:
                self._handlers[platform] = make_handlers(platform, self.provider_settings(platform))
            found.update(self._handlers[platform])
        missing = kinds - found.keys()
        if missing and all(k.startswith("databricks_mws_") for k in missing):
            raise ConfigError(
                f"{', '.join(sorted(missing))} is managed through the account console, and "
                "this config has no account provider",
                hint="add one under resources: providers: (databricks.ALIAS with host of the "
                "account console and account_id) and name it in resource_options.provider",
            )
        if missing:
            raise ConfigError(
                f"no provider manages the kind(s) {', '.join(sorted(missing))}",
                hint="this release does not manage that kind yet; remove it from the config",
            )
        return found

    def connect(self, kinds: set[str]) -> None:
        """Connect to every platform ``kinds`` live on now (credentials resolved and checked),
        whether or not anything will be read from it."""
        if kinds:
            self.handlers(kinds)

    def refresh(
        self, state: StateSnapshot, parallelism: int = 16
    ) -> dict[Address, Observed | None]:
        """Every object in state as it is live: one listing per kind and scope, single
        reads only where a listing lacks the managed fields (refresh/bulk.py)."""
        return self.refresh_result(state, parallelism).observed

    def refresh_result(self, state: StateSnapshot, parallelism: int = 16) -> RefreshResult:
        """The bulk refresh of ``state``, with its request counts."""
        if not state.resources:
            return RefreshResult()
        handlers = self.handlers({e.kind for e in state.resources.values()})
        return bulk_refresh(state, handlers, parallelism=parallelism)


def _check_resolved(platform: str, settings: Mapping[str, Any]) -> None:
    """Provider settings are templated leniently (validate needs no credentials); one
    still holding a placeholder cannot connect."""
    for key, value in settings.items():
        if isinstance(value, str) and "${" in value:
            raise ConfigError(
                f"providers.{platform}.{key}: unresolved placeholder {value}",
                hint="define the variable or export it in the environment "
                "(or use --emulator, which needs no connection settings)",
            )


def _named_providers(
    providers: Mapping[str, Mapping[str, Any]], platform: str
) -> dict[str, dict[str, Any]]:
    return {
        name: dict(settings)
        for name, settings in providers.items()
        if name == platform or name.startswith(f"{platform}.")
    }


def emulator_settings(name: str, settings: Mapping[str, Any], emulator: Emulator) -> dict[str, Any]:
    """Where a provider goes on the embedded emulator: DSS with any key, a workspace with a
    personal access token, the account console as the emulator's deployer service principal
    (OAuth M2M: the account console takes OAuth only)."""
    if name.startswith("dataiku"):
        return {"url": emulator.url, "api_key": "emulator"}
    if not settings.get("account_id"):
        return {"host": emulator.url, "token": "emulator"}
    from data_iac.emulator.databricks.control import ensure_deployer
    from data_iac.emulator.databricks.tokens import ACCOUNT_HOST_PATH

    deployer = ensure_deployer(emulator.service("databricks").ctx)  # type: ignore[attr-defined]
    return {
        "host": f"{emulator.url}{ACCOUNT_HOST_PATH}",
        "account_id": deployer.account_id,
        "client_id": deployer.client_id,
        "client_secret": deployer.client_secret,
        "auth_type": "oauth-m2m",
    }


def _wants_emulator(config: LoadedConfig) -> bool:
    for settings in config.providers.values():
        for key in ("host", "url"):
            if str(settings.get(key, "")).strip().lower() == EMULATOR_HOST:
                return True
    return False


@contextmanager
def open_workspace(
    config_path: str | Path, environment: str, *, emulator: bool, cwd: Path | None = None
) -> Iterator[Workspace]:
    """Load the config and open its state backend (and the embedded emulator when asked:
    the flag, or a provider host/url of ``emulator``). ``.iac/`` is under ``cwd`` (default:
    the working directory)."""
    config = load_config(config_path, environment)
    with open_loaded(config, emulator=emulator, cwd=cwd) as ws:
        yield ws


@contextmanager
def open_loaded(
    config: LoadedConfig, *, emulator: bool, cwd: Path | None = None
) -> Iterator[Workspace]:
    """Open the state backend (and the emulator when wanted) of an already loaded config."""
    cwd = Path(os.getcwd()) if cwd is None else Path(cwd)
    use_emulator = emulator or _wants_emulator(config)
    with ExitStack() as stack:
        running: Emulator | None = None
        if use_emulator:
            running = stack.enter_context(Emulator(data_dir=cwd / EMULATOR_DIR))
        backend = open_backend(
            config.backend, config.name, config.environment, emulator=use_emulator, cwd=cwd
        )
        yield Workspace(config, backend, running, cwd)
