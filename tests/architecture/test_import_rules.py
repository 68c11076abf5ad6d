"""The pure core imports no edge package: an AST scan of data-iac's own modules.

``diff/``, ``planning/``, ``config/`` and ``model/`` are pure functions on values (DESIGN.md
section 2): they must not import a provider, a state backend or the pipelines package (nor
the CLI, the apply engine or the emulator), at module level or inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "data_iac"
PURE = ("diff", "planning", "config", "model")
EDGES = ("providers", "state", "pipelines", "apply", "cli", "emulator", "refresh", "generate")
# Known debt, named so that no new import of an edge package slips in (none today).
KNOWN: dict[str, str] = {}


def imported_modules(path: Path) -> set[str]:
    """Every absolute module ``path`` imports, anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def forbidden(modules: set[str]) -> list[str]:
    return sorted(
        m
        for m in modules
        if any(m == f"data_iac.{e}" or m.startswith(f"data_iac.{e}.") for e in EDGES)
    )


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_import_no_edge_package(package: str) -> None:
    offenders = {}
    for path in sorted((SRC / package).rglob("*.py")):
        name = str(path.relative_to(SRC))
        allowed = KNOWN.get(name)
        bad = [
            m for m in forbidden(imported_modules(path)) if not allowed or not m.startswith(allowed)
        ]
        if bad:
            offenders[name] = bad
    assert offenders == {}


def test_the_known_debt_is_still_there() -> None:
    """When the debt is paid, this list must shrink (a stale entry would hide a new one)."""
    for name, prefix in KNOWN.items():
        modules = imported_modules(SRC / name)
        assert any(m.startswith(prefix) for m in modules), f"{name} no longer imports {prefix}"


def test_the_scan_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from data_iac.providers.registry import make_handlers\n")
    assert forbidden(imported_modules(module)) == [
        "data_iac.providers.registry",
        "data_iac.providers.registry.make_handlers",
    ]
