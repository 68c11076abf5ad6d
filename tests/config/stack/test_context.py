"""Drafts, stack keys and ${resources...} references."""

from __future__ import annotations

from pathlib import Path

from data_iac.addresses import Address
from data_iac.config.stack.context import StackContext


def context() -> StackContext:
    return StackContext({}, Path("."))


def test_references_are_rewritten_and_unchanged_values_reused() -> None:
    ctx = context()
    target = ctx.add("databricks_job", "j", {"name": "j"}, ("resources", "jobs", "j"))
    ctx.register("j", target.address, ())
    untouched = {"x": [1, "plain"]}
    ctx.add(
        "databricks_permissions",
        "p",
        {"object_id": "${resources.j.id}", "note": "job ${resources.j.name}", "keep": untouched},
        (),
    )
    _, permissions = ctx.resolve_references()
    assert permissions.spec["object_id"] == "${ref:databricks_job.j#id}"
    assert permissions.spec["note"] == "job ${ref:databricks_job.j#name}"
    assert permissions.spec["keep"] is untouched
    assert permissions.depends_on == {Address("databricks_job", "j")}


def test_unknown_key_is_reported_with_a_suggestion() -> None:
    ctx = context()
    ctx.register("job-nightly", Address("databricks_job", "job-nightly"), ())
    ctx.add("databricks_permissions", "p", {"object_id": "${resources.job-nighty.id}"}, ())
    ctx.resolve_references()
    [problem] = ctx.problems
    assert problem.hint == "did you mean 'job-nightly'?"


def test_a_key_can_be_registered_once() -> None:
    ctx = context()
    assert ctx.register("k", Address("databricks_job", "k"), ())
    assert not ctx.register("k", Address("databricks_group", "k"), ())
    assert "used twice" in ctx.problems[0].message


def test_self_reference_is_not_a_dependency() -> None:
    ctx = context()
    draft = ctx.add("databricks_job", "j", {"name": "${resources.j.name}"}, ())
    ctx.register("j", draft.address, ())
    [job] = ctx.resolve_references()
    assert job.depends_on == frozenset()


def test_a_bare_key_in_a_field_is_an_error() -> None:
    ctx = context()
    ctx.register("j", Address("databricks_job", "j"), ())
    ctx.add("databricks_permissions", "p", {"object_id": "${resources.j}"}, ("p",))
    ctx.resolve_references()
    [problem] = ctx.problems
    assert problem.message == "${resources.j} names the whole resource: add an attribute"


def test_the_longest_declared_key_wins() -> None:
    ctx = context()
    ctx.register("app", Address("databricks_job", "app"), ())
    ctx.register("app.v2", Address("databricks_job", "app.v2"), ())
    ctx.add(
        "databricks_permissions",
        "p",
        {"a": "${resources.app.v2.id}", "b": "${resources.app.name}"},
        (),
    )
    *_, permissions = ctx.resolve_references()
    assert permissions.spec == {
        "a": "${ref:databricks_job.app.v2#id}",
        "b": "${ref:databricks_job.app#name}",
    }


def test_a_lookup_resolves_its_known_fields_only() -> None:
    ctx = context()
    ctx.register_lookup("wh", {"id": "d2fa", "name": "shared"}, ())
    ctx.add("databricks_job", "j", {"w": "${resources.wh.id}", "x": "${resources.wh.size}"}, ())
    [job] = ctx.resolve_references()
    assert job.spec["w"] == "d2fa"
    assert job.depends_on == frozenset()
    [problem] = ctx.problems
    assert "its size is not known" in problem.message
