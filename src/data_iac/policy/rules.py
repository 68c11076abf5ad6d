"""Policy rules: YAML files of CEL expressions, read from a directory, each compiled once.

A policy file holds ``policies:``, a list of rules::

    policies:
      - name: no-catalog-delete
        level: deny                 # deny (fails the plan) or warn (printed)
        scope: change               # change (each planned change), resource (each
                                    # desired resource) or plan (once)
        kinds: [databricks_catalog] # optional: only these kinds
        when: change.action != "create"   # optional CEL precondition
        assert: '!(change.action in ["delete", "replace"])'
        message: Catalogs are never deleted by a plan.

``assert`` must hold; a resource (or plan) where it does not is a violation. An expression
that cannot be evaluated for a resource (a field of null, a wrong type) counts as a violation
too, so that a broken rule never passes silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data_iac.config.locations import locate
from data_iac.config.yamlnodes import display_name, parse_yaml_file
from data_iac.errors import ConfigError, SourceLocation
from data_iac.policy.cel import Compiled, compile_expression

__all__ = ["LEVELS", "SCOPES", "Rule", "load_rules"]

LEVELS = ("deny", "warn")
SCOPES = ("change", "resource", "plan")
_FIELDS = frozenset({"name", "level", "scope", "kinds", "when", "assert", "message", "description"})


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    level: str
    scope: str
    check: Compiled
    kinds: frozenset[str] = frozenset()
    when: Compiled | None = None
    message: str = ""
    location: SourceLocation | None = None

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


def load_rules(directory: Path) -> list[Rule]:
    """Every rule of the ``*.yml``/``*.yaml`` files in ``directory`` (or one file), in file
    and then list order.

    Raises:
        ConfigError: a missing directory, a malformed rule or an expression that does not
            compile, located at its file and line.
    """
    if directory.is_file():
        files = [directory]
    elif directory.is_dir():
        files = sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml"))
    else:
        raise ConfigError(
            f"policy directory {directory} does not exist",
            hint="pass --policy DIR with a folder of policy .yml files (see docs/policies.md)",
        )
    rules: list[Rule] = []
    for path in files:
        rules += _file_rules(path)
    names = [rule.name for rule in rules]
    for rule in rules:
        if names.count(rule.name) > 1:
            raise ConfigError(f"policy rule {rule.name!r} is defined twice", location=rule.location)
    return rules


def _file_rules(path: Path) -> list[Rule]:
    parsed = parse_yaml_file(path, display_name(path), read=Path.read_bytes)
    if parsed.problems:
        raise ConfigError(parsed.problems[0].message, location=parsed.problems[0].location)
    data = parsed.data
    items = data.get("policies") if isinstance(data, Mapping) else None
    if not isinstance(items, list):
        raise ConfigError(
            f"{display_name(path)} has no `policies:` list",
            location=locate(parsed.marks, ()),
            hint="a policy file holds `policies:` with a list of rules",
        )
    return [
        _rule(item, locate(parsed.marks, ("policies", i)), path) for i, item in enumerate(items)
    ]


def _rule(item: Any, where: SourceLocation | None, path: Path) -> Rule:
    def fail(message: str, hint: str = "") -> ConfigError:
        return ConfigError(message, path=f"policies[{name}]", location=where, hint=hint)

    name = str(item.get("name", "")) if isinstance(item, Mapping) else ""
    if not name:
        raise fail("a policy rule needs a `name`")
    unknown = sorted(set(item) - _FIELDS)
    if unknown:
        raise fail(f"unknown field(s) {', '.join(unknown)}", f"known: {', '.join(sorted(_FIELDS))}")
    level, scope = str(item.get("level", "deny")), str(item.get("scope", "change"))
    if level not in LEVELS:
        raise fail(f"level must be deny or warn, not {level!r}")
    if scope not in SCOPES:
        raise fail(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if not isinstance(item.get("assert"), str):
        raise fail("a policy rule needs `assert`: a CEL expression that must hold")
    kinds = item.get("kinds") or []
    if isinstance(kinds, str):
        kinds = [kinds]
    when = item.get("when")
    return Rule(
        name=name,
        level=level,
        scope=scope,
        check=_compiled(item["assert"], fail),
        kinds=frozenset(map(str, kinds)),
        when=_compiled(when, fail) if isinstance(when, str) else None,
        message=str(item.get("message") or item.get("description") or ""),
        location=where,
    )


def _compiled(source: str, fail: Any) -> Compiled:
    try:
        return compile_expression(source)
    except ValueError as exc:
        raise fail(f"the CEL expression does not compile: {exc}") from exc
