"""Layering rules of docs/architecture.md, checked on the source (no imports executed).

- the core never imports the CLI or the public API layer: presentation stays at the edge;
- errors.py depends on nothing of data_iac at run time (errors carry data, the CLI renders);
- module-level imports form no cycle (a cycle is a seam that was never cut; function-level
  imports are not a way around it);
- heavy SDKs are imported only inside their adapters, so ``import data_iac`` and
  ``iac validate`` stay cheap.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "data_iac"
CORE = (
    "model",
    "config",
    "diff",
    "planning",
    "apply",
    "state",
    "refresh",
    "providers",
    "generate",
    "emulator",
    "operations",
    "migrate",
    "addresses",
    "errors",
)
HEAVY = ("databricks", "dataikuapi", "boto3", "botocore", "polars", "pyspark", "deltalake")
# Where each heavy library may be imported at module level.
HEAVY_HOMES = (
    "data_iac.providers.databricks",
    "data_iac.providers.dataiku",
    "data_iac.pipelines.engines",
    "data_iac.emulator",
)
# Cycles inside one package that its owner has not cut yet (issue: pipelines).
KNOWN_CYCLE_PACKAGES = ("data_iac.pipelines",)


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(path: Path, *, module_level_only: bool) -> Iterator[tuple[str, int]]:
    """(imported module, line) of every import; TYPE_CHECKING blocks are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes: list[ast.AST] = []
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if module_level_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        nodes.append(node)
        todo.extend(ast.iter_child_nodes(node))
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_core_never_imports_the_cli_or_the_api() -> None:
    modules = _modules()
    core = tuple(f"data_iac.{name}" for name in CORE)
    offences = [
        f"{name}:{line} imports {target}"
        for name, path in modules.items()
        if _within(name, core)
        for target, line in _imports(path, module_level_only=False)
        if _within(target, ("data_iac.cli", "data_iac.api"))
    ]
    assert offences == []


def test_errors_depend_on_nothing_of_data_iac_at_run_time() -> None:
    found = [t for t, _ in _imports(PACKAGE / "errors.py", module_level_only=False)]
    assert [t for t in found if t.startswith("data_iac")] == []


def test_heavy_sdks_are_imported_only_in_their_adapters() -> None:
    offences = [
        f"{name}:{line} imports {target}"
        for name, path in _modules().items()
        if not _within(name, HEAVY_HOMES)
        for target, line in _imports(path, module_level_only=True)
        if _within(target, HEAVY)
    ]
    assert offences == []


def test_module_level_imports_form_no_cycle() -> None:
    modules = _modules()
    graph = {
        name: {t for t, _ in _imports(path, module_level_only=True) if t in modules} - {name}
        for name, path in modules.items()
    }
    cycles = [c for c in _strongly_connected(graph) if len(c) > 1]
    unexpected = [c for c in cycles if not all(_within(m, KNOWN_CYCLE_PACKAGES) for m in c)]
    assert unexpected == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively (the graph has hundreds of modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
    return found
