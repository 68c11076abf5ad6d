"""The Databricks stack format (Laktory's ``stack.yaml``): models, per-kind builders."""
