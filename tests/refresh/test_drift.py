"""Drift reports and their renderings: pure."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.model.plan import Action, ResourceChange
from data_iac.refresh.drift import Unmanaged, drift_report, render_markdown, render_text

CHANGED = ResourceChange(
    Address("dataiku_dataset", "P.ORDERS"),
    Action.UPDATE,
    before={"params.table": "orders"},
    after={"params.table": "orders_v2"},
    reasons=("changed outside data-iac",),
    remote_id="P.ORDERS",
)
DELETED = ResourceChange(
    Address("databricks_schema", "main.raw"), Action.DELETE, before={}, remote_id="main.raw"
)


def test_report_lists_changed_fields_and_deletions() -> None:
    report = drift_report([CHANGED, DELETED], [Unmanaged("dataiku_dataset", "P.X")])
    data = report.to_json()
    assert report.has_drift
    assert data["summary"] == {"changed": 1, "deleted": 1, "unmanaged": 1}
    assert data["drift"][0] == {
        "address": "databricks_schema.main.raw",
        "status": "deleted",
        "remote_id": "main.raw",
    }
    assert data["drift"][1]["fields"] == [
        {"path": "params.table", "recorded": "orders", "live": "orders_v2"}
    ]


def test_unmanaged_alone_is_not_drift() -> None:
    report = drift_report([], [Unmanaged("databricks_job", "7", detail="")])
    assert not report.has_drift
    text = [line for line, _ in render_text(report)]
    assert text[0].startswith("No drift") and "  ? databricks_job 7" in text


def test_text_and_markdown() -> None:
    report = drift_report([CHANGED, DELETED])
    text = [line for line, _ in render_text(report)]
    assert '      ~ params.table = "orders" -> "orders_v2"' in text
    assert "  # databricks_schema.main.raw has been deleted" in text
    markdown = render_markdown(report)
    assert "| `databricks_schema.main.raw` | deleted |  |  |  |" in markdown
    assert '| `dataiku_dataset.P.ORDERS` | changed | `params.table` | `"orders"` |' in markdown
    assert render_markdown(drift_report([])).endswith(
        "No drift: every managed object matches the state.\n"
    )
