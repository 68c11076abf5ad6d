"""Where a Laktory project keeps its stack and its Terraform state, for one environment.

Laktory runs Terraform in the stack's directory (its ``CACHE_ROOT``, ``./`` in 0.13; older
releases used ``./.laktory/``), so without a backend the state is ``terraform.tfstate``
there. A ``terraform: backend:`` block in the stack (or in the environment's overlay) names
another place; of those, a local path and S3 can be read here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from data_iac.errors import ConfigError

__all__ = ["LaktoryProject", "find_laktory_project"]

STACK_NAMES = ("stack.yaml", "stack.yml")
LOCAL_STATES = ("terraform.tfstate", ".laktory/terraform.tfstate")


@dataclass(frozen=True, slots=True)
class LaktoryProject:
    stack: Path
    state: str


def find_laktory_project(directory: Path, environment: str) -> LaktoryProject:
    """The stack file of ``directory`` and the Terraform state of ``environment``.

    Raises:
        ConfigError: no stack, a backend this tool cannot read, or no state where expected.
    """
    stack = next((directory / n for n in STACK_NAMES if (directory / n).is_file()), None)
    if stack is None:
        raise ConfigError(
            f"no stack.yaml in {directory}",
            hint="pass the directory holding the Laktory stack: `iac migrate laktory DIR`",
        )
    backend = _backend(stack, environment)
    if backend is None:
        return LaktoryProject(stack, _local_state(directory, environment))
    return LaktoryProject(stack, _backend_state(backend, directory, stack))


class _TagBlindLoader(yaml.SafeLoader):
    """Reads a stack's own keys; Laktory's ``!use``/``!extend`` includes are not needed here."""


_TagBlindLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _backend(stack: Path, environment: str) -> Mapping[str, Any] | None:
    try:
        data = yaml.load(stack.read_text(encoding="utf-8"), Loader=_TagBlindLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {stack}: {exc}", path="terraform.backend") from exc
    if not isinstance(data, Mapping):
        return None
    found = _backend_of(data)
    env = (data.get("environments") or {}).get(environment)
    if isinstance(env, Mapping):
        found = _backend_of(env) or found
    return found


def _backend_of(section: Mapping[str, Any]) -> Mapping[str, Any] | None:
    terraform = section.get("terraform")
    backend = terraform.get("backend") if isinstance(terraform, Mapping) else None
    return backend if isinstance(backend, Mapping) and backend else None


def _local_state(directory: Path, environment: str) -> str:
    candidates = [directory / name for name in LOCAL_STATES]
    candidates.append(directory / "terraform.tfstate.d" / environment / "terraform.tfstate")
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    raise ConfigError(
        f"no Terraform state found for {directory}",
        detail="looked for " + ", ".join(str(c) for c in candidates),
        hint="run `terraform state pull > tf.tfstate` where Laktory deploys, then "
        "`iac migrate terraform -c STACK --from tf.tfstate`",
    )


def _backend_state(backend: Mapping[str, Any], directory: Path, stack: Path) -> str:
    if isinstance(backend.get("local"), Mapping):
        path = Path(str(backend["local"].get("path") or "terraform.tfstate"))
        return str(path if path.is_absolute() else directory / path)
    s3 = backend.get("s3")
    if isinstance(s3, Mapping) and s3.get("bucket") and s3.get("key"):
        return f"s3://{s3['bucket']}/{s3['key']}"
    kinds = ", ".join(sorted(backend))
    raise ConfigError(
        f"{stack}: cannot read a Terraform state from a {kinds} backend here",
        path="terraform.backend",
        hint="run `terraform state pull > tf.tfstate` in the stack directory, then "
        f"`iac migrate terraform -c {stack} --from tf.tfstate`",
    )
