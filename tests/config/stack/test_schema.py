"""The stack models: closed where small, open for REST documents."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from data_iac.config.stack.schema import SECTION_MODELS, StackConfig


def test_rest_documents_pass_through_open_models() -> None:
    section = SECTION_MODELS["jobs"].model_validate({"j": {"name": "j", "email_notifications": {}}})
    assert section.root["j"].model_extra == {"name": "j", "email_notifications": {}}


def test_closed_models_reject_typos() -> None:
    with pytest.raises(ValidationError):
        SECTION_MODELS["groups"].model_validate({"g": {"display_nam": "x"}})


def test_secret_permission_levels() -> None:
    scope = {"s": {"permissions": [{"principal": "p", "permission": "OWN"}]}}
    with pytest.raises(ValidationError):
        SECTION_MODELS["secretscopes"].model_validate(scope)


def test_laktory_top_level_keys_are_accepted() -> None:
    config = StackConfig.model_validate(
        {"name": "w", "organization": "o", "backend": "pulumi", "config": {"databricks:host": "h"}}
    )
    assert config.backend == "pulumi"
