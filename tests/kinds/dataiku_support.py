"""What the Dataiku kind tests share: a project document applied to the emulator through
the in-process CLI (the real DSSClient over HTTP), and a DSSClient to look at DSS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from data_iac.emulator import Emulator
from tests.refresh.support import dss_client, providers_yml, run_iac, run_json

__all__ = ["apply_then_plan_empty", "dss_client", "plan", "run_iac", "write_config"]


def write_config(tmp_path: Path, emulator: Emulator, document: str) -> Path:
    """A config dir holding ``document`` as its project.yml, pointed at ``emulator``."""
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "project.yml").write_text(document + providers_yml(emulator.url))
    return config


def plan(config: Path) -> tuple[int, Any]:
    return run_json("plan", "-c", str(config))


def apply_then_plan_empty(config: Path) -> dict[str, Any]:
    """Plan (changes), apply, plan again (none); returns the first plan."""
    code, first = plan(config)
    assert code == 2, first
    code, _, output = run_iac("apply", "-c", str(config), "--auto-approve")
    assert code == 0, output
    code, again = plan(config)
    assert (code, again["changes"]) == (0, []), again
    return dict(first)
