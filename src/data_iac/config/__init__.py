"""Configuration: YAML files and directories -> templated, validated -> DesiredState.

``load_config(path, environment)`` is the one entry point; it raises
``ConfigValidationError`` carrying every located problem at once.
"""

from pathlib import Path

from data_iac.config.model import LoadedConfig

__all__ = ["LoadedConfig", "load_config"]


def load_config(path: str | Path, environment: str = "default") -> LoadedConfig:
    """Load, template, validate and build the config at ``path`` for ``environment``."""
    from data_iac.config.build import load_config as _load

    return _load(path, environment)
