"""Laktory's own stacks, read from the installed ``laktory`` distribution without importing it.

``.ci/run`` installs ``laktory==0.13.1`` with ``--no-deps``: its files are all we need (its
Python dependencies are not), so the tests need no network and never run Laktory's code.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest

__all__ = ["LAKTORY_VERSION", "TO_OUR_KIND", "copy_quickstart", "our_counts"]

LAKTORY_VERSION = "0.13.1"
QUICKSTARTS = "laktory/resources/quickstart-stacks"
# Laktory's Terraform resource type -> our kind; None: folded into another resource by
# design (a group's members are an attribute of databricks_group, docs/databricks.md).
# A singular `grant:` is our `grants:` (per principal, non-destructive).
TO_OUR_KIND: Mapping[str, str | None] = {
    "databricks_sql_endpoint": "databricks_sql_warehouse",
    "databricks_mlflow_experiment": "databricks_experiment",
    "databricks_grant": "databricks_grants",
    "databricks_group_member": None,
}


def copy_quickstart(name: str, target: Path) -> Path:
    """A copy of Laktory's quickstart stack ``name`` in ``target``; skips the test when
    the pinned laktory is not installed (``pip install --no-deps laktory==0.13.1``)."""
    try:
        found = distribution("laktory")
    except PackageNotFoundError:
        pytest.skip(f"laktory is not installed: pip install --no-deps laktory=={LAKTORY_VERSION}")
    if found.version != LAKTORY_VERSION:
        pytest.skip(f"laktory {found.version} installed, these counts are for {LAKTORY_VERSION}")
    prefix = f"{QUICKSTARTS}/{name}/"
    # The RECORD also lists the bytecode pip compiled at install: not part of the stack.
    files = [
        f for f in found.files or [] if str(f).startswith(prefix) and "__pycache__" not in f.parts
    ]
    assert files, f"no {prefix} in the laktory distribution"
    for file in files:
        destination = target / name / str(file)[len(prefix) :]
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(str(found.locate_file(file))), destination)
    return target / name


def our_counts(laktory: Mapping[str, int]) -> Counter[str]:
    """Laktory's per-Terraform-type counts, in our kinds."""
    counts: Counter[str] = Counter()
    for tf_type, count in laktory.items():
        kind = TO_OUR_KIND.get(tf_type, tf_type)
        if kind is not None:
            counts[kind] += count
    return counts
