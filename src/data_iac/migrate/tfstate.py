"""Terraform state files (format version 4), read into plain values.

The format, as Terraform writes it (``terraform show -json`` documents the same fields)::

    {"version": 4, "terraform_version": "1.7.5", "serial": 12, "lineage": "...",
     "outputs": {...},
     "resources": [
       {"module": "module.lake",            # absent at the root module
        "mode": "managed" | "data",         # data sources are read-only: ignored here
        "type": "databricks_catalog", "name": "finance",
        "provider": "provider[\\"registry.terraform.io/databricks/databricks\\"]",
        "instances": [
          {"index_key": 0 | "key",          # absent without count / for_each
           "schema_version": 0,
           "attributes": {"id": "finance", "name": "finance", ...},
           "sensitive_attributes": [[{"type": "get_attr", "value": "string_value"}]],
           "dependencies": ["databricks_metastore.this"]}]}]}

Terraform keeps sensitive values in clear in ``attributes``; callers must never copy
those values anywhere but into a salted digest.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_iac.errors import StateCorruptError, StateError

__all__ = [
    "TerraformInstance",
    "parse_terraform_state",
    "read_terraform_state",
]

SUPPORTED_VERSION = 4


@dataclass(frozen=True, slots=True)
class TerraformInstance:
    """One instance of one managed Terraform resource."""

    type: str
    name: str
    attributes: Mapping[str, Any]
    module: str = ""
    index_key: int | str | None = None
    sensitive_paths: frozenset[str] = field(default_factory=frozenset)

    @property
    def address(self) -> str:
        """Terraform's own address, e.g. ``module.lake.databricks_catalog.finance["dev"]``."""
        base = f"{self.type}.{self.name}"
        if self.module:
            base = f"{self.module}.{base}"
        if self.index_key is None:
            return base
        if isinstance(self.index_key, int):
            return f"{base}[{self.index_key}]"
        return f'{base}["{self.index_key}"]'

    @property
    def id(self) -> str:
        """The provider's id of the object (``attributes.id``)."""
        return str(self.attributes.get("id") or "")


def read_terraform_state(
    source: str, *, s3_endpoint_url: str | None = None
) -> list[TerraformInstance]:
    """Read a state file from a local path or ``s3://BUCKET/KEY`` and parse it.

    Raises:
        StateError: the file or object cannot be read.
        StateCorruptError: it is not a Terraform state of a supported version.
    """
    if source.startswith("s3://"):
        text = _read_s3(source, s3_endpoint_url)
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise StateError(
                f"no Terraform state at {source}",
                hint="pass the path of terraform.tfstate (or s3://BUCKET/KEY) to --from",
            ) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise StateError(f"cannot read the Terraform state {source}: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StateCorruptError(
            f"{source} is not JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}",
            hint="pass a terraform.tfstate file, as written by Terraform 0.12 or later",
        ) from exc
    return parse_terraform_state(data, origin=source)


def _read_s3(source: str, endpoint_url: str | None) -> str:
    from data_iac.state.s3_client import make_s3_client, s3_calls

    bucket, _, key = source.removeprefix("s3://").partition("/")
    if not bucket or not key:
        raise StateError(f"{source} is not s3://BUCKET/KEY")
    client = make_s3_client(None, endpoint_url, None)
    with s3_calls("read the Terraform state", source):
        body = client.get_object(Bucket=bucket, Key=key)["Body"].read()
    return bytes(body).decode("utf-8")


def parse_terraform_state(data: Any, *, origin: str) -> list[TerraformInstance]:
    """Every instance of every managed resource in a parsed state; data sources are left out.

    Raises:
        StateCorruptError: not a mapping, another format version, or a malformed field
            (named with its position in the file).
    """
    if not isinstance(data, Mapping):
        raise StateCorruptError(f"{origin}: a Terraform state is a JSON object")
    version = data.get("version")
    if version != SUPPORTED_VERSION:
        raise StateCorruptError(
            f"{origin}: Terraform state format version {version!r} is not supported",
            hint="run `terraform state pull` with Terraform 0.12 or later (format version 4)",
        )
    resources = data.get("resources", [])
    if not isinstance(resources, list):
        raise StateCorruptError(f"{origin}: resources must be a list")
    found: list[TerraformInstance] = []
    for position, resource in enumerate(resources):
        found.extend(_instances(resource, f"{origin}: resources[{position}]"))
    return found


def _instances(resource: Any, where: str) -> list[TerraformInstance]:
    if not isinstance(resource, Mapping):
        raise StateCorruptError(f"{where} must be an object")
    if resource.get("mode", "managed") != "managed":
        return []
    kind, name = resource.get("type"), resource.get("name")
    if not isinstance(kind, str) or not isinstance(name, str):
        raise StateCorruptError(f"{where}: type and name must be strings")
    module = resource.get("module", "")
    instances = resource.get("instances", [])
    if not isinstance(module, str) or not isinstance(instances, list):
        raise StateCorruptError(f"{where}: module must be a string and instances a list")
    return [
        _instance(kind, name, module, raw, f"{where}.instances[{index}]")
        for index, raw in enumerate(instances)
    ]


def _instance(kind: str, name: str, module: str, raw: Any, where: str) -> TerraformInstance:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("attributes"), Mapping):
        raise StateCorruptError(f"{where}: an instance is an object with attributes")
    index_key = raw.get("index_key")
    if index_key is not None and not isinstance(index_key, int | str):
        raise StateCorruptError(f"{where}.index_key must be a number or a string")
    return TerraformInstance(
        type=kind,
        name=name,
        attributes=raw["attributes"],
        module=module,
        index_key=index_key,
        sensitive_paths=_sensitive_paths(raw.get("sensitive_attributes", [])),
    )


def _sensitive_paths(paths: Any) -> frozenset[str]:
    """``[[{"type": "get_attr", "value": "string_value"}]]`` -> ``{"string_value"}``."""
    found: set[str] = set()
    if not isinstance(paths, list):
        return frozenset()
    for path in paths:
        if isinstance(path, list):
            steps = [str(step.get("value")) for step in path if isinstance(step, Mapping)]
            if steps:
                found.add(".".join(steps))
    return frozenset(found)
