"""Helpers every DSS kind shares: ids, merging documents, versions, flow zone membership."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from data_iac.errors import ProviderError, ResourceNotFound

__all__ = [
    "DEFAULT_ZONE_ID",
    "deep_merge",
    "ignore_missing",
    "move_to_zone",
    "sorted_tags",
    "split_remote_id",
    "version_of",
    "zone_index",
]

DEFAULT_ZONE_ID = "default"


def split_remote_id(remote_id: str) -> tuple[str, str]:
    """``KEY.NAME`` -> (KEY, NAME); the name may itself contain dots, the key never does."""
    key, sep, name = remote_id.partition(".")
    if not sep or not key or not name:
        raise ProviderError(
            f"{remote_id!r} is not a DSS object id: expected PROJECT_KEY.NAME",
            platform="dataiku",
        )
    return key, name


def deep_merge(document: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """``document`` with ``patch`` written over it; nested mappings merge, anything else
    (lists, scalars) is replaced. Fields the patch does not name survive untouched."""
    merged = copy.deepcopy(dict(document))
    for key, value in patch.items():
        current = merged.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            merged[key] = deep_merge(current, value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def version_of(document: Mapping[str, Any]) -> str | None:
    """The versionTag number of a DSS document, as text, when it has one."""
    tag = document.get("versionTag")
    if isinstance(tag, Mapping) and tag.get("versionNumber") is not None:
        return str(tag["versionNumber"])
    return None


def sorted_tags(tags: Any) -> list[str]:
    return sorted({str(t) for t in tags}) if isinstance(tags, list) else []


@contextmanager
def ignore_missing() -> Iterator[None]:
    """Swallow ResourceNotFound: deleting what is already gone is not an error."""
    try:
        yield
    except ResourceNotFound:
        pass


def zone_index(project: Any) -> dict[tuple[str, str], str]:
    """(objectType, objectId) -> zone name, for every object placed in a non-default zone."""
    index: dict[tuple[str, str], str] = {}
    for zone in project.get_flow().list_zones():
        if zone.id == DEFAULT_ZONE_ID:
            continue
        for item in zone.get_settings().get_raw().get("items", []):
            index[(str(item.get("objectType")), str(item.get("objectId")))] = zone.name
    return index


def move_to_zone(project: Any, zone_name: str | None, dss_object: Any) -> None:
    """Put ``dss_object`` in the zone called ``zone_name`` (None: the default zone)."""
    flow = project.get_flow()
    if zone_name is None:
        flow.get_default_zone().add_item(dss_object)
        return
    for zone in flow.list_zones():
        if zone.name == zone_name:
            zone.add_item(dss_object)
            return
    raise ResourceNotFound(
        f"flow zone {zone_name!r} does not exist in project {project.project_key}",
        platform="dataiku",
        hint="declare it under `zones:` so it is created first",
    )
