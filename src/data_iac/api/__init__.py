"""The public Python API (re-exported by ``data_iac``): load, validate, plan, apply, render."""

from data_iac.api.progress import CancellationToken, Progress
from data_iac.api.project import Project, load, validate
from data_iac.api.render import Format, render, render_drift

__all__ = [
    "CancellationToken",
    "Format",
    "Progress",
    "Project",
    "load",
    "render",
    "render_drift",
    "validate",
]
