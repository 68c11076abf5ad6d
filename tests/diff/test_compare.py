def test_closed_mapping_reports_keys_that_will_be_removed():
    from data_iac.diff.compare import MISSING, AttributeDiff, diff_attributes
    from data_iac.providers.base import KindSchema

    schema = KindSchema("k")
    want = {"grants": {"alice": ["USE"]}}
    have = {"grants": {"alice": ["USE"], "bob": ["BROWSE"]}}
    closed = frozenset({"grants"})
    assert diff_attributes(want, have, schema, closed=closed) == [
        AttributeDiff("grants.bob", ["BROWSE"], MISSING)
    ]
    assert diff_attributes(want, have, schema) == []
