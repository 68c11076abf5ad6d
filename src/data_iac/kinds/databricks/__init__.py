"""Databricks kinds: one ``KindSpec`` record per module (``SPEC``), found by the registry.

Modules whose name starts with ``_`` hold pure helpers shared by several records.
"""
