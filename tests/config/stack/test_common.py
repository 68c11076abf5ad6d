"""Shared helpers of the stack kinds."""

from __future__ import annotations

from pathlib import Path

from data_iac.config.stack.common import add_permissions, apply_options, make_spec, primary
from data_iac.config.stack.context import StackContext


def test_make_spec_drops_laktory_keys_and_fills_defaults() -> None:
    raw = {"name": None, "comment": "c", "grants": [], "resource_options": {}, "lifecycle": {}}
    assert make_spec(raw, name="key") == {"name": "key", "comment": "c"}


def test_ignored_resource_options_are_noted() -> None:
    ctx = StackContext({}, Path("."))
    draft = ctx.add("databricks_job", "j", {}, ())
    options = {"aliases": ["a"], "depends_on": ["${resources.k}"]}
    apply_options(ctx, draft, {"resource_options": options}, ())
    assert ctx.notes == ["databricks_job.j: resource_options aliases ignored"]
    assert draft.depends_on_keys == [("${resources.k}", ("resource_options", "depends_on", 0))]


def test_the_provider_option_names_a_declared_provider() -> None:
    ctx = StackContext({}, Path("."))
    ctx.providers |= {"databricks", "databricks.dev"}
    dev, default, unknown = (ctx.add("databricks_job", k, {}, ()) for k in "abc")
    for draft, provider in (
        (dev, "${resources.databricks.dev}"),
        (default, "databricks"),
        (unknown, "${resources.databricks.prd}"),
    ):
        apply_options(ctx, draft, {"resource_options": {"provider": provider}}, ("p",))
    assert (dev.provider, default.provider, unknown.provider) == ("databricks.dev", None, None)
    [problem] = ctx.problems
    assert problem.message == "unknown provider 'databricks.prd'"


def test_permissions_reference_their_object() -> None:
    ctx = StackContext({}, Path("."))
    job = primary(ctx, "databricks_job", "j", {"name": "j"}, {}, ())
    acl = [{"user_name": "a@b.c", "permission_level": "IS_OWNER"}]
    add_permissions(ctx, "j", "jobs", job, {"access_controls": acl}, ())
    add_permissions(ctx, "k", "jobs", job, {}, ())  # no access_controls: nothing made
    _, permissions = ctx.resolve_references()
    assert permissions.spec == {
        "object_type": "jobs",
        "object_id": "${ref:databricks_job.j#id}",
        "access_control_list": acl,
    }


def test_moved_from_is_a_rename_of_the_same_kind() -> None:
    ctx = StackContext({}, Path("."))
    draft = ctx.add("databricks_job", "job-new", {}, ())
    apply_options(ctx, draft, {"resource_options": {"moved_from": "job-old"}}, ())
    assert ctx.moved == [("databricks_job.job-old", "databricks_job.job-new")]
    assert ctx.notes == []
