"""``docs/kinds.md``, written from the records: every kind, its config sections, the id
``iac import`` takes, and the facts that shape its plans.

``python -m data_iac.kinds.reference [FILE]`` writes it (default ``docs/kinds.md``); a test
fails when the checked-in file is stale, so the page can never drift from the records.
"""

from __future__ import annotations

import sys
from pathlib import Path

from data_iac.kinds import PLATFORMS, specs_of
from data_iac.model.kind import KindSpec

__all__ = ["render"]

_HEADER = """# Resource kinds

Generated from the kind records (`src/data_iac/kinds/<platform>/<kind>.py`) by
`python -m data_iac.kinds.reference`; do not edit by hand. **Sections** are the keys a
config writes the kind under (the first is what `iac generate` writes; Laktory's
`databricks_*` spellings of each are accepted too). **Import id** is what
`iac import ADDRESS ID` takes. **Replaces on** lists the fields whose change deletes and
re-creates the object; **secret** fields are compared by salted digest only and never shown.
"""


def _cell(values: object) -> str:
    if not values:
        return ""
    if isinstance(values, str):
        return values
    return ", ".join(f"`{v}`" for v in sorted(values))  # type: ignore[call-overload]


def _row(spec: KindSpec) -> str:
    served = "generic" if spec.api is not None else ("own" if spec.handler else "expands")
    cells = [
        f"`{spec.kind}`",
        _cell(spec.sections),
        spec.import_id,
        _cell(spec.immutable),
        _cell(spec.sensitive),
        served,
    ]
    return "| " + " | ".join(cells) + " |"


def render() -> str:
    """The whole page."""
    lines = [_HEADER]
    for platform in PLATFORMS:
        specs = specs_of(platform)
        lines += [
            f"## {platform.capitalize()} ({len(specs)})",
            "",
            "| kind | sections | import id | replaces on | secret | handler |",
            "|---|---|---|---|---|---|",
            *(_row(spec) for spec in specs),
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/kinds.md")
    target.write_text(render(), encoding="utf-8")
    print(target)
