"""Placeholders: what resolves, what passes through, and where failures point."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_iac.config.templating import TemplateScope, render, render_text
from data_iac.errors import TemplateError


def text(
    value: str, variables: dict[str, Any] | None = None, environ: dict[str, str] | None = None
) -> Any:
    return render_text(value, TemplateScope(variables or {}, environ or {}))


def test_vars_prefer_config_variables_then_environment() -> None:
    assert text("${vars.A}", {"A": "config"}, {"A": "env"}) == "config"
    assert text("${vars.B}", {}, {"B": "env"}) == "env"


def test_env_prefers_environment_then_config_variables() -> None:
    assert text("{{ env.DB }}", {"DB": "default"}, {"DB": "exported"}) == "exported"
    assert text("{{env.DB}}", {"DB": "default"}, {}) == "default"
    assert text("${env.DB}-x", {}, {"DB": "e"}) == "e-x"


def test_a_whole_placeholder_keeps_the_value_type() -> None:
    assert text("${vars.items}", {"items": [1, 2]}) == [1, 2]
    assert text("n=${vars.n}", {"n": 3}) == "n=3"
    assert text("{{ vars.flag }}", {"flag": True}) is True


def test_variables_may_use_placeholders() -> None:
    assert text("${vars.a}", {"a": "${vars.b}!", "b": "${env.C}"}, {"C": "c"}) == "c!"


def test_variable_loop_is_an_error() -> None:
    with pytest.raises(TemplateError, match="loop"):
        text("${vars.a}", {"a": "${vars.b}", "b": "${vars.a}"})


@pytest.mark.parametrize(
    "untouched",
    [
        "${projectKey}",
        "{{job.parameters.x}}",
        "{{ job.start_time.iso_date }}",
        "${resources.job-1.id}",
        "{{tasks.t.values.v}}",
        "$HOME and {{ not closed",
        "/data/${env}/orders and ${vars}",
    ],
)
def test_other_placeholders_pass_through(untouched: str) -> None:
    assert text(untouched) == untouched


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("${vars.}", "names no variable"),
        ("${env.}", "names no variable"),
        ("a ${vars.a.b.c} b", "variable names have no dots"),
        ("${vars.a", "unclosed placeholder"),
        ("$HOME and ${ not closed", "unclosed placeholder"),
        ("{{ vars.a | upper }}", "filters and expressions are not supported"),
        ("{{ env.A }} {{ vars.a", "unclosed placeholder"),
    ],
)
def test_malformed_placeholders_are_errors_not_text(written: str, message: str) -> None:
    """A placeholder of ours written wrong would otherwise reach the platform as text."""
    with pytest.raises(TemplateError, match=message):
        text(written, {"a": "x", "A": "y"})


def test_dollar_dollar_escapes() -> None:
    assert text("$${vars.X} costs $$5", {"X": "no"}) == "${vars.X} costs $$5"


def test_unresolved_placeholders_are_located_diagnostics() -> None:
    data = {"datasets": [{"connection": "{{ env.MISSING }}"}, {"c": "${vars.ALSO}"}]}
    rendered, problems = render(data, {}, {}, {})
    assert [p.path for p in problems] == ["datasets[0].connection", "datasets[1].c"]
    assert "MISSING" in problems[0].message and "variables:" in problems[0].hint
    assert rendered == data


def test_render_is_copy_on_write() -> None:
    untouched = {"a": [1, "x"], "b": {"c": "y"}}
    data = {"keep": untouched, "change": ["${vars.v}"]}
    rendered, _ = render(data, {"v": 1}, {}, {})
    assert rendered["keep"] is untouched
    assert rendered["change"] == [1]
    assert data["change"] == ["${vars.v}"]  # the input is not modified


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_data_without_placeholders_round_trips(value: Any) -> None:
    def has_placeholder(v: Any) -> bool:
        if isinstance(v, str):
            return "${" in v or "{{" in v
        if isinstance(v, dict):
            return any(has_placeholder(x) for x in v.values())
        if isinstance(v, list):
            return any(has_placeholder(x) for x in v)
        return False

    rendered, problems = render(value, {}, {}, {})
    if not has_placeholder(value):
        assert rendered is value and problems == []


@given(st.text().filter(lambda s: "${" not in s and "{{" not in s))
def test_text_without_placeholder_is_unchanged(value: str) -> None:
    assert text(value) == value
