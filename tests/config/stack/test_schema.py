"""The stack models: closed where small, open for REST documents."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from data_iac.config.stack.schema import OpenDocument, StackConfig, section_model


def test_rest_documents_pass_through_open_models() -> None:
    entry = OpenDocument.model_validate({"name": "j", "email_notifications": {}})
    assert entry.model_extra == {"name": "j", "email_notifications": {}}


def test_closed_models_reject_typos() -> None:
    with pytest.raises(ValidationError):
        section_model("groups").model_validate({"g": {"display_nam": "x"}})


def test_secret_permission_levels() -> None:
    scope = {"s": {"permissions": [{"principal": "p", "permission": "OWN"}]}}
    with pytest.raises(ValidationError):
        section_model("secretscopes").model_validate(scope)


def test_laktory_top_level_keys_are_accepted() -> None:
    config = StackConfig.model_validate(
        {"name": "w", "organization": "o", "backend": "pulumi", "config": {"databricks:host": "h"}}
    )
    assert config.backend == "pulumi"
