"""Config YAML from live objects (``iac generate``): pure writers for the Dataiku project
format (dataiku.py) and the Laktory stack format (databricks.py), their readers
(collect.py, databricks_collect.py) and the YAML text (yaml_out.py)."""
