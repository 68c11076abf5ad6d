"""The rules of a recipe's ``settings:`` (a visual recipe's payload): only visual recipe
types take one, only the payload's own top-level keys, a known ``mode``, and not beside
``code:`` (both would write the payload). See config/dataiku/payloads.py for the sources."""

from __future__ import annotations

import difflib
from typing import Any, Protocol

from data_iac.config.dataiku.payloads import PAYLOAD_KEYS, PAYLOAD_MODES
from data_iac.config.dataiku.types import dss_recipe_type
from data_iac.config.locations import NodePath

__all__ = ["check_recipe_settings"]


class _Rules(Protocol):
    def named(self, section: str) -> Any: ...

    def report(self, path: NodePath, message: str, hint: str = "") -> None: ...


def check_recipe_settings(rules: _Rules) -> None:
    """Report every problem of every recipe's ``settings:``."""
    for index, name, recipe in rules.named("recipes"):
        settings = recipe.get("settings")
        written = recipe.get("type")
        dss_type = dss_recipe_type(written) if isinstance(written, str) else None
        if not isinstance(settings, dict) or dss_type is None:
            continue
        path: NodePath = ("recipes", index, "settings")
        known = PAYLOAD_KEYS.get(dss_type)
        if known is None:
            rules.report(
                path,
                f"recipe '{name}' of type {written} takes no settings",
                "settings: is the payload of a visual recipe ("
                f"{', '.join(sorted(PAYLOAD_KEYS))}); use code: or params: for this one",
            )
            continue
        if "code" in recipe:
            rules.report(path, f"recipe '{name}' has both code: and settings:",
                         "both write the recipe's payload: keep settings:")  # fmt: skip
        for key in settings:
            if key not in known and not str(key).startswith("$"):
                close = difflib.get_close_matches(str(key), sorted(known), n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                rules.report((*path, key), f"unknown {dss_type} setting '{key}'",
                             f"{hint}known: {', '.join(sorted(known))}")  # fmt: skip
        _check_mode(rules, path, dss_type, settings.get("mode"))


def _check_mode(rules: _Rules, path: NodePath, dss_type: str, mode: Any) -> None:
    modes = PAYLOAD_MODES.get(dss_type)
    if modes is None or mode is None or mode in modes:
        return
    close = difflib.get_close_matches(str(mode), sorted(modes), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    rules.report((*path, "mode"), f"unknown {dss_type} mode '{mode}'",
                 f"{hint}known: {', '.join(sorted(modes))}")  # fmt: skip
