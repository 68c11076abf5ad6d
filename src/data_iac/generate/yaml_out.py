"""YAML text for generated documents: keys in the order written, code as block literals.

Pure. The text must load back through the config loader unchanged, so only plain YAML
(no tags, no anchors) is written.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["to_yaml"]


class _Dumper(yaml.SafeDumper):
    """Safe dumper without aliases (a reused list must not become ``*id001``)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-line text (recipe code, scripts) reads best as a literal block.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def to_yaml(document: Any, header: str = "") -> str:
    """``document`` as YAML text, with ``header`` as leading comment lines."""
    body = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    return ("\n".join(lines) + "\n" if lines else "") + body
