"""``iac generate``: live objects -> config documents, connected as a config says.

Where the connection comes from: the config (``-c``) when it loads, else the embedded
emulator when asked, else the environment variables (DKU_DSS_URL / DATABRICKS_HOST ...).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from data_iac.config.dataiku.desired import project_kind
from data_iac.emulator import Emulator
from data_iac.errors import ConfigError
from data_iac.generate.collect import collect_project
from data_iac.generate.databricks import Generated, stack_document
from data_iac.generate.databricks_collect import collect_stack
from data_iac.generate.dataiku import project_document
from data_iac.kinds import specs_of
from data_iac.operations.loading import load_config
from data_iac.operations.workspace import (
    EMULATOR_DIR,
    Workspace,
    emulator_settings,
    open_workspace,
)
from data_iac.providers.base import ResourceHandler
from data_iac.providers.registry import make_handlers

__all__ = ["GenerateRequest", "connected_handlers", "generate_document", "generation_handlers"]


@dataclass(frozen=True, slots=True)
class GenerateRequest:
    """What to generate: a whole DSS project (``project_key``) or Databricks objects of one
    ``kind``, narrowed by ``filters`` (name pattern, catalog, schema, path)."""

    project_key: str | None = None
    kind: str | None = None
    filters: Mapping[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if bool(self.project_key) == bool(self.kind):
            raise ConfigError(
                "give exactly one of --project KEY (Dataiku) or --kind KIND (Databricks)"
            )

    @property
    def platform(self) -> str:
        return "dataiku" if self.project_key else "databricks"


def generate_document(
    handlers: Mapping[str, ResourceHandler], request: GenerateRequest
) -> Generated:
    """The config document (and the objects it names) for ``request``. Reads only."""
    if request.project_key:
        collected = collect_project(handlers, request.project_key)
        children = {k: collected.of(k) for k in collected.objects}
        document = project_document(collected.of(project_kind())[0], children)
        return Generated(document, collected.addressed())
    assert request.kind is not None
    return stack_document(request.kind, collect_stack(handlers, request.kind, request.filters))


def connected_handlers(ws: Workspace, request: GenerateRequest) -> Mapping[str, ResourceHandler]:
    """The handlers of ``request``'s platform, connected as ``ws``'s config says."""
    return ws.handlers({specs_of(request.platform)[0].kind})  # one kind connects them all


@contextmanager
def generation_handlers(
    platform: str, config_path: str | Path | None, environment: str, emulator: bool
) -> Iterator[Mapping[str, ResourceHandler]]:
    """Handlers connected as the config says, else to the emulator, else from the
    environment variables (DKU_DSS_URL / DATABRICKS_HOST ...)."""
    if config_path and _loads(config_path, environment):
        with open_workspace(config_path, environment, emulator=emulator) as ws:
            # one kind of the platform connects it, and all its handlers come back
            yield ws.handlers({specs_of(platform)[0].kind})
        return
    if emulator:
        with Emulator(data_dir=Path.cwd() / EMULATOR_DIR) as running:
            yield make_handlers(platform, emulator_settings(platform, {}, running))
        return
    yield make_handlers(platform, {})


def _loads(config_path: str | Path, environment: str) -> bool:
    """Whether the config loads yet: a directory meant to receive the generated file may
    hold no project or stack before it; then the connection comes from the environment."""
    try:
        load_config(config_path, environment)
    except ConfigError:
        return False
    return True
