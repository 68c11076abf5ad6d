"""The seed's Dataiku type names and DSS's own: one table, used by validation and build.

DSS names dataset types in CamelCase (``Filesystem``, ``Snowflake``, ``SQLServer``); the
Dataiku IaC format writes them in lower case (``managed``, ``snowflake``, ``sqlserver``).
A lower-case name we do not know is an error (likely a typo); any other spelling is taken
to be DSS's own (plugins add their own types) and passes through. The seed's generic
``sql`` maps to ``PostgreSQL``, DSS's most common SQL connection type.
"""

from __future__ import annotations

__all__ = ["DATASET_TYPES", "MANAGED_CONNECTION", "RECIPE_TYPES", "dss_dataset_type"]

DATASET_TYPES: dict[str, str] = {
    "managed": "Filesystem",
    "filesystem": "Filesystem",
    "uploaded": "UploadedFiles",
    "snowflake": "Snowflake",
    "postgresql": "PostgreSQL",
    "postgres": "PostgreSQL",
    "sql": "PostgreSQL",
    "mysql": "MySQL",
    "oracle": "Oracle",
    "sqlserver": "SQLServer",
    "bigquery": "BigQuery",
    "redshift": "Redshift",
    "synapse": "Synapse",
    "teradata": "Teradata",
    "vertica": "Vertica",
    "databricks": "Databricks",
    "jdbc": "JDBC",
    "s3": "S3",
    "gcs": "GCS",
    "azure": "Azure",
    "hdfs": "HDFS",
    "inline": "Inline",
}
RECIPE_TYPES: dict[str, str] = {"sql": "sql_query", "prepare": "shaker"}
MANAGED_CONNECTION = "filesystem_managed"


def dss_dataset_type(written: str) -> str | None:
    """DSS's type name for a type as written, or None for an unknown lower-case name."""
    if written in DATASET_TYPES:
        return DATASET_TYPES[written]
    return None if written.islower() else written
