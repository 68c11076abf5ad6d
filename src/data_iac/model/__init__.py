"""Frozen value objects shared by every layer; nothing here does I/O."""

from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.model.resource import DesiredState, Lifecycle, Observed, Resource
from data_iac.model.state import ResourceState, StateSnapshot

__all__ = [
    "Action",
    "DesiredState",
    "Lifecycle",
    "Observed",
    "Plan",
    "Resource",
    "ResourceChange",
    "ResourceState",
    "StateSnapshot",
]
