# Databricks notebook source
# Ingest the day's raw files from the landing volume into the bronze schema.

# COMMAND ----------

dbutils.widgets.text("catalog", "dev_lakehouse")  # noqa: F821 (a Databricks global)
catalog = dbutils.widgets.get("catalog")  # noqa: F821

# COMMAND ----------

landing = f"/Volumes/{catalog}/bronze/landing"
df = spark.read.format("json").load(landing)  # noqa: F821
df.write.mode("append").saveAsTable(f"{catalog}.bronze.events")
