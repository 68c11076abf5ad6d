from __future__ import annotations

from data_iac.model.sensitive import sensitive_digest, sensitive_matches


def test_digest_is_salted_and_never_contains_the_value():
    one = sensitive_digest("hunter2", "databricks_secret.a")
    assert "hunter2" not in one
    assert one != sensitive_digest("hunter2", "databricks_secret.b")
    assert sensitive_matches("hunter2", one, "databricks_secret.a")
    assert not sensitive_matches("hunter3", one, "databricks_secret.a")
