"""Laktory's ``${{ expression }}`` language: parsed and whitelisted, never eval'd."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.config.expressions import evaluate
from data_iac.errors import TemplateError

VARIABLES = {"env": "prod", "Workers": 4, "tags": ["a", "b"], "is_dev": False}


def lookup(namespace: str, name: str) -> Any:
    source = VARIABLES if namespace == "vars" else {"HOME_DIR": "/home/x"}
    for key, value in source.items():
        if key.lower() == name.lower():
            return value
    raise TemplateError(f"unresolved {namespace}.{name}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The example of Laktory's own docs (models/basemodel.py, inject_vars docstring).
        ("4 if vars.env == 'prod' else 2", 4),
        ("'dev' if vars.is_dev else 'prd'", "prd"),
        ("vars.workers * 2 + 1", 9),
        ("var.env.upper()", "PROD"),
        ("vars.env in ['prod', 'staging'] and not vars.is_dev", True),
        ("len(vars.tags)", 2),
        ("vars.tags[-1]", "b"),
        ("'-'.join(vars.tags)", "a-b"),
        ("env.HOME_DIR + '/x'", "/home/x/x"),
        ("1 < vars.workers <= 4", True),
        ("{'a': vars.env}", {"a": "prod"}),
        ("vars.env[:2]", "pr"),
    ],
)
def test_evaluates_the_whitelisted_forms(text: str, expected: Any) -> None:
    assert evaluate(text, lookup) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("__import__('os').system('true')", "call of __import__"),
        ("().__class__.__bases__", "attribute '.__bases__'"),
        ("vars.env.__class__", "attribute '.__class__'"),
        ("[x for x in vars.tags]", "ListComp"),
        ("lambda: 1", "Lambda"),
        ("open('/etc/passwd')", "call of open"),
        ("'a' * 1000", "repeating a string"),
        ("2 ** 10", "operator Pow"),
        ("env", "unknown name 'env'"),
        ("vars.unknown", "unresolved vars.unknown"),
        ("1 +", "invalid expression"),
        ("1 / 0", "failed: division by zero"),
        ("vars.tags.append(1)", "call of vars.tags.append"),
    ],
)
def test_rejects_everything_else_with_a_template_error(text: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        evaluate(text, lookup)
    assert message in caught.value.summary


def test_a_very_long_expression_is_refused_before_parsing() -> None:
    with pytest.raises(TemplateError, match="longer than"):
        evaluate("1+" * 2_000 + "1", lookup)
