"""Desired vs current, per kind, managed fields only."""

from data_iac.diff.compare import (
    MISSING,
    AttributeDiff,
    diff_attributes,
    forces_replace,
    removed_fields,
    values_equal,
)

__all__ = [
    "MISSING",
    "AttributeDiff",
    "diff_attributes",
    "forces_replace",
    "removed_fields",
    "values_equal",
]
