"""data-iac: Terraform-style infrastructure as code for Databricks and Dataiku DSS.

The public Python API (docs/python-api.md)::

    import data_iac

    project = data_iac.load("project.yml", env="prod")
    plan = project.plan()
    print(data_iac.render(plan))
    result = project.apply(plan)

Every name in ``__all__`` is public and typed. The API names load on first use, so that
``import data_iac`` (and the ``iac`` command's start-up) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from data_iac.addresses import Address
from data_iac.errors import (
    ApplyError,
    ConfigError,
    ConfigValidationError,
    DataIacError,
    Diagnostic,
    PlanError,
    ProviderError,
    SourceLocation,
    StalePlanError,
    StateError,
    StateLockedError,
)

if TYPE_CHECKING:
    from data_iac.api import (
        CancellationToken,
        Format,
        Progress,
        Project,
        load,
        render,
        render_drift,
        validate,
    )
    from data_iac.apply.result import ActionOutcome, ApplyResult, OutcomeStatus
    from data_iac.config.model import LoadedConfig
    from data_iac.model.plan import Action, Plan, ResourceChange
    from data_iac.model.resource import DesiredState, Resource
    from data_iac.model.state import ResourceState, StateSnapshot
    from data_iac.operations.inspect import RefreshOutcome
    from data_iac.operations.state_ops import StateOps
    from data_iac.refresh.drift import DriftReport

__all__ = [
    "Action",
    "ActionOutcome",
    "Address",
    "ApplyError",
    "ApplyResult",
    "CancellationToken",
    "ConfigError",
    "ConfigValidationError",
    "DataIacError",
    "DesiredState",
    "Diagnostic",
    "DriftReport",
    "Format",
    "LoadedConfig",
    "OutcomeStatus",
    "Plan",
    "PlanError",
    "Progress",
    "Project",
    "ProviderError",
    "RefreshOutcome",
    "Resource",
    "ResourceChange",
    "ResourceState",
    "SourceLocation",
    "StalePlanError",
    "StateError",
    "StateLockedError",
    "StateOps",
    "StateSnapshot",
    "__version__",
    "load",
    "render",
    "render_drift",
    "validate",
]

__version__ = "0.1.0"

_LAZY = {
    "CancellationToken": "data_iac.api",
    "Format": "data_iac.api",
    "Progress": "data_iac.api",
    "Project": "data_iac.api",
    "load": "data_iac.api",
    "render": "data_iac.api",
    "render_drift": "data_iac.api",
    "validate": "data_iac.api",
    "ActionOutcome": "data_iac.apply.result",
    "ApplyResult": "data_iac.apply.result",
    "OutcomeStatus": "data_iac.apply.result",
    "LoadedConfig": "data_iac.config.model",
    "Action": "data_iac.model.plan",
    "Plan": "data_iac.model.plan",
    "ResourceChange": "data_iac.model.plan",
    "DesiredState": "data_iac.model.resource",
    "Resource": "data_iac.model.resource",
    "ResourceState": "data_iac.model.state",
    "StateSnapshot": "data_iac.model.state",
    "RefreshOutcome": "data_iac.operations.inspect",
    "StateOps": "data_iac.operations.state_ops",
    "DriftReport": "data_iac.refresh.drift",
}


def __getattr__(name: str) -> Any:
    """Load an API name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'data_iac' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
