"""Configuration: YAML files and directories -> templated, validated -> DesiredState.

``load_config(path, environment)`` is the one entry point; it raises
``ConfigValidationError`` carrying every located problem at once.
"""

from pathlib import Path

from data_iac.config.model import LoadedConfig
from data_iac.config.stack.deployer import PipelineDeployer

__all__ = ["LoadedConfig", "load_config"]


def load_config(
    path: str | Path, environment: str = "default", *, deployer: PipelineDeployer | None = None
) -> LoadedConfig:
    """Load, template, validate and build the config at ``path`` for ``environment``;
    ``deployer`` deploys a stack's data pipelines (``operations/loading.py`` passes the
    one on ``data_iac.pipelines``)."""
    from data_iac.config.build import load_config as _load

    return _load(path, environment, deployer=deployer)
