"""The pydantic models of the Dataiku format and the shared keys."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from data_iac.config.dataiku.schema import DataikuConfig, Dataset
from data_iac.config.schema import SharedConfig


def test_version_accepts_what_the_seed_accepts() -> None:
    # The seed's schema: version is text matching ^[0-9]+\.[0-9]+$ (config_v1.schema.json).
    for version in ("1", "1.0", 1, 1.0, "2.0", "1.5"):
        project = {"version": version, "project": {"key": "A", "name": "A"}}
        assert DataikuConfig.model_validate(project).version == str(version)
    for bad in ("v1", "1.0.0", True, "one"):
        with pytest.raises(ValidationError, match=r"MAJOR\.MINOR|valid string"):
            DataikuConfig.model_validate({"version": bad, "project": {"key": "A", "name": "A"}})


def test_unknown_keys_are_rejected() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Dataset.model_validate({"name": "A", "type": "managed", "colour": "red"})


def test_schema_key_is_an_alias() -> None:
    dataset = Dataset.model_validate(
        {"name": "A", "type": "managed", "schema": {"columns": [{"name": "id", "type": "int"}]}}
    )
    assert dataset.schema_ is not None and dataset.schema_.columns[0].name == "id"


def test_backend_is_discriminated_by_type() -> None:
    config = SharedConfig.model_validate({"backend": {"type": "s3", "bucket": "b", "region": "r"}})
    assert config.backend is not None and config.backend.type == "s3"
    with pytest.raises(ValidationError):
        SharedConfig.model_validate({"backend": {"type": "s3"}})  # bucket is required


def test_moved_uses_from_and_to() -> None:
    config = SharedConfig.model_validate({"moved": [{"from": "a.b", "to": "a.c"}]})
    assert config.moved[0].from_ == "a.b"
