"""docs/python-api.md runs: its Python blocks, in order, against the embedded emulator.

The page promises that its examples work; this test is that promise. Each ```python block
runs in one namespace, in an empty directory holding the files the page declares with
``<!-- file: NAME -->`` before a fenced block.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "python-api.md"
_FILE = re.compile(r"<!-- file: (?P<name>[\w./-]+) -->\n```\w*\n(?P<body>.*?)```", re.S)
_PYTHON = re.compile(r"```python\n(?P<body>.*?)```", re.S)


def test_the_page_declares_files_and_examples() -> None:
    text = DOC.read_text()
    assert [m["name"] for m in _FILE.finditer(text)] == ["project.yml"]
    assert len(_PYTHON.findall(text)) >= 6


@pytest.mark.slow
def test_every_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = DOC.read_text()
    for match in _FILE.finditer(text):
        (tmp_path / match["name"]).write_text(match["body"])
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "python_api_doc"}
    for number, match in enumerate(_PYTHON.finditer(text), start=1):
        code = compile(match["body"], f"{DOC.name} example {number}", "exec")
        exec(code, namespace)  # the documented examples are the test
    assert (tmp_path / ".iac" / "emulator").is_dir()  # they ran against the emulator
