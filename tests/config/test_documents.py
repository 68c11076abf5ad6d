"""One document: templated, validated, built."""

from __future__ import annotations

from pathlib import Path

from data_iac.config.contribution import DocumentResult, add_providers
from data_iac.config.documents import build_document
from data_iac.config.loader import ConfigDocument


def test_shared_document_contributes_settings() -> None:
    data = {"name": "n", "backend": {"type": "local"}, "variables": {"a": 1}}
    result = build_document(ConfigDocument("shared", Path("s.yml"), data, {}), data, {}, {})
    assert (result.name, result.backend, result.problems) == ("n", {"type": "local"}, [])


def test_template_problems_come_first() -> None:
    data = {"project": {"key": "bad key", "name": "N", "description": "${vars.nope}"}}
    doc = ConfigDocument("dataiku", Path("p.yml"), data, {})
    result = build_document(doc, data, {}, {})
    assert [p.path for p in result.problems] == ["project.description", "project.key"]
    assert result.resources == []


def test_add_providers_marks_secrets_sensitive() -> None:
    result = DocumentResult()
    add_providers(result, {"databricks": {"host": "h", "token": "tok"}})
    assert result.providers == {"databricks": {"host": "h", "token": "tok"}}
    assert result.sensitive_values == {"tok"}
