"""The visual recipe payloads a recipe's ``settings:`` may set, by DSS recipe type.

A visual recipe keeps its settings in its payload, a JSON object (``DSSRecipeSettings.
obj_payload`` parses it, dataikuapi/dss/recipe.py). ``settings:`` is written over the
payload DSS made at creation (mappings merge, lists and scalars replace), so only the keys
written are managed. The top-level keys each type takes, and the values of ``mode``:

- ``grouping``: dataikuapi's ``GroupingRecipeSettings`` (``keys``, ``values``,
  ``globalCount``) and the filters, computed columns and output controls every
  group/window recipe has;
- ``join``: ``JoinRecipeSettings`` (``virtualInputs``, ``joins``, ``computedColumns``,
  ``postFilter``) and ``selectedColumns``;
- ``shaker`` (prepare): ``PrepareRecipeSettings.raw_steps`` (``steps``, each
  ``{metaType, type, params, disabled, name}``) and the column selection;
- ``window``: ``windows``, ``values`` and the ranking flags;
- ``vstack`` (stack): ``StackRecipeSettings`` (``mode`` UNION | INTERSECT | FROM_DATASET |
  REMAP, ``virtualInputs``, ``selectedColumns``, ``copySchemaFromDatasetWithName``,
  ``addOriginColumn``, ``originColumnName``) and FROM_INDEX's ``selectedColumnsIndexes``;
- ``split``: ``SplitRecipeSettings`` (``mode`` VALUES | RANGE | RANDOM | RANDOM_COLUMNS |
  FILTERS | CENTILE, ``column``, ``defaultOutputIndex``, ``seed`` and each mode's
  ``*Splits``).

Keys beyond dataikuapi's helpers come from a public reference of DSS visual recipe payloads
(the ``visual-recipe-payloads.md`` of a DSS command-line tool's docs, read through the
project's search index, find_string id 69694127451): the four stages every visual recipe
has (``preFilter``, ``computedColumns``, the action, ``postFilter``) and the output
controls. ``$``-prefixed keys (``$idx``, ``$status``) are DSS's UI metadata, regenerated on
save (same reference): they are never compared. A sync recipe has no payload settings (its
options are recipe ``params``).
"""

from __future__ import annotations

__all__ = ["PAYLOAD_KEYS", "PAYLOAD_MODES", "without_metadata"]

_STAGES = frozenset(
    ["preFilter", "computedColumns", "postFilter", "outputColumnNameOverrides", "engineParams"]
)
_GROUPING = "keys values globalCount selectAllColumns enlargeYourBits"
_JOIN = "virtualInputs joins selectedColumns"
_SHAKER = (
    "steps columnsSelection explorationSampling vizSampling origin explorationFilters "
    "sorting columnWidthsByName coloring"
)
_WINDOW = (
    "windows values rowNumber rank denseRank cumeDist ntile ntileValues globalAggregations "
    "retrievedColumnsSelectionMode retrievedColumns legacyUnboundedWindowStreamBehavior"
)
_VSTACK = (
    "mode virtualInputs selectedColumns copySchemaFromDatasetWithName selectedColumnsIndexes "
    "addOriginColumn originColumnName postFilter engineParams"
)
_SPLIT = (
    "mode column defaultOutputIndex seed valueSplits rangeSplits rangeSetTime randomSplits "
    "randomColumns randomColumnsSplits filterSplits centileOrders centileSplits "
    "centileTDigest centileShuffle writeComputedColumnsInOutput"
)
PAYLOAD_KEYS: dict[str, frozenset[str]] = {
    "grouping": _STAGES | set(_GROUPING.split()),
    "join": _STAGES | set(_JOIN.split()),
    "shaker": frozenset(_SHAKER.split()),
    "window": _STAGES | set(_WINDOW.split()),
    "vstack": frozenset(_VSTACK.split()),
    "split": _STAGES | set(_SPLIT.split()),
}
PAYLOAD_MODES: dict[str, frozenset[str]] = {
    "vstack": frozenset({"UNION", "INTERSECT", "FROM_DATASET", "FROM_INDEX", "REMAP"}),
    "split": frozenset({"VALUES", "RANGE", "RANDOM", "RANDOM_COLUMNS", "FILTERS", "CENTILE"}),
}


def without_metadata(value: object) -> object:
    """``value`` without the ``$``-prefixed keys DSS's UI keeps in payloads (pure)."""
    if isinstance(value, dict):
        return {k: without_metadata(v) for k, v in value.items() if not str(k).startswith("$")}
    if isinstance(value, list):
        return [without_metadata(item) for item in value]
    return value
