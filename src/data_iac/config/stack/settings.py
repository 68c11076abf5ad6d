"""Laktory's ``settings:`` block and the ``${settings.X}`` / ``${current_user.X}`` namespaces.

As laktory 0.13.1 (``laktory/_settings.py``, ``LaktorySettings`` in
``laktory/models/stacks/stack.py``, ``laktory/_parsers.py``):

- a setting's value is the stack's ``settings:`` (rendered with the stack's variables), else
  the environment variable ``LAKTORY_<NAME>``, else Laktory's default; names are matched
  case-insensitively and ``${setting.X}`` is ``${settings.X}``;
- ``runtime_root`` defaults to ``./.laktory/`` and becomes ``/laktory/`` as soon as a stack
  has a ``settings:`` block (the block's model default);
- a ``${resources.X}`` reference inside ``settings:`` is an error (Terraform would resolve it
  after the settings were used), so is an unknown setting.

Refused with their reason (located errors): ``workspace_root: user_root`` and
``${current_user.X}`` need the deploying identity, which Laktory reads with a live
``current_user.me()`` call while building; data-iac resolves a stack before it connects
(``validate`` never does). ``${settings.build_root}`` is Laktory's local build directory,
which data-iac has no equivalent of.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from data_iac.config.locations import Marks, format_path, locate
from data_iac.config.templating import Namespace, Refused, render
from data_iac.errors import Diagnostic

__all__ = ["StackSettings", "stack_namespaces", "stack_settings", "workspace_root"]

_DEFAULTS: Mapping[str, Any] = {
    "workspace_root": "/.laktory/",
    "runtime_root": "./.laktory/",
    "dataframe_backend": "PYSPARK",
    "dataframe_api": "NARWHALS",
    "log_level": "INFO",
    "cli_raise_external_exceptions": False,
    "register_nw_extensions": True,
}
# What a stack's settings: block may set (LaktorySettings' fields).
_WRITABLE = ("workspace_root", "runtime_root", "build_root", "dataframe_backend", "dataframe_api")
_USER_ROOT = "user_root"
_IDENTITY_HINT = (
    "write the user name as a variable instead (for example /Users/${vars.user_name}/ with "
    "user_name under variables: or exported as an environment variable)"
)
_CURRENT_USER = Refused(
    "${current_user.X} needs the deploying identity, which Laktory reads with a live "
    "Databricks call while building; data-iac resolves a stack before it connects",
    _IDENTITY_HINT,
)
_BUILD_ROOT = Refused(
    "${settings.build_root} is Laktory's local build directory: data-iac has none "
    "(generated files go under the project's .iac/)",
    "write the path you mean instead",
)

StackSettings = dict[str, Any]
"""Setting name -> value (or a Refused value), as ``${settings.X}`` sees it."""


def stack_settings(
    raw: Any, variables: Mapping[str, Any], environ: Mapping[str, str], marks: Marks
) -> tuple[StackSettings, list[Diagnostic]]:
    """The settings a stack's placeholders see, and the problems of its ``settings:``."""
    found: StackSettings = dict(_DEFAULTS)
    found["build_root"] = _BUILD_ROOT
    for name in found:
        from_env = environ.get(f"LAKTORY_{name.upper()}")
        if from_env is not None and name != "build_root":
            found[name] = from_env
    if not isinstance(raw, dict):
        return found, []
    found["runtime_root"] = "/laktory/"
    problems: list[Diagnostic] = []
    for name, value in raw.items():
        path = ("settings", str(name))
        if name not in _WRITABLE:
            close = difflib.get_close_matches(str(name), _WRITABLE, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(_problem(f"unknown Laktory setting '{name}'", path, marks, hint))
            continue
        if isinstance(value, str) and "${resources." in value:
            problems.append(
                _problem(
                    "a ${resources.X} reference cannot be used in settings:",
                    path,
                    marks,
                    "settings are used before any resource exists (Laktory refuses it too)",
                )
            )
            continue
        rendered, found_problems = render(value, variables, environ, marks, path)
        problems += found_problems
        if name == "workspace_root" and rendered == _USER_ROOT:
            problems.append(
                _problem(
                    "workspace_root: user_root needs the deploying identity, which Laktory "
                    "reads with a live Databricks call while building; data-iac resolves a "
                    "stack before it connects",
                    path,
                    marks,
                    _IDENTITY_HINT,
                )
            )
            continue
        if name != "build_root" and value is not None:
            found[name] = rendered
    return found, problems


def stack_namespaces(settings: StackSettings) -> dict[str, Namespace]:
    """The namespaces a stack adds to its placeholders (config/templating.py)."""
    return {"settings": settings, "current_user": _CURRENT_USER}


def workspace_root(settings: StackSettings) -> str:
    """Where Laktory deploys workspace objects by default."""
    root = settings.get("workspace_root")
    return root if isinstance(root, str) else str(_DEFAULTS["workspace_root"])


def _problem(summary: str, path: tuple[str, ...], marks: Marks, hint: str) -> Diagnostic:
    return Diagnostic(summary, format_path(path), locate(marks, path), hint)
