"""The rules of the DSS objects beyond the seed's format: code envs and their references,
connections (no secret in ``params``), wiki articles (one home, no article its own
parent). Each reports located problems through the caller's ``report``."""

from __future__ import annotations

from typing import Any, Protocol

from data_iac.config.dataiku.types import CODE_ENV_RECIPE_TYPES, dss_recipe_type
from data_iac.config.locations import Marks, NodePath, locate

__all__ = ["SECRET_PARAMS", "check_instance_objects", "check_wiki_articles"]

# Connection params that hold secrets: they belong in ``credentials:`` (never shown).
SECRET_PARAMS = frozenset(
    {"password", "secretkey", "privatekey", "privatekeypassword", "clientsecret", "token",
     "apikey", "accesstoken", "refreshtoken", "sastoken"}
)  # fmt: skip


class _Rules(Protocol):
    marks: Marks

    def named(self, section: str) -> Any: ...

    def report(self, path: NodePath, message: str, hint: str = "") -> None: ...


def check_instance_objects(rules: _Rules) -> None:
    """Code envs, their references, and connections."""
    _check_recipe_code_envs(rules)
    seen: dict[Any, int] = {}
    for index, name, env in rules.named("code_envs"):
        lang = str(env.get("lang") or "PYTHON").upper()
        if lang == "R" and env.get("python_interpreter") is not None:
            rules.report(("code_envs", index, "python_interpreter"),
                         f"code env '{name}' is an R env: it has no Python interpreter",
                         "remove python_interpreter, or set lang: PYTHON")  # fmt: skip
        _once(rules, seen, ("code_envs", index), (lang, name), f"code env {lang} '{name}'",
              "a code env name is unique per language on a DSS instance")  # fmt: skip
    seen = {}
    for index, name, connection in rules.named("connections"):
        _once(rules, seen, ("connections", index), name, f"connection '{name}'",
              "a connection name is unique on a DSS instance")  # fmt: skip
        params = connection.get("params")
        for key in params if isinstance(params, dict) else ():
            if str(key).lower() in SECRET_PARAMS:
                rules.report(("connections", index, "params", key),
                             f"'{key}' is a secret: it would be shown in plans and state",
                             f"move it to credentials: {{{key}: ...}} (write-only, "
                             "never shown)")  # fmt: skip


def check_wiki_articles(rules: _Rules) -> None:
    """One home article at most; an article is not its own parent."""
    homes = []
    for index, name, article in rules.named("wiki_articles"):
        if article.get("parent") == name:
            rules.report(("wiki_articles", index, "parent"),
                         f"article '{name}' cannot be its own parent",
                         "name another article, or leave parent out (top level)")  # fmt: skip
        if article.get("home") is True:
            homes.append(index)
    for index in homes[1:]:
        rules.report(("wiki_articles", index, "home"), "a wiki has one home article",
                     f"home is already set on wiki_articles[{homes[0]}]")  # fmt: skip


def _check_recipe_code_envs(rules: _Rules) -> None:
    for index, name, recipe in rules.named("recipes"):
        written = recipe.get("type")
        dss_type = dss_recipe_type(written) if isinstance(written, str) else None
        if "code_env" in recipe and dss_type and dss_type not in CODE_ENV_RECIPE_TYPES:
            rules.report(("recipes", index, "code_env"),
                         f"recipe '{name}' of type {written} runs in no code env",
                         f"only {', '.join(sorted(CODE_ENV_RECIPE_TYPES))} recipes take "
                         "code_env")  # fmt: skip


def _once(rules: _Rules, seen: dict[Any, int], path: NodePath, key: Any, what: str,
          hint: str) -> None:  # fmt: skip
    if key in seen:
        first = locate(rules.marks, (path[0], seen[key]))
        where = f" (first defined at {first})" if first else ""
        rules.report((*path, "name"), f"duplicate {what}{where}", hint)
    seen.setdefault(key, int(path[1]))
