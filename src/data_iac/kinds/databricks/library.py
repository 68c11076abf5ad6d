"""``databricks_library``: one library installed on an all-purpose cluster (Laktory's
cluster ``libraries:`` items and ``databricks_libraries``, the Terraform provider's
``databricks_library``).

Served by ``providers/databricks/libraries.py`` over ``w.libraries`` (``install`` /
``uninstall`` / ``cluster_status``). The spec is the cluster and exactly one library type
(``pypi: {package, repo}``, ``maven: {coordinates, repo, exclusions}``, ``jar``, ``whl``,
``egg``, ``requirements``: a path, ``cran: {package, repo}``), as ``compute.Library``
writes it. Remote id ``<cluster_id>/<type>:<package, coordinates or path>`` (shaped like the
Terraform provider's ``<cluster_id>/<library>``, ``clusters/resource_library.go``
@08b4106). Every field is immutable: a change uninstalls and installs. An uninstall takes
effect when the cluster restarts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import model_validator

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec

__all__ = ["LIBRARY_TYPES", "SPEC", "Library", "library_id"]

# Library type -> the field of its object naming it (None: the value is the path itself).
LIBRARY_TYPES: dict[str, str | None] = {
    "pypi": "package",
    "maven": "coordinates",
    "cran": "package",
    "jar": None,
    "whl": None,
    "egg": None,
    "requirements": None,
}


class Library(StackEntry):
    """The cluster and one library (``compute.Library`` fields)."""

    cluster_id: str
    pypi: dict[str, Any] | None = None
    maven: dict[str, Any] | None = None
    cran: dict[str, Any] | None = None
    jar: str | None = None
    whl: str | None = None
    egg: str | None = None
    requirements: str | None = None

    @model_validator(mode="after")
    def _one_library(self) -> Library:
        named = [t for t in LIBRARY_TYPES if getattr(self, t) is not None]
        if len(named) != 1:
            raise ValueError(f"name exactly one library type of {', '.join(LIBRARY_TYPES)}")
        return self


def library_id(spec: Mapping[str, Any]) -> str | None:
    """``<cluster_id>/<type>:<name>`` for a spec; None when it names no single library."""
    named = [t for t in LIBRARY_TYPES if spec.get(t) is not None]
    if len(named) != 1 or not spec.get("cluster_id"):
        return None
    kind = named[0]
    field = LIBRARY_TYPES[kind]
    value = spec[kind] if field is None else (spec[kind] or {}).get(field)
    return f"{spec['cluster_id']}/{kind}:{value}"


SPEC = KindSpec(
    kind="databricks_library",
    sections=("libraries",),
    config_model=Library,
    immutable=frozenset({"cluster_id", *LIBRARY_TYPES}),
    computed=frozenset({"status", "messages", "is_library_for_all_clusters"}),
    identity=("cluster_id", *LIBRARY_TYPES),
    name_field="cluster_id",
    import_id="`<cluster_id>/<type>:<name>`: `0101-120000-abc123/pypi:pandas==2.2.2`",
    refers={"cluster_id": "databricks_cluster"},
    handler="data_iac.providers.databricks.libraries:Handler",
)
