"""Placeholders in config values, resolved before validation.

Understood, anywhere inside a string:

- ``${vars.NAME}`` and ``{{ vars.NAME }}``: the config variable NAME, else the environment
  variable NAME;
- ``${env.NAME}`` and ``{{ env.NAME }}``: the environment variable NAME, else the config
  variable NAME (so a config can give defaults to the seed's ``{{ env.DB_CONN }}``);
- ``${{ expression }}``: Laktory's inline expression (``${{ 4 if vars.env == 'prod' else
  2 }}``), evaluated by the parsed, whitelisted language of ``config/expressions.py``;
- ``$${`` is an escape for a literal ``${``.

Names are looked up exactly, then case-insensitively (Laktory's ``${vars.X}`` ignores case),
and ``${var.X}`` is ``${vars.X}``.

A caller may add namespaces (a Laktory stack adds ``${settings.X}``, alias ``${setting.X}``,
and ``${current_user.X}``): a namespace or a name in it may be refused with a reason, which
is then a located error. Where no caller added them, such placeholders pass through as text.

A placeholder that looks like one of ours but is malformed is an error, never passed on
as text: ``${vars.}``, ``${vars.a.b}`` (names have no dots), ``{{ vars.a | upper }}`` (no
filters or expressions), and an unclosed ``${``.

Everything else passes through untouched: DSS's ``${projectKey}``, Databricks'
``{{job.parameters.x}}``, and ``${resources.KEY.ATTR}`` references (config/dataiku/desired.py and
config/stack/document.py turn those into canonical references). A string that is exactly one
placeholder takes the variable's value with its type (a list stays a list); inside a longer
string the value is written as text. Variables may use placeholders themselves.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.config.expressions import evaluate
from data_iac.config.locations import Marks, NodePath, format_path, locate
from data_iac.errors import Diagnostic, TemplateError

__all__ = ["Namespace", "Refused", "TemplateScope", "render", "render_text"]

_NAMESPACE = r"vars|var|env|settings|setting|current_user"
_PLACEHOLDER = re.compile(
    r"\$\$\{"
    r"|\$\{\{(?P<expr>.*?)\}\}"
    rf"|\$\{{\s*(?P<ns>{_NAMESPACE})\.(?P<name>[A-Za-z_][\w-]*)\s*\}}"
    r"|\{\{\s*(?P<ns2>vars|var|env)\.(?P<name2>[A-Za-z_][\w-]*)\s*\}\}"
)
_MAX_DEPTH = 10
# Anything that starts like one of our placeholders, well formed or not (``${env}`` without
# a dot is not ours: DSS projects may have a variable named ``env``).
_SUSPECT = re.compile(
    rf"(?<!\$)\$\{{\s*(?:{_NAMESPACE})\s*\.[^}}]*\}}?"
    r"|(?<!\$)\{\{\s*(?:vars|var|env)\s*\.(?:(?!\}\}).)*(?:\}\})?"
    r"|(?<!\$)\$\{[^}]*$",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Refused:
    """A namespace, or a name in one, that a config cannot use: why, and what to do."""

    reason: str
    hint: str


Namespace = Mapping[str, Any] | Refused
_ALIASES = {"var": "vars", "setting": "settings"}


class TemplateScope:
    """The names a placeholder can resolve to."""

    def __init__(
        self,
        variables: Mapping[str, Any],
        environ: Mapping[str, str],
        namespaces: Mapping[str, Namespace] | None = None,
    ) -> None:
        self.variables = variables
        self.environ = environ
        self.namespaces = namespaces or {}

    def lookup(self, namespace: str, name: str, depth: int) -> Any:
        namespace = _ALIASES.get(namespace, namespace)
        if namespace not in ("vars", "env"):
            return self._lookup_added(namespace, name, depth)
        first, second = (
            (self.variables, self.environ)
            if namespace == "vars"
            else (self.environ, self.variables)
        )
        for source in (first, second):
            key = name if name in source else _folded(source, name)
            if key is not None:
                value = source[key]
                return render_text(value, self, depth + 1) if isinstance(value, str) else value
        settings = self.namespaces.get("settings")
        if namespace == "vars" and isinstance(settings, Mapping) and _folded(settings, name):
            return self._lookup_added("settings", name, depth)  # Laktory's last fallback
        close = difflib.get_close_matches(name, [str(k) for k in self.variables], n=1)
        raise TemplateError(
            f"unresolved placeholder {namespace}.{name}",
            hint=(f"did you mean '{close[0]}'? " if close else "")
            + f"define '{name}' under variables: (or in an environment's variables:), "
            f"or export {name} in the environment",
        )

    def _lookup_added(self, namespace: str, name: str, depth: int) -> Any:
        found = self.namespaces.get(namespace)
        if found is None:
            raise TemplateError(
                f"{namespace}.{name} is Laktory's and is understood in a Laktory stack only",
                hint="refer to variables as vars.NAME (or env.NAME for environment variables)",
            )
        if isinstance(found, Refused):
            raise TemplateError(found.reason, hint=found.hint)
        key = name if name in found else _folded(found, name)
        if key is None:
            close = difflib.get_close_matches(name, [str(k) for k in found], n=1)
            raise TemplateError(
                f"unknown {namespace}.{name}",
                hint=(f"did you mean '{close[0]}'? " if close else "")
                + f"{namespace} are: {', '.join(sorted(str(k) for k in found))}",
            )
        value = found[key]
        if isinstance(value, Refused):
            raise TemplateError(value.reason, hint=value.hint)
        return render_text(value, self, depth + 1) if isinstance(value, str) else value


def _folded(source: Mapping[str, Any], name: str) -> str | None:
    """The key of ``source`` equal to ``name`` ignoring case, if any."""
    wanted = name.lower()
    return next((key for key in source if key.lower() == wanted), None)


def render(
    data: Any,
    variables: Mapping[str, Any],
    environ: Mapping[str, str],
    marks: Marks,
    path: NodePath = (),
    namespaces: Mapping[str, Namespace] | None = None,
) -> tuple[Any, list[Diagnostic]]:
    """``data`` with every placeholder resolved, and a located diagnostic per failure;
    ``namespaces`` are the caller's added namespaces (see the module docstring).

    Pure and copy-on-write: containers with nothing to replace are returned as they are,
    so rendering a large config with few placeholders allocates almost nothing.
    """
    problems: list[Diagnostic] = []
    scope = TemplateScope(variables, environ, namespaces)
    rendered = _walk(data, scope, marks, path, problems)
    return rendered, problems


def render_text(text: str, scope: TemplateScope, depth: int = 0) -> Any:
    """One string rendered; raises TemplateError for an unknown name or a variable loop."""
    if "${" not in text and "{{" not in text:
        return text
    if depth > _MAX_DEPTH:
        raise TemplateError(
            "variables refer to each other in a loop", hint="a variable cannot use itself"
        )
    _check_well_formed(text)
    whole = _PLACEHOLDER.fullmatch(text)
    if whole and whole.group(0) != "$${":
        return _resolve(whole, scope, depth)
    return _PLACEHOLDER.sub(lambda found: _as_text(_resolve(found, scope, depth)), text)


def _check_well_formed(text: str) -> None:
    """Raise TemplateError for a malformed placeholder of ours (see the module docstring)."""
    for found in _SUSPECT.finditer(text):
        written = found.group(0)
        if _PLACEHOLDER.fullmatch(written):
            continue
        raise TemplateError(_malformed(written), hint=_HINT)


_HINT = (
    "write ${vars.NAME}, ${env.NAME}, {{ vars.NAME }} or {{ env.NAME }} (NAME: letters, "
    "digits, _ and -); write $${ for a literal ${"
)


def _malformed(written: str) -> str:
    shown = written if len(written) <= 60 else written[:57] + "..."
    if written.startswith("{{"):
        if not written.endswith("}}"):
            return f"unclosed placeholder '{shown}': missing }}}}"
        if "|" in written or "(" in written:
            return f"'{shown}': filters and expressions are not supported in {{{{ }}}}"
    elif not written.endswith("}"):
        return f"unclosed placeholder '{shown}': missing }}"
    name = re.sub(rf"^\$?\{{\{{?\s*(?:{_NAMESPACE})\.?|\s*\}}?\}}$", "", written)
    if not name:
        return f"placeholder '{shown}' names no variable"
    if "." in name:
        return f"placeholder '{shown}': variable names have no dots"
    return f"malformed placeholder '{shown}'"


def _resolve(found: re.Match[str], scope: TemplateScope, depth: int) -> Any:
    if found.group(0) == "$${":
        return "${"
    if found["expr"] is not None:
        return evaluate(found["expr"], lambda ns, name: scope.lookup(ns, name, depth))
    namespace = _ALIASES.get(found["ns"] or found["ns2"], found["ns"] or found["ns2"])
    name = found["name"] or found["name2"]
    if namespace not in ("vars", "env") and namespace not in scope.namespaces:
        return found.group(0)  # not ours here (see the module docstring)
    return scope.lookup(namespace, name, depth)


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def _walk(
    value: Any, scope: TemplateScope, marks: Marks, path: NodePath, problems: list[Diagnostic]
) -> Any:
    if isinstance(value, str):
        try:
            return render_text(value, scope)
        except TemplateError as exc:
            problems.append(
                Diagnostic(exc.summary, format_path(path), locate(marks, path), exc.hint)
            )
            return value
    if isinstance(value, dict):
        changed: dict[str, Any] | None = None
        for key, item in value.items():
            if _inert(item):
                continue
            new = _walk(item, scope, marks, (*path, key), problems)
            if new is not item:
                changed = changed if changed is not None else dict(value)
                changed[key] = new
        return value if changed is None else changed
    if isinstance(value, list):
        copy: list[Any] | None = None
        for index, item in enumerate(value):
            if _inert(item):
                continue
            new = _walk(item, scope, marks, (*path, index), problems)
            if new is not item:
                copy = copy if copy is not None else list(value)
                copy[index] = new
        return value if copy is None else copy
    return value


def _inert(value: Any) -> bool:
    """True for a value with nothing to render; checked inline to keep big configs fast."""
    kind = type(value)
    if kind is str:
        return "${" not in value and "{{" not in value
    return kind is not dict and kind is not list
