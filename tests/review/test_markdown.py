"""``plan --markdown``: a pull-request comment with destructive changes first."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.cli.views.plan_markdown import render_markdown
from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.review.gates import plan_digest


def mixed_plan() -> Plan:
    return Plan(
        plan_id="p",
        prior_lineage="l",
        prior_serial=1,
        environment="prod",
        config_name="sales",
        changes=(
            ResourceChange(Address("dataiku_dataset", "S.a"), Action.CREATE, None, {"x": 1}),
            ResourceChange(
                Address("dataiku_recipe", "S.r"),
                Action.UPDATE,
                {},
                {"code": "a\nc\n"},
                diffs=(("code", "a\nb\n", "a\nc\n"),),
            ),
            ResourceChange(Address("dataiku_dataset", "S.z"), Action.DELETE, {"x": 1}, None),
        ),
        drift=(
            ResourceChange(
                Address("dataiku_project", "S"),
                Action.UPDATE,
                {"description": "old"},
                {"description": "ui"},
            ),
        ),
    )


def test_markdown_comment_of_a_mixed_plan() -> None:
    plan = mixed_plan()
    text = render_markdown(plan)
    assert text.startswith("## data-iac plan: `sales` / `prod`\n\n**Plan: 1 to add, 1 to change")
    assert "| create | 1 |" in text and "| delete | 1 |" in text
    assert "- `dataiku_dataset.S.z`: delete" in text
    assert plan_digest(plan) in text
    sections = [line for line in text.splitlines() if line.startswith("<summary>")]
    assert sections[0] == "<summary>**delete** <code>dataiku_dataset.S.z</code></summary>"
    assert len(sections) == 3
    assert "-           b\n+           c" in text  # the line diff, coloured by GitHub
    assert "### Drift found while refreshing (1)" in text
    assert '!       description = "old" -> "ui"' in text
    assert text.count("```diff") == text.count("```") // 2
