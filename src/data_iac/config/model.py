"""The value every command gets from the configuration layer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_iac.model.resource import DesiredState

__all__ = ["LoadedConfig"]


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    """A parsed, templated and validated configuration for one environment.

    ``providers`` maps a platform (``dataiku``, ``databricks``) to its connection settings
    after the environment overlay (``url``/``api_key``; ``host``/``token``/``profile``...).
    ``backend`` is the state backend's settings (``{"type": "local"}`` by default).
    ``notes`` are things accepted but ignored, printed once (e.g. Laktory's ``backend:``).
    ``pipelines`` are the data pipelines (issue "pipelines"), as raw validated dicts.
    ``sensitive_values`` are secret strings that must never be printed; the CLI masks them.
    ``moved`` are the config's renames, ``(from address, to address)`` in config order.
    ``generated`` are files the config's resources upload that loading generated (a data
    pipeline's config, runner, DLT notebook): path -> content. Loading writes nothing;
    plan and apply write them (``operations/generated.py``).
    """

    name: str
    environment: str
    desired: DesiredState
    root: Path
    digest: str
    providers: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    backend: Mapping[str, Any] = field(default_factory=lambda: {"type": "local"})
    notes: tuple[str, ...] = ()
    pipelines: Mapping[str, Any] = field(default_factory=dict)
    sensitive_values: frozenset[str] = frozenset()
    moved: tuple[tuple[str, str], ...] = ()
    policy: str | None = None
    generated: Mapping[Path, bytes] = field(default_factory=dict)

    @property
    def policy_dir(self) -> Path | None:
        """The ``policy:`` folder, relative to the config's directory; None when unset."""
        if self.policy is None:
            return None
        base = self.root if self.root.is_dir() else self.root.parent
        return base / self.policy
