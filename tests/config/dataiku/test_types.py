"""The seed's type names and DSS's own."""

from __future__ import annotations

import pytest

from data_iac.config.dataiku.types import dss_dataset_type


@pytest.mark.parametrize(
    ("written", "dss"),
    [
        ("managed", "Filesystem"),
        ("filesystem", "Filesystem"),
        ("snowflake", "Snowflake"),
        ("postgresql", "PostgreSQL"),
        ("sql", "PostgreSQL"),
        ("sqlserver", "SQLServer"),
        ("bigquery", "BigQuery"),
        ("s3", "S3"),
        ("Snowflake", "Snowflake"),
        ("UploadedFiles", "UploadedFiles"),
        ("CustomPluginType", "CustomPluginType"),
    ],
)
def test_known_and_passthrough_names(written: str, dss: str) -> None:
    assert dss_dataset_type(written) == dss


def test_unknown_lower_case_name_is_none() -> None:
    assert dss_dataset_type("snowflak") is None
