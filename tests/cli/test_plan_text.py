from __future__ import annotations

from data_iac.addresses import Address
from data_iac.cli.views.plan_compact import render_compact
from data_iac.cli.views.plan_text import render_plan, summary_line
from data_iac.model.plan import Action, Plan, ResourceChange


def plan_of(*changes: ResourceChange) -> Plan:
    return Plan(plan_id="p", prior_lineage="l", prior_serial=1, changes=changes)


def text(plan: Plan) -> str:
    return "\n".join(line for line, _ in render_plan(plan))


def test_summary_counts_replace_as_add_and_destroy():
    plan = plan_of(
        ResourceChange(Address("k", "a"), Action.CREATE, None, {"x": 1}),
        ResourceChange(Address("k", "b"), Action.UPDATE, {"x": 1}, {"x": 2}, ("x",)),
        ResourceChange(Address("k", "c"), Action.REPLACE, {"t": 1}, {"t": 2}, ("t",)),
        ResourceChange(Address("k", "d"), Action.DELETE, {"x": 1}, None),
    )
    assert summary_line(plan) == "Plan: 2 to add, 1 to change, 2 to destroy."


def test_symbols_and_nested_attribute_lines():
    plan = plan_of(
        ResourceChange(Address("k", "a"), Action.CREATE, None, {"params": {"table": "t"}}),
        ResourceChange(
            Address("k", "b"),
            Action.UPDATE,
            {"params": {"table": "old"}},
            {"params": {"table": "new"}},
            ("params.table",),
        ),
        ResourceChange(Address("k", "c"), Action.REPLACE, {"type": "A"}, {"type": "B"}, ("type",)),
    )
    out = text(plan)
    assert "  + k.a {" in out and '+ table = "t"' in out
    assert '  ~ params = {\n          ~ table = "old" -> "new"\n        }' in out
    assert "-/+ k.c" in out and "forces replacement: type" in out


def test_sensitive_values_never_printed():
    plan = plan_of(
        ResourceChange(
            Address("k", "s"), Action.CREATE, None, {"value": "hunter2"}, sensitive=("value",)
        ),
        ResourceChange(
            Address("k", "t"),
            Action.UPDATE,
            {},
            {"value": "hunter3"},
            ("value",),
            sensitive=("value",),
        ),
    )
    out = text(plan)
    assert "hunter" not in out and "(sensitive)" in out
    assert "hunter" not in str(plan.to_json())


def test_empty_plan_says_no_changes():
    noop = ResourceChange(Address("k", "a"), Action.NOOP, {"x": 1}, {"x": 1})
    assert "No changes." in text(plan_of(noop))


def test_sorted_by_address_within_action_groups():
    plan = plan_of(
        ResourceChange(Address("k", "z"), Action.DELETE, {"x": 1}, None),
        ResourceChange(Address("k", "b"), Action.CREATE, None, {"x": 1}),
        ResourceChange(Address("j", "y"), Action.UPDATE, {"x": 1}, {"x": 2}, diffs=(("x", 1, 2),)),
        ResourceChange(Address("k", "a"), Action.CREATE, None, {"x": 1}),
        ResourceChange(Address("a", "d"), Action.DELETE, {"x": 1}, None),
    )
    heads = [line for line, _ in render_plan(plan) if line.startswith("  # ")]
    assert [h.split()[1] for h in heads] == ["k.a", "k.b", "j.y", "a.d", "k.z"]


def test_references_never_leak_and_long_values_are_whole():
    long = "x" * 400 + "END"
    plan = plan_of(
        ResourceChange(
            Address("k", "a"),
            Action.CREATE,
            None,
            {
                "path": "${ref:databricks_notebook.nb#path}",
                "note": "in ${ref:k.b#id}",
                "long": long,
            },
        )
    )
    out = text(plan)
    assert "${ref:" not in out
    assert out.count("(known after apply)") == 2
    assert long in out


