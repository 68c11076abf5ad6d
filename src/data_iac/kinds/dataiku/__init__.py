"""Dataiku DSS kinds: one ``KindSpec`` record per module (``SPEC``), found by the registry."""
