"""Support for the fuzz tests: seed configs and states, text mutations, and ``iac`` run
in this process with its output captured.

The property every fuzzed input must keep: ``iac`` exits 0 (the mutation left a valid
input) or 1 with a message that names the file it is about, and never prints a
traceback or an "internal error".
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from data_iac.cli.main import main

STACK = """\
name: lake
variables:
  owner: data-team
  size: 2
environments:
  dev:
    variables:
      size: 1
resources:
  catalogs:
    cat-main:
      name: main_${vars.env}
      comment: owned by ${vars.owner}
      schemas:
        - name: raw
        - name: clean
  notebooks:
    nb-load:
      source: load.py
      path: /Shared/lake/load
  jobs:
    job-load: &job
      name: load-${vars.env}
      tags: {team: "${vars.owner}"}
      tasks:
        - task_key: t1
          notebook_task:
            notebook_path: ${resources.nb-load.path}
    job-copy:
      <<: *job
      name: copy-${vars.env}
  groups:
    grp-eng:
      display_name: engineers
"""

PROJECT = """\
version: 1
project:
  key: SALES
  name: Sales
  description: "{{ env.DESCRIPTION }}"
  variables:
    standard: {env: test}
datasets:
  - name: orders
    type: managed
    description: raw orders
  - name: orders_clean
    type: managed
recipes:
  - name: clean_orders
    type: sync
    inputs: [orders]
    outputs: [orders_clean]
"""

SHARED = """\
backend:
  type: local
variables:
  DESCRIPTION: shared description
"""

# Snippets that break YAML, templating, includes or the caps, inserted at random lines.
HOSTILE = (
    "---\nresources: {}",
    "x: &a [*a]",
    "<<: *nope",
    "\tkey: tab",
    "bad: ${vars.}",
    "bad: ${vars.a.b.c}",
    "bad: '{{ vars.owner | upper }}'",
    "bad: ${vars.owner",
    "bad: ${resources.}",
    "inc: !use /etc/passwd",
    "inc: !use ../../../../etc/hostname",
    "inc: !use missing.yml",
    "- !extend missing.yml",
    "? [a, b]\n: c",
    "key: [",
    "big: " + "9" * 5000,
    "deep: " + "[" * 300 + "]" * 300,
    "bin: !!binary notbase64",
    "obj: !!python/object:os.system {}",
    "num: !!int abc",
    "u: \U0001f600\u200b",
    ": :",
    "- - -",
    "dup: 1\ndup: 2",
    "name: [1, 2]",
    "resources: 5",
    "project: {key: 7}",
    "datasets: {a: 1}",
    "environments: [dev]",
    "variables: [1]",
    "backend: {type: s4}",
    "jobs: {j: {name: 5, tasks: 7}}",
)


def run_iac(args: list[str]) -> tuple[int, str]:
    """``iac ARGS`` in this process; exit code and captured stdout+stderr."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            main(args)
        except SystemExit as done:
            code = done.code
            return (code if isinstance(code, int) else 1), buffer.getvalue()
    return 0, buffer.getvalue()


def assert_clean(code: int, output: str, named: tuple[str, ...]) -> None:
    """Exit 0, or exit 1 with a message naming one of ``named``; never a traceback or a
    bug."""
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert code in (0, 1), (code, output)
    if code == 1:
        assert any(name in output for name in named), output


def mutate_lines(text: str, edits: list[tuple[int, int, int]]) -> str:
    """Apply ``(operation, line, argument)`` edits: insert a hostile snippet (indented
    like its neighbour), delete, duplicate or re-indent a line, or cut the text."""
    lines = text.splitlines()
    for operation, where, argument in edits:
        if not lines:
            break
        at = where % len(lines)
        indent = len(lines[at]) - len(lines[at].lstrip())
        if operation == 0:
            snippet = HOSTILE[argument % len(HOSTILE)]
            lines[at:at] = [" " * indent + part for part in snippet.split("\n")]
        elif operation == 1:
            del lines[at]
        elif operation == 2:
            lines.insert(at, lines[at])
        elif operation == 3:
            lines[at] = " " * (argument % 5) + lines[at].lstrip()
        else:
            lines = lines[: at + 1]
            lines[-1] = lines[-1][: argument % (len(lines[-1]) + 1)]
    return "\n".join(lines) + "\n"


def write_tree(root: Path, stack: str, project: str, shared: str) -> Path:
    """A config directory with a stack (and its notebook), a project and a shared file."""
    config = root / "config"
    (config / "lake").mkdir(parents=True, exist_ok=True)
    (config / "sales").mkdir(parents=True, exist_ok=True)
    (config / "lake" / "stack.yaml").write_text(stack, encoding="utf-8")
    (config / "lake" / "load.py").write_text("# Databricks notebook source\nprint(1)\n")
    (config / "sales" / "project.yml").write_text(project, encoding="utf-8")
    (config / "settings.yml").write_text(shared, encoding="utf-8")
    return config
