"""The stack's JSON Schema made for editors: Laktory's include tags and spellings.

Run at schema generation only (``operations/jsonschema_export.py``), never at validate.

- **Include tags.** With the YAML language server told Laktory's tags
  (``"yaml.customTags": ["!use scalar", "!extend scalar", "!update scalar"]``), a tagged
  value reaches the schema as its text, the file name. Every object or list value of the
  schema therefore also accepts ``IncludedFile`` (a ``.yaml`` / ``.yml`` / ``.json`` path),
  so a stack that includes files is checked everywhere else.
- **Included files.** ``included_file_schemas`` gives one schema per resource section
  (``schemas/stack/databricks_jobs.schema.json``...): a file included as one entry
  (``job-a: !use jobs/job-a.yaml``) or as the whole section (``databricks_jobs: !use
  jobs.yaml``) points at it from its first line.
- **Terraform spellings.** Laktory 0.13 writes a nested block by Terraform's singular name
  (``task``, ``job_cluster``, ``access_control``, ``grant``...), which validate accepts
  (config/stack/spellings.py): each entry's schema accepts those names too.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any

from data_iac.config.stack.lookups import LOOKUP_SECTIONS
from data_iac.config.stack.spellings import TERRAFORM_SWITCHES

__all__ = ["INCLUDED_FILE", "PLACEHOLDER", "editor_schema", "included_file_schemas"]

INCLUDED_FILE = "IncludedFile"
_INCLUDE_REF = {"$ref": f"#/$defs/{INCLUDED_FILE}"}
_PLACEHOLDER_REF = {"$ref": "#/$defs/Placeholder"}
_INCLUDED_FILE_DEF = {
    "type": "string",
    "pattern": r"\.(ya?ml|json)$",
    "description": (
        "A file included with Laktory's `!use FILE` (its content replaces this value) or "
        "`!extend FILE` (in a list: its items are inserted here), relative to this file. "
        'Tell the editor the tags: "yaml.customTags": ["!use scalar", "!extend '
        'scalar", "!update scalar"]; the included file is checked by its own schema '
        "(schemas/stack/<section>.schema.json)."
    ),
}
# Terraform's singular block names a Laktory 0.13 entry may use, at the entry's top level
# (section -> singular -> our plural); the names config/stack/spellings.py maps.
_SINGULARS: dict[str, dict[str, str]] = {
    "jobs": {
        "task": "tasks",
        "job_cluster": "job_clusters",
        "parameter": "parameters",
        "environment": "environments",
    },
    "pipelines": {"cluster": "clusters", "library": "libraries", "notification": "notifications"},
    "clusters": {"library": "libraries"},
    "permissions": {"access_control": "access_controls"},
    "catalogs": {"grant": "grants"},
    "schemas": {"grant": "grants"},
    "volumes": {"grant": "grants"},
    "externallocations": {"grant": "grants"},
    "storagecredentials": {"grant": "grants"},
    "connections": {"grant": "grants"},
    "users": {"group_ids": "groups"},
    "serviceprincipals": {"group_ids": "groups"},
    "groups": {"member_ids": "members"},
}
PLACEHOLDER = "Placeholder"
_PLACEHOLDER_DEF = {
    "type": "string",
    "pattern": r"\$\{",
    "description": "A ${vars.X}, ${settings.X} or ${{ expression }} resolved at validate",
}
_VARIABLES = {
    "type": "object",
    "description": "Variables of this entry only (Laktory's model variables): ${vars.X}",
}
_AFFIX = {
    "name_prefix": "Put before the name (usually per environment)",
    "name_suffix": "Put after the name (usually per environment)",
}
_SWITCH = {"description": "Terraform's own switch: accepted and ignored (with a note)"}
_LOOKUP = {
    "type": "object",
    "description": (
        "Laktory's lookup_existing: a read-only reference to an object that exists already "
        "(a warehouse's id or name, a notebook's path...): never created, updated or deleted"
    ),
}
_LOOKUP_SECTIONS = frozenset(LOOKUP_SECTIONS)
# Entry def -> Terraform field -> (its schema, the field of ours it stands for).
_TERRAFORM_FIELDS: dict[str, dict[str, tuple[dict[str, Any], str]]] = {
    "Secret": {
        "string_value": ({"type": "string", "description": "Terraform's `value`"}, "value"),
    },
    "Repo": {
        "git_provider": (
            {"type": "string", "description": "Terraform's `provider`; else from the url"},
            "provider",
        ),
    },
    "GlobalInitScript": {
        "content_base64": (
            {"type": "string", "description": "The script, base64 (Terraform's)"},
            "script",
        ),
        "source": (
            {"type": "string", "description": "A local file, relative to the stack"},
            "script",
        ),
    },
}
_SECTION_REF = re.compile(r"^#/\$defs/(?P<name>RootModel_dict_str__(?P<entry>\w+?)__)$")


def editor_schema(
    schema: dict[str, Any],
    data_pipelines: Callable[[dict[str, Any], re.Pattern[str]], None] | None = None,
) -> dict[str, Any]:
    """``schema`` (the stack's) with Laktory's spellings, ``lookup_existing``,
    placeholders in typed fields and ``IncludedFile``; ``data_pipelines`` adds the data
    pipelines' models (operations/schema_pipelines.py: config imports no pipelines)."""
    found = copy.deepcopy(schema)
    defs = found.setdefault("$defs", {})
    done: set[str] = set()
    for section, entry in _entry_defs(found):
        key = section.removeprefix("databricks_")
        node = defs.get(entry)
        if entry in done or not isinstance(node, dict):
            continue
        done.add(entry)
        for singular, plural in _SINGULARS.get(key, {}).items():
            _add_singular(node, singular, plural)
        for name in TERRAFORM_SWITCHES.get(key, ()):
            node.setdefault("properties", {}).setdefault(name, dict(_SWITCH))
        for name, (value, replaced) in _TERRAFORM_FIELDS.get(entry, {}).items():
            _add_field(node, name, value, replaced)
        props = node.setdefault("properties", {})
        props.setdefault("variables", dict(_VARIABLES))
        if key in ("jobs", "pipelines"):
            for affix in ("name_prefix", "name_suffix"):
                props.setdefault(affix, {"type": "string", "description": _AFFIX[affix]})
        if key in _LOOKUP_SECTIONS:
            _allow_lookup(node)
    for entry, fields in _TERRAFORM_FIELDS.items():
        if entry not in done and isinstance(defs.get(entry), dict):
            for name, (value, replaced) in fields.items():
                _add_field(defs[entry], name, value, replaced)
    if data_pipelines is not None:
        data_pipelines(found, _SECTION_REF)
    _walk(found)
    defs[INCLUDED_FILE] = dict(_INCLUDED_FILE_DEF)
    defs[PLACEHOLDER] = dict(_PLACEHOLDER_DEF)
    return found


def _add_field(node: dict[str, Any], name: str, value: dict[str, Any], replaced: str) -> None:
    """Add Terraform's field ``name`` for our ``replaced``, which is then not required."""
    node.setdefault("properties", {}).setdefault(name, dict(value))
    required = node.get("required")
    if isinstance(required, list) and replaced in required:
        required.remove(replaced)
        if not required:
            node.pop("required")


def _allow_lookup(node: dict[str, Any]) -> None:
    """``lookup_existing`` on the entry; the entry's required fields apply without it."""
    node.setdefault("properties", {})["lookup_existing"] = dict(_LOOKUP)
    required = node.pop("required", None)
    if required:
        node["if"] = {"required": ["lookup_existing"]}
        node["else"] = {"required": required}


def included_file_schemas(schema: dict[str, Any], dialect: str) -> dict[str, dict[str, Any]]:
    """Section name -> the schema of a file included as one entry or the whole section
    (``schema`` is the result of ``editor_schema``)."""
    defs = schema["$defs"]
    files: dict[str, dict[str, Any]] = {}
    for section, entry in _entry_defs(schema):
        if not section.startswith("databricks_") and section != "pipelines":
            continue
        wrapper = f"RootModel_dict_str__{entry}__"
        one = defs[wrapper].get("additionalProperties") or {"$ref": f"#/$defs/{entry}"}
        top = {"anyOf": [one, {"$ref": f"#/$defs/{wrapper}"}]}
        files[section] = {
            "$schema": dialect,
            "title": f"data-iac stack: a file of {section} (one entry, or the whole section)",
            **top,
            "$defs": {name: defs[name] for name in sorted(_reachable(top, defs))},
        }
    return files


def _entry_defs(schema: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(section name, entry def name) of every resource section of the stack schema."""
    resources = schema["$defs"].get("StackResources", {}).get("properties", {})
    for section, node in sorted(resources.items()):
        for option in node.get("anyOf", [node]):
            found = _SECTION_REF.match(str(option.get("$ref", "")))
            if found:
                yield section, found["entry"]


def _add_singular(entry: Any, singular: str, plural: str) -> None:
    """Give ``entry`` the property ``singular``: the plural's value or one of its items."""
    props = entry.get("properties") if isinstance(entry, dict) else None
    if not isinstance(props, dict) or plural not in props or singular in props:
        return
    value = copy.deepcopy(props[plural])
    options = [o for o in value.get("anyOf", [value]) if o.get("type") != "null"]
    items = [o["items"] for o in options if o.get("type") == "array" and "items" in o]
    value = {"anyOf": [*options, *items]} if items else value
    value["description"] = f"Terraform's spelling of `{plural}` (Laktory 0.13): one or a list"
    props[singular] = value


def _walk(node: Any) -> None:
    """Let every object or list value below ``node`` also be an ``IncludedFile``."""
    if isinstance(node, list):
        for item in node:
            _walk(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _walk(value)
    props = node.get("properties")
    if isinstance(props, dict):
        for name, value in props.items():
            props[name] = _with_include(value)
    if isinstance(node.get("additionalProperties"), dict):
        node["additionalProperties"] = _with_include(node["additionalProperties"])
    if isinstance(node.get("items"), dict):
        node["items"] = _with_include(node["items"])


def _with_include(node: Any) -> Any:
    """``node`` also accepting an included file (an object or a list) or a placeholder
    (a number, a boolean or an enum)."""
    if not isinstance(node, dict):
        return node
    options = node.get("anyOf")
    if isinstance(options, list):
        for extra, needed in ((_INCLUDE_REF, _structured), (_PLACEHOLDER_REF, _typed)):
            if any(needed(o) for o in options) and extra not in options:
                options.append(dict(extra))
        return node
    added = _INCLUDE_REF if _structured(node) else _PLACEHOLDER_REF if _typed(node) else None
    if added is None:
        return node
    outer = {k: node.pop(k) for k in ("title", "description", "default") if k in node}
    return {**outer, "anyOf": [node, dict(added)]}


def _typed(node: Any) -> bool:
    """A scalar a placeholder string would not satisfy: a number, a boolean, an enum."""
    return isinstance(node, dict) and (
        node.get("type") in ("integer", "number", "boolean") or "enum" in node
    )


def _structured(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    ref = str(node.get("$ref", ""))
    ours = (_INCLUDE_REF["$ref"], _PLACEHOLDER_REF["$ref"])
    return (bool(ref) and ref not in ours) or node.get("type") in ("object", "array")


def _reachable(node: Any, defs: dict[str, Any]) -> set[str]:
    """The names of the defs ``node`` refers to, transitively."""
    found: set[str] = set()
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.removeprefix("#/$defs/")
                if name not in found and name in defs:
                    found.add(name)
                    pending.append(defs[name])
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
    return found
