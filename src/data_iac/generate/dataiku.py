"""Live DSS objects -> a project document in the Dataiku IaC format (``project.yml``).

Pure: the inverse of config/dataiku/desired.py. Every field written is one
``build_dataiku_resources`` turns back into the same spec value, so generate + import + plan
is empty. Fields whose live value is empty or a platform default are left out: unset fields
are not managed, so they are never diffed. Project ``settings`` and ``local`` variables are
left out for the same reason (the seed's format has no place for local variables).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from data_iac.config.dataiku.desired import kind_of, project_children
from data_iac.config.dataiku.payloads import PAYLOAD_KEYS
from data_iac.config.dataiku.types import MANAGED_CONNECTION, RECIPE_TYPES
from data_iac.model.resource import Observed

__all__ = ["CODE_RECIPES", "ENTRIES", "project_document"]

# Recipe types whose payload is code the user writes (a visual recipe's is generated).
CODE_RECIPES = frozenset(
    {
        "python",
        "r",
        "sql_script",
        "sql_query",
        "pyspark",
        "sparkr",
        "spark_scala",
        "shell",
        "spark_sql_query",
    }
)
# DSS's ``grouping`` is also a seed name (its ``group`` is only an alias): keep it.
_SEED_RECIPE_TYPES = {dss: seed for seed, dss in RECIPE_TYPES.items() if dss != "grouping"}
_MANAGED_FOLDER_CONNECTION = "filesystem_folders"


def _set(out: dict[str, Any], key: str, value: Any) -> None:
    """Write ``value`` unless it is empty (an empty value means: not managed)."""
    if value not in (None, "", [], {}):
        out[key] = value


def project_section(
    project: Observed, variables: Sequence[Observed] = (), permissions: Sequence[Observed] = ()
) -> dict[str, Any]:
    a = project.attributes
    out: dict[str, Any] = {"key": a["project_key"], "name": a.get("name") or a["project_key"]}
    _set(out, "description", a.get("description"))
    _set(out, "tags", sorted(a.get("tags") or []))
    for document in variables:
        _set(out, "variables", dict(document.attributes.get("standard") or {}))
    for document in permissions:
        _set(out, "permissions", [dict(p) for p in document.attributes.get("permissions") or []])
    envs = ((a.get("settings") or {}).get("code_envs")) or {}
    _set(out, "settings", {"code_envs": explicit} if (explicit := _set_only(envs)) else None)
    return out


def _set_only(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def dataset_entry(dataset: Observed) -> dict[str, Any]:
    a = dataset.attributes
    managed_fs = bool(a.get("managed")) and a.get("type") == "Filesystem"
    out: dict[str, Any] = {"name": a["name"], "type": "managed" if managed_fs else a["type"]}
    if not managed_fs:
        out["managed"] = bool(a.get("managed"))
    if not managed_fs or a.get("connection") != MANAGED_CONNECTION:
        _set(out, "connection", a.get("connection"))
    _set(out, "params", _without(a.get("params"), "connection"))
    _set(out, "format_type", a.get("format_type"))
    _set(out, "format_params", dict(a.get("format_params") or {}))
    _set(out, "schema", {"columns": a["schema"]["columns"]} if _columns(a) else None)
    _set(out, "description", a.get("description"))
    _set(out, "tags", sorted(a.get("tags") or []))
    _set(out, "zone", a.get("zone"))
    return out


def _columns(attributes: Mapping[str, Any]) -> list[Any]:
    return list((attributes.get("schema") or {}).get("columns") or [])


def recipe_entry(recipe: Observed) -> dict[str, Any]:
    a = recipe.attributes
    dss_type = str(a["type"])
    out: dict[str, Any] = {
        "name": a["name"],
        "type": _SEED_RECIPE_TYPES.get(dss_type, dss_type),
        "inputs": list(a.get("inputs") or []),
        "outputs": list(a.get("outputs") or []),
    }
    # the code env selection is written as ``code_env`` (None: inherited, not managed)
    _set(out, "params", _without(a.get("params"), "envSelection"))
    if dss_type in CODE_RECIPES:
        _set(out, "code", a.get("code"))
    if dss_type in PAYLOAD_KEYS:  # a visual recipe's payload, as DSS holds it
        _set(out, "settings", a.get("settings"))
    _set(out, "code_env", a.get("code_env"))
    _set(out, "zone", a.get("zone"))
    return out


def scenario_entry(scenario: Observed) -> dict[str, Any]:
    a = scenario.attributes
    out: dict[str, Any] = {
        "name": a["name"],
        "type": a.get("type") or "step_based",
        "active": bool(a.get("active")),
    }
    _set(out, "triggers", [dict(t) for t in a.get("triggers") or []])
    if out["type"] == "step_based":
        _set(out, "steps", [dict(s) for s in a.get("steps") or []])
    else:
        _set(out, "script", a.get("script"))
    return out


def folder_entry(folder: Observed) -> dict[str, Any]:
    a = folder.attributes
    out: dict[str, Any] = {"name": a["name"]}
    if a.get("connection") != _MANAGED_FOLDER_CONNECTION:
        _set(out, "connection", a.get("connection"))
    _set(out, "type", a.get("type"))
    _set(out, "params", _without(a.get("params"), "connection"))
    _set(out, "zone", a.get("zone"))
    return out


def zone_entry(zone: Observed) -> dict[str, Any]:
    out: dict[str, Any] = {"name": zone.attributes["name"]}
    _set(out, "color", zone.attributes.get("color"))
    return out


def wiki_entry(article: Observed) -> dict[str, Any]:
    a = article.attributes
    out: dict[str, Any] = {"name": a["name"]}
    _set(out, "body", a.get("body"))
    _set(out, "parent", a.get("parent"))
    _set(out, "home", True if a.get("home") else None)
    return out


def _without(values: Any, *names: str) -> dict[str, Any]:
    return {k: v for k, v in dict(values or {}).items() if k not in names}


def _by_name(objects: Iterable[Observed]) -> list[Observed]:
    return sorted(objects, key=lambda o: str(o.attributes["name"]))


def project_document(
    project: Observed, children: Mapping[str, Sequence[Observed]]
) -> dict[str, Any]:
    """The ``project.yml`` document of one project; ``children`` maps a kind to its live
    objects. Sections come from the project's child records (config/dataiku/desired.py),
    in their order; sections with nothing are left out."""
    variables = children.get(kind_of("project.variables"), ())
    permissions = children.get(kind_of("project.permissions"), ())
    section = project_section(project, variables, permissions)
    doc: dict[str, Any] = {"version": "1.0", "project": section}
    for spec in project_children():
        entry = ENTRIES.get(str(spec.section))
        items = [entry(o) for o in _by_name(children.get(spec.kind, ()))] if entry else []
        if items:
            doc[str(spec.section)] = items
    return doc


# The entry of one live object, by the section of the format it is written under.
ENTRIES: dict[str, Callable[[Observed], dict[str, Any]]] = {
    "zones": zone_entry,
    "datasets": dataset_entry,
    "managed_folders": folder_entry,
    "recipes": recipe_entry,
    "scenarios": scenario_entry,
    "wiki_articles": wiki_entry,
}
