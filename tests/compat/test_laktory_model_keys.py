"""Every key of Laktory's stack model is either built by data-iac or named in the docs.

The keys are read from the source of the installed laktory 0.13.1 distribution
(``laktory/models/stacks/stack.py``, the ``StackResources`` fields), without importing it.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest

from data_iac.config.stack.document import canonical_kind

DOCS = Path(__file__).resolve().parents[2] / "docs" / "databricks.md"
_FIELD = re.compile(r"^    (\w+): dict\[", re.MULTILINE)


def _resource_keys() -> list[str]:
    try:
        found = distribution("laktory")
    except PackageNotFoundError:
        pytest.skip("laktory is not installed: pip install --no-deps laktory==0.13.1")
    source = Path(str(found.locate_file("laktory/models/stacks/stack.py"))).read_text()
    model = source[source.index("class StackResources") : source.index("class EnvironmentSettings")]
    return _FIELD.findall(model)


def test_laktory_has_the_keys_we_expect() -> None:
    keys = _resource_keys()
    assert len(keys) > 100 and "databricks_catalogs" in keys and "pipelines" in keys


def test_every_resource_key_is_managed_or_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    missing = [
        key
        for key in _resource_keys()
        if f"`{key}`" not in docs and f"`resources.{key}`" not in docs
    ]
    assert missing == [], f"docs/databricks.md names no fate for {missing}"


def test_the_docs_call_managed_only_what_is_built() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    unmanaged_row = next(line for line in docs.splitlines() if "every other `resources" in line)
    for key in _resource_keys():
        if f"`{key}`" in unmanaged_row:
            assert canonical_kind(key) is None, f"{key} is built but documented as not managed"
