"""Where a configuration's state lives: the backend settings -> a ready backend.

Promises:
- a real target's local state is ``<cwd>/.iac/state/<config name>/<env>.json``;
- anything applied to the embedded emulator keeps its state under ``<cwd>/.iac/emulator/``
  and is always local, whatever the config says, so a sandbox never touches a real state;
- an unknown backend type or a missing setting is a ConfigError naming the setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from data_iac.errors import ConfigError
from data_iac.state.backend import ManagedStateBackend
from data_iac.state.local import LocalBackend

__all__ = ["DEFAULT_S3_KEY", "open_backend", "s3_key", "state_path"]

DEFAULT_S3_KEY = "data-iac/{name}/{env}.json"
_S3_SETTINGS = {"type", "bucket", "key", "region", "endpoint_url", "profile"}


def state_path(config_name: str, environment: str, *, emulator: bool, cwd: Path) -> Path:
    """The local state file of ``config_name`` in ``environment``."""
    root = cwd / ".iac" / "emulator" / "state" if emulator else cwd / ".iac" / "state"
    return root / config_name / f"{environment}.json"


def open_backend(
    settings: Mapping[str, Any],
    config_name: str,
    environment: str,
    *,
    emulator: bool,
    cwd: Path,
) -> ManagedStateBackend:
    """The backend ``settings`` (``LoadedConfig.backend``) describe, for one environment.

    ``{"type": "local", "path"?: FILE}`` (the default, also when settings are empty) or
    ``{"type": "s3", "bucket": ..., "key": ..., "region": ..., "endpoint_url": ...,
    "profile": ...}``; ``path`` and ``key`` may contain ``{env}`` and ``{name}``.
    """
    kind = str(settings.get("type", "local"))
    path = settings.get("path")
    if kind == "local" and isinstance(path, str) and path and not emulator:
        # ``path`` is the state file (the seed tool's --state-file); {env} and {name} work.
        return LocalBackend(cwd / s3_key(path, config_name, environment))
    if emulator or kind == "local":
        return LocalBackend(state_path(config_name, environment, emulator=emulator, cwd=cwd))
    if kind == "s3":
        return _open_s3(settings, config_name, environment)
    raise ConfigError(
        f"unknown state backend type {kind!r}",
        path="backend.type",
        hint="use `local` (the default) or `s3`",
    )


def s3_key(template: str, config_name: str, environment: str) -> str:
    """The object key with ``{env}`` and ``{name}`` filled in."""
    return template.replace("{env}", environment).replace("{name}", config_name)


def _open_s3(
    settings: Mapping[str, Any], config_name: str, environment: str
) -> ManagedStateBackend:
    from data_iac.state.s3 import S3Backend

    unknown = sorted(set(settings) - _S3_SETTINGS)
    if unknown:
        raise ConfigError(
            f"unknown s3 backend setting {unknown[0]!r}",
            path=f"backend.{unknown[0]}",
            hint=f"allowed: {', '.join(sorted(_S3_SETTINGS))}",
        )
    bucket = settings.get("bucket")
    if not bucket:
        raise ConfigError(
            "the s3 state backend needs a bucket",
            path="backend.bucket",
            hint="add `bucket: my-bucket` under `backend:`",
        )
    key = s3_key(str(settings.get("key") or DEFAULT_S3_KEY), config_name, environment)
    return S3Backend(
        str(bucket),
        key,
        region=_optional(settings, "region"),
        endpoint_url=_optional(settings, "endpoint_url"),
        profile=_optional(settings, "profile"),
    )


def _optional(settings: Mapping[str, Any], name: str) -> str | None:
    value = settings.get(name)
    return None if value in (None, "") else str(value)
