"""Operation values and SQL placeholder rendering."""

from __future__ import annotations

from data_iac.pipelines.operations import render_sql


def test_render_sql_replaces_only_the_placeholders():
    sql = "SELECT * FROM {df} JOIN {nodes.a-b} USING (k) WHERE m = map('{x}', 1)"
    rendered = render_sql(sql, df_table="t0", node_tables={"a-b": "t1"})
    assert rendered == "SELECT * FROM t0 JOIN t1 USING (k) WHERE m = map('{x}', 1)"
