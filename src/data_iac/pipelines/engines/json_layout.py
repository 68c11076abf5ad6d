"""Is a ``json`` source JSON Lines or one JSON document? Decided from the file itself.

Laktory 0.13 reads ``format: JSON`` as one document (Spark ``multiLine``, Polars
``read_json``) and ``JSONL`` / ``NDJSON`` as lines; Spark, and Laktory's older pipelines, read
``json`` as lines. Unless ``options: {multiline: ...}`` says which, the first file decides: a
leading ``[``, or a first line that is not a complete JSON value, means a document.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["json_is_document"]

_PEEK = 1 << 16


def _first_file(path: Path) -> Path | None:
    if path.is_file():
        return path
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == ".json" and p.is_file())
        return files[0] if files else None
    return None


def json_is_document(path: str) -> bool:
    """True when the (first) file at ``path`` holds one JSON document, not JSON Lines."""
    if "://" in path:
        return False
    first = _first_file(Path(path))
    if first is None:
        return False
    with first.open("rb") as handle:
        head = handle.read(_PEEK).lstrip()
    if head.startswith(b"["):
        return True
    line = head.split(b"\n", 1)[0]
    try:
        json.loads(line)
    except ValueError:
        return True
    return False
