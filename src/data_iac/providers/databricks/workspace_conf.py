"""``databricks_workspace_conf`` (kinds/databricks/workspace_conf.py) over
``w.workspace_conf``: read asks for the keys the remote id names; create and update set
the config's keys (and erase the keys the config dropped); delete erases the ``enable*`` and
``enforce*`` keys, as the Terraform provider does."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.workspace_conf import SPEC, as_strings, erased
from data_iac.model.resource import Observed
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["Handler"]

FAMILY = "workspace_conf"


def _keys_of(remote_id: str) -> list[str]:
    return sorted(k for k in remote_id.split(",") if k)


class Handler:
    """Reads and writes the workspace settings a config names; thread safe."""

    schema = SPEC

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        keys = _keys_of(remote_id)
        service = self.client.w.workspace_conf
        found = self.client.call(FAMILY, service.get_status, ",".join(keys), address=str(address))
        values = dict(found or {})
        if all(values.get(k) in (None, "") for k in keys):
            return None  # never set, or erased
        return Observed(remote_id, {"custom_config": {k: values.get(k) for k in keys}})

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        """The settings cannot be listed without naming keys."""
        return iter(())

    def natural_id(self, address: Address, spec: Mapping[str, Any]) -> str | None:
        """The keys it sets, as its id says (recovery reads them after a crash)."""
        config = spec.get("custom_config")
        return ",".join(sorted(config)) if isinstance(config, Mapping) and config else None

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return self._set(address, as_strings(spec)["custom_config"], {})

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        old = observed.attributes.get("custom_config") or {}
        return self._set(address, as_strings(spec)["custom_config"], old)

    def delete(self, address: Address, observed: Observed) -> None:
        config = observed.attributes.get("custom_config") or {}
        contents = {k: erased(v) for k, v in config.items() if k.startswith(("enable", "enforce"))}
        if contents:
            self._send(address, contents)

    def _set(self, address: Address, config: Mapping[str, str], old: Mapping[str, Any]) -> Observed:
        contents = {**{k: erased(v) for k, v in old.items() if k not in config}, **config}
        self._send(address, contents)
        remote_id = ",".join(sorted(config))
        found = self.read(address, remote_id)
        return found or Observed(remote_id, {"custom_config": dict(config)})

    def _send(self, address: Address, contents: Mapping[str, str]) -> None:
        service = self.client.w.workspace_conf
        self.client.call(FAMILY, service.set_status, dict(contents), address=str(address))
