"""The seed's Dataiku type names and DSS's own: one table, used by validation and build.

DSS names dataset types in CamelCase (``Filesystem``, ``Snowflake``, ``SQLServer``); the
Dataiku IaC format writes them in lower case (``managed``, ``snowflake``, ``sqlserver``).
A lower-case name we do not know is an error (likely a typo); any other spelling is taken
to be DSS's own (plugins add their own types) and passes through. The seed's generic
``sql`` maps to ``PostgreSQL``, DSS's most common SQL connection type; its ``azure_blob``
is DSS's ``Azure`` (Azure Blob Storage).

Recipe types follow the same rule. DSS's own native types are those dataikuapi 15.2.0 can
create (``DSSProject.new_recipe`` and the ``*RecipeCreator`` classes of
``dataikuapi/dss/recipe.py``); the seed adds ``sql`` (DSS ``sql_query``), ``group``
(``grouping``) and ``prepare`` (``shaker``); ``stack`` (``vstack``) is the UI's name.
A plugin's recipe type (``CustomCode_...``) passes through.

Format types: the seed's schema allows ``parquet``, ``csv``, ``json`` and ``avro``
(``dataikuapi/iac/schemas/config_v1.schema.json``); those are the ones checked.
"""

from __future__ import annotations

__all__ = [
    "CODE_ENV_RECIPE_TYPES",
    "DATASET_TYPES",
    "DSS_RECIPE_TYPES",
    "FORMAT_TYPES",
    "MANAGED_CONNECTION",
    "RECIPE_TYPES",
    "dss_dataset_type",
    "dss_recipe_type",
]

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
    "azure_blob": "Azure",
    "hdfs": "HDFS",
    "inline": "Inline",
}
RECIPE_TYPES: dict[str, str] = {
    "sql": "sql_query",
    "group": "grouping",
    "prepare": "shaker",
    "stack": "vstack",  # DSS's UI calls its vstack recipe "Stack"
}
DSS_RECIPE_TYPES = frozenset(
    {
        # code recipes
        "python", "r", "sql_script", "sql_query", "pyspark", "sparkr", "spark_scala",
        "spark_sql_query", "shell", "cpython", "ksql", "streaming_spark_scala",
        # visual recipes
        "sync", "csync", "grouping", "window", "join", "fuzzyjoin", "geojoin", "vstack",
        "distinct", "sort", "topn", "pivot", "split", "sampling", "shaker", "upsert",
        "download", "export", "generate_features", "extract_failed_rows",
        # ML and LLM recipes
        "prediction_scoring", "clustering_scoring", "evaluation", "standalone_evaluation",
        "nlp_llm_evaluation", "nlp_agent_evaluation", "nlp_llm_rag_embedding",
        "embed_dataset", "embed_documents", "extract_content", "extract_fields", "prompt",
    }
)  # fmt: skip
FORMAT_TYPES = frozenset({"parquet", "csv", "json", "avro"})
# DSS recipe types whose params select a code env (``envSelection``; dataikuapi's
# ``CodeRecipeSettings.set_code_env`` refuses a recipe without one).
CODE_ENV_RECIPE_TYPES = frozenset({"python", "r", "pyspark", "sparkr", "cpython"})
MANAGED_CONNECTION = "filesystem_managed"


def dss_dataset_type(written: str) -> str | None:
    """DSS's type name for a type as written, or None for an unknown lower-case name."""
    if written in DATASET_TYPES:
        return DATASET_TYPES[written]
    return None if written.islower() else written


def dss_recipe_type(written: str) -> str | None:
    """DSS's recipe type for a type as written, or None for an unknown lower-case name."""
    if written in RECIPE_TYPES:
        return RECIPE_TYPES[written]
    if written in DSS_RECIPE_TYPES or not written.islower():
        return written
    return None
