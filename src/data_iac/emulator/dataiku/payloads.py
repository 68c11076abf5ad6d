"""The payloads DSS writes for new recipes, and what a save does to a visual one.

A code recipe's payload is its script. A visual recipe's payload is a JSON object
(``DSSRecipeSettings.obj_payload`` parses it, dataikuapi/dss/recipe.py); the shapes below
follow dataikuapi's creators and settings classes (``GroupingRecipeCreator.with_group_key``
sends ``groupKey``; ``VirtualInputsSingleOutputRecipeCreator`` sends ``virtualInputs``, the
refs of the inputs; ``JoinRecipeSettings`` / ``StackRecipeSettings`` read
``virtualInputs[].index``; ``StackRecipeSettings`` defaults to ``mode`` UNION) and a
public reference of DSS payloads (find_string id 69694127451: every visual recipe has
``preFilter``, ``computedColumns``, ``postFilter``; group ``enlargeYourBits`` defaults to
true; DSS numbers ``values[]`` entries with ``$idx`` on save). The split recipe's initial
``mode`` is an emulator choice (no source shows what DSS picks).
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["default_payload", "saved_payload"]

_FILTER = {"distinct": False, "enabled": False}
_STAGES: dict[str, Any] = {"preFilter": _FILTER, "computedColumns": [], "postFilter": _FILTER}
_IDX_TYPES = frozenset({"grouping", "window"})


def _virtual(settings: dict[str, Any], **extra: Any) -> list[dict[str, Any]]:
    refs = settings.get("virtualInputs") or []
    return [
        {"index": i, "preFilter": dict(_FILTER), **{k: v(ref) for k, v in extra.items()}}
        for i, ref in enumerate(refs)
    ]


def _visual(recipe_type: str, settings: dict[str, Any]) -> dict[str, Any] | None:
    if recipe_type == "grouping":
        keys = [{"column": settings["groupKey"]}] if settings.get("groupKey") else []
        return {"keys": keys, "values": [], "globalCount": False, "enlargeYourBits": True,
                "outputColumnNameOverrides": {}, **_STAGES}  # fmt: skip
    if recipe_type == "join":
        inputs = _virtual(settings, computedColumns=lambda _: [])
        return {"virtualInputs": inputs, "joins": [], "selectedColumns": [],
                "computedColumns": [], "postFilter": dict(_FILTER)}  # fmt: skip
    if recipe_type in ("shaker", "prepare"):
        return {"columnsSelection": {"mode": "ALL"}, "steps": [], "origin": "PREPARE_RECIPE"}
    if recipe_type == "window":
        window = {"enablePartitioning": False, "partitioningColumns": [],
                  "enableOrdering": False, "orders": [], "enableLimits": False}  # fmt: skip
        return {"windows": [window], "values": [], "rowNumber": False, "rank": False,
                "denseRank": False, **_STAGES}  # fmt: skip
    if recipe_type == "vstack":
        inputs = _virtual(settings, originLabel=str)
        return {"mode": "UNION", "virtualInputs": inputs, "selectedColumns": [],
                "addOriginColumn": False, "postFilter": dict(_FILTER)}  # fmt: skip
    if recipe_type == "split":
        return {"mode": "VALUES", "valueSplits": [], "defaultOutputIndex": 0, **_STAGES}
    return None


def default_payload(recipe_type: str, settings: dict[str, Any]) -> str:
    """The payload DSS writes for a new recipe of a type, given its creation settings."""
    if "script" in settings or "rawPayload" in settings:
        return str(settings.get("script") or settings.get("rawPayload") or "")
    visual = _visual(recipe_type, settings)
    return "" if visual is None else json.dumps(visual)


def saved_payload(recipe_type: str, payload: str) -> str:
    """The payload as DSS keeps it after a save: group and window ``values[]`` entries
    numbered with ``$idx``; anything that is not a JSON object is kept as sent."""
    if recipe_type not in _IDX_TYPES:
        return payload
    try:
        parsed = json.loads(payload)
    except ValueError:
        return payload
    values = parsed.get("values") if isinstance(parsed, dict) else None
    if not isinstance(values, list):
        return payload
    for index, entry in enumerate(values):
        if isinstance(entry, dict):
            entry["$idx"] = index
    return json.dumps(parsed)
