"""What a source does to its rows before the transformer (Laktory's source keys), as operations.

In Laktory's order: ``filter`` (SQL), ``selects`` (a list of columns or SQL expressions, or a
mapping ``expression: new name``), ``renames``, ``drops`` (missing columns ignored), then
``drop_duplicates`` (``true`` for whole rows, or a list of key columns).
"""

from __future__ import annotations

from data_iac.pipelines.operations import Drop, DropDuplicates, Filter, Operation, Rename, Select
from data_iac.pipelines.spec_io import DataSource, FileSource, NodeSource, TableSource

__all__ = ["source_operations"]


def source_operations(
    source: FileSource | TableSource | NodeSource | DataSource,
) -> list[Operation]:
    """The operations ``source``'s keys ask for, in the order they apply."""
    steps: list[Operation] = []
    if source.filter:
        steps.append(Filter(source.filter))
    if isinstance(source.selects, list):
        steps.append(Select(tuple(source.selects)))
    elif isinstance(source.selects, dict):
        steps.append(Select(tuple(f"{expr} AS {name}" for expr, name in source.selects.items())))
    if source.renames:
        steps.append(Rename(tuple(source.renames.items())))
    if source.drops:
        steps.append(Drop(tuple(source.drops)))
    if source.drop_duplicates:
        subset = source.drop_duplicates if isinstance(source.drop_duplicates, list) else None
        steps.append(DropDuplicates(tuple(subset) if subset else None))
    return steps