def test_new_nested_key_is_an_addition_and_removed_key_a_removal():
    plan = plan_of(
        ResourceChange(
            Address("k", "a"),
            Action.UPDATE,
            {},
            {"params": {}},
            diffs=(("params.region", None, "eu"), ("params.zone", "a", None)),
        )
    )
    out = text(plan)
    assert '+ region = "eu"' in out and "null" not in out.split("region")[1].split("\n")[0]
    assert '- zone   = "a" -> null' in out


def test_keyed_list_shows_added_and_removed_elements():
    old = [{"principal": "a", "privileges": ["SELECT"]}, {"principal": "b", "privileges": []}]
    new = [{"principal": "a", "privileges": ["SELECT"]}, {"principal": "c", "privileges": []}]
    plan = plan_of(
        ResourceChange(Address("k", "a"), Action.UPDATE, {}, {}, diffs=(("acl", old, new),))
    )
    out = text(plan)
    assert '+ principal  = "c"' in out and '- principal  = "b"' in out
    assert "# (1 unchanged element hidden)" in out


def test_content_hash_change_is_named():
    old, new = "ab12" * 16, "cd34" * 16
    plan = plan_of(
        ResourceChange(
            Address("databricks_notebook", "nb"),
            Action.UPDATE,
            {},
            {"path": "/x"},
            diffs=(("content_sha256", old, new),),
        )
    )
    assert "content changed (sha256 ab12ab12ab12... -> cd34cd34cd34...)" in text(plan)


def test_compact_form_keeps_one_line_per_attribute():
    plan = plan_of(
        ResourceChange(
            Address("k", "b"),
            Action.UPDATE,
            {"params": {"table": "old"}},
            {"params": {"table": "new"}},
            ("params.table",),
            diffs=(("params.table", "old", "new"),),
        )
    )
    out = "\n".join(line for line, _ in render_compact(plan))
    assert '      ~ params.table = "old" -> "new"' in out


def test_list_keys_come_from_the_kind_registry_first():
    from data_iac.cli.views import list_keys
    from data_iac.kinds import registered
    from data_iac.model.kind import KindSpec

    list_keys._declared.cache_clear()
    old = [{"ident": "a", "name": "x"}, {"ident": "b", "name": "y"}]
    new = [{"ident": "a", "name": "y"}, {"ident": "b", "name": "x"}]
    try:
        with registered(KindSpec("some_kind", list_keys={"blocks": "ident"})):
            assert list_keys.element_key("some_kind", "blocks", old, new) == ("ident",)
    finally:
        list_keys._declared.cache_clear()


def test_a_principal_with_dots_stays_one_key():
    plan = plan_of(
        ResourceChange(
            Address("databricks_grants", "catalog/main"),
            Action.UPDATE,
            {},
            {},
            diffs=(("grants.ana.lopez@example.com", None, ["SELECT"]),),
        )
    )
    assert '+ ana.lopez@example.com = [\n              + "SELECT",' in text(plan)


def test_access_lists_are_matched_by_their_principal_fields():
    from data_iac.cli.views import list_keys

    old = [{"group_name": "a", "permission_level": "CAN_RUN"}]
    new = [{"group_name": "a", "permission_level": "CAN_MANAGE"}]
    key = list_keys.element_key("databricks_permissions", "access_control_list", old, new)
    assert key == ("user_name", "group_name", "service_principal_name")


def test_a_list_element_difference_is_drawn_under_its_key_and_counts_its_field():
    change = ResourceChange(
        Address("databricks_job", "j"),
        Action.UPDATE,
        {},
        {"name": "j", "tasks": [], "tags": {}},
        diffs=(("tasks[load.v2].notebook_task.notebook_path", "/a", "/b"),),
    )
    out = text(plan_of(change))
    assert "~ tasks[load.v2] = {" in out  # a dot inside an element key does not split it
    assert '~ notebook_path = "/a" -> "/b"' in out
    assert "(2 unchanged attributes hidden)" in out
