"""Dataiku DSS provider: one module per kind, through the real ``dataikuapi.DSSClient``.

The desired ``spec`` of each kind (what config/dataiku/desired.py builds and the handlers consume)
uses these keys; optional keys are left out of the spec when the user did not set them, so
they are never diffed:

``dataiku_project`` (address key ``KEY``)
    project_key*, name, description?, tags? (list, compared as a set),
    settings? ({owner?, exposed?, git?: {enabled, remote?}, code_envs?}: each stored where
    DSS keeps it, see project_settings.py)
``dataiku_project_variables`` / ``dataiku_project_permissions`` (``KEY``)
    project_key*, standard? / local? (mappings); permissions (list of DSS permission
    dicts: {group, admin, readProjectContent, writeProjectContent, ...})
``dataiku_dataset`` (``KEY.NAME``)
    project_key*, name*, type* (DSS's own: Filesystem, Snowflake, PostgreSQL, ...),
    managed* (bool), connection?, params?, format_type?, format_params?,
    schema? ({"columns": [{"name", "type", ...}], "userModified"?}), description?, tags?,
    zone? (zone name)
``dataiku_recipe`` (``KEY.NAME``)
    project_key*, name*, type* (python, sql_query, sync, grouping, join, shaker, ...),
    inputs (list of dataset/folder names), outputs (same), description?, params?,
    code? (the payload), zone?
``dataiku_scenario`` (``KEY.NAME``)
    project_key*, name*, type* (step_based | custom_python), active, triggers? (list),
    steps? (list, step_based), script? (custom_python)
``dataiku_managed_folder`` (``KEY.NAME``)
    project_key*, name*, connection?, type?, params?, zone?
``dataiku_zone`` (``KEY.NAME``)
    project_key*, name*, color?

Starred keys are immutable: changing one plans a replace. The facts about each kind are its
record in ``data_iac.kinds.dataiku``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.kinds import specs_of
from data_iac.providers.base import ResourceHandler

__all__ = ["SCHEMAS", "make_handlers"]


def __getattr__(name: str) -> Any:
    if name == "SCHEMAS":  # the records of data_iac.kinds.dataiku, by kind
        return {spec.kind: spec for spec in specs_of("dataiku")}
    raise AttributeError(name)


def make_handlers(settings: Mapping[str, Any]) -> Mapping[str, ResourceHandler]:
    """Connect to DSS (``settings``: url, api_key) and return one handler per kind."""
    from data_iac.providers.dataiku.client import connect
    from data_iac.providers.dataiku.kinds import handlers_for

    return handlers_for(connect(settings))
