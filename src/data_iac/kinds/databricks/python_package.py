"""Laktory's ``databricks_pythonpackages``: a local package built as a wheel and uploaded.

A config section only: the wheel becomes a ``databricks_workspace_file``
(``config/stack/trees.py``); no object of this kind exists.
"""

from __future__ import annotations

from data_iac.config.stack.schema import PythonPackage
from data_iac.config.stack.trees import build_python_package
from data_iac.model.kind import KindSpec

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_python_package",
    sections=("databricks_pythonpackages", "python_packages"),
    config_model=PythonPackage,
    build=build_python_package,
)
