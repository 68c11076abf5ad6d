"""Rules beyond the schema for a Dataiku project: naming, duplicates, references, cycles.

The rules read the raw (templated) data rather than the validated models, so that every
rule runs even when the schema rejected some other part: one run reports every problem.

Naming follows DSS's own rules by default (project key ``^[A-Z][A-Z0-9_]*$``, dataset
names ``^[A-Za-z0-9_]+$``); with top-level ``naming: strict`` the seed's convention applies
too (UPPERCASE dataset names, lowercase recipe names).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from graphlib import CycleError, TopologicalSorter
from typing import Any

from data_iac.config.dataiku.admin_rules import check_instance_objects, check_wiki_articles
from data_iac.config.dataiku.schema import DataikuConfig
from data_iac.config.dataiku.settings_rules import check_recipe_settings
from data_iac.config.dataiku.types import (
    DATASET_TYPES,
    DSS_RECIPE_TYPES,
    FORMAT_TYPES,
    RECIPE_TYPES,
    dss_dataset_type,
    dss_recipe_type,
)
from data_iac.config.locations import Marks, NodePath, format_path, locate
from data_iac.config.roots import project_parts
from data_iac.config.schema_errors import validate_model
from data_iac.errors import Diagnostic

__all__ = ["validate_dataiku"]

_PROJECT_KEY = re.compile(r"[A-Z][A-Z0-9_]*")
_DSS_NAME = re.compile(r"[A-Za-z0-9_]+")
_UPPER_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_LOWER_NAME = re.compile(r"[a-z][a-z0-9_]*")


def validate_dataiku(
    data: dict[str, Any], marks: Marks
) -> tuple[DataikuConfig | None, list[Diagnostic]]:
    """The validated project, or None; plus every problem found, each located."""
    model, problems = validate_model(DataikuConfig, data, marks)
    rules = _Rules(data, marks)
    # A mistyped section (``datasetz:``) would make every reference into it look dangling:
    # report the typo alone, not its knock-on errors.
    rules.check_all(references=not any(_top_level_typo(p) for p in problems))
    return (model if not problems and not rules.problems else None), problems + rules.problems


def _top_level_typo(problem: Diagnostic) -> bool:
    return problem.message.startswith("unknown key") and not any(c in problem.path for c in ".[")


class _Rules:
    """The cross-field rules, each appending to ``problems``."""

    def __init__(self, data: dict[str, Any], marks: Marks) -> None:
        self.data = data
        self.marks = marks
        self.strict = data.get("naming") == "strict"
        self.problems: list[Diagnostic] = []

    def report(self, path: NodePath, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(message, format_path(path), locate(self.marks, path), hint))

    def named(self, section: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(index, name, item) of each item of ``section`` that has a text name."""
        items = self.data.get(section)
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                yield index, item["name"], item

    def check_all(self, *, references: bool = True) -> None:
        self.check_project_key()
        self.check_names()
        self.check_dataset_types()
        self.check_format_types()
        self.check_recipe_types()
        self.check_recipe_outputs()
        for section in project_parts():
            self.check_duplicates(section)
        self.check_dataset_folder_clash()
        if references:
            self.check_recipe_references()
        self.check_single_writer()
        if references:
            self.check_zones()
        self.check_cycles()
        check_recipe_settings(self)
        check_instance_objects(self)
        check_wiki_articles(self)

    def check_project_key(self) -> None:
        project = self.data.get("project")
        key = project.get("key") if isinstance(project, dict) else None
        if isinstance(key, str) and not _PROJECT_KEY.fullmatch(key):
            suggestion = re.sub(r"[^A-Z0-9_]", "_", key.upper()).lstrip("_0123456789")
            self.report(
                ("project", "key"),
                f"'{key}' must match ^[A-Z][A-Z0-9_]*$",
                f"Dataiku project keys are upper case, e.g. {suggestion or 'MY_PROJECT'}",
            )

    def check_names(self) -> None:
        for index, name, _ in self.named("datasets"):
            rule, hint = (
                (_UPPER_NAME, "naming: strict wants UPPERCASE dataset names")
                if (self.strict)
                else (_DSS_NAME, "DSS dataset names use letters, digits and underscores")
            )
            if not rule.fullmatch(name):
                self.report(
                    ("datasets", index, "name"), f"'{name}' must match ^{rule.pattern}$", hint
                )
        if not self.strict:
            return
        for index, name, _ in self.named("recipes"):
            if not _LOWER_NAME.fullmatch(name):
                self.report(
                    ("recipes", index, "name"),
                    f"'{name}' must match ^{_LOWER_NAME.pattern}$",
                    "naming: strict wants lowercase_with_underscores recipe names",
                )

    def check_dataset_types(self) -> None:
        for index, _, dataset in self.named("datasets"):
            written = dataset.get("type")
            if isinstance(written, str) and dss_dataset_type(written) is None:
                self.report(
                    ("datasets", index, "type"),
                    f"unknown dataset type '{written}'",
                    _closest_hint(
                        written,
                        set(DATASET_TYPES),
                        f"known: {', '.join(sorted(DATASET_TYPES))}, "
                        "or DSS's own spelling (Filesystem, Snowflake...)",
                    ),
                )

    def check_format_types(self) -> None:
        for index, _, dataset in self.named("datasets"):
            written = dataset.get("format_type")
            if isinstance(written, str) and written not in FORMAT_TYPES:
                self.report(
                    ("datasets", index, "format_type"),
                    f"unknown format_type '{written}'",
                    _closest_hint(written, set(FORMAT_TYPES), _known(FORMAT_TYPES)),
                )

    def check_recipe_types(self) -> None:
        known = set(RECIPE_TYPES) | DSS_RECIPE_TYPES
        for index, _, recipe in self.named("recipes"):
            written = recipe.get("type")
            if isinstance(written, str) and dss_recipe_type(written) is None:
                self.report(
                    ("recipes", index, "type"),
                    f"unknown recipe type '{written}'",
                    _closest_hint(
                        written,
                        known,
                        "the seed's types: python, sql, join, group, grouping, window, sort, "
                        "topn, distinct, pivot, split; or any DSS recipe type",
                    ),
                )

    def check_recipe_outputs(self) -> None:
        for index, name, recipe in self.named("recipes"):
            outputs = recipe.get("outputs")
            if outputs is None or outputs == []:
                self.report(
                    ("recipes", index, "outputs") if outputs == [] else ("recipes", index),
                    f"recipe '{name}' has no outputs",
                    "a DSS recipe writes at least one dataset or managed folder: "
                    "add outputs: [NAME]",
                )

    def check_duplicates(self, section: str) -> None:
        first_seen: dict[str, int] = {}
        for index, name, _ in self.named(section):
            if name in first_seen:
                first = locate(self.marks, (section, first_seen[name]))
                where = f" (first defined at {first})" if first else ""
                self.report(
                    (section, index, "name"),
                    f"duplicate name '{name}'{where}",
                    f"each item of {section} needs its own name",
                )
            else:
                first_seen[name] = index

    def check_dataset_folder_clash(self) -> None:
        datasets = {name for _, name, _ in self.named("datasets")}
        for index, name, _ in self.named("managed_folders"):
            if name in datasets:
                self.report(
                    ("managed_folders", index, "name"),
                    f"'{name}' is both a dataset and a managed folder",
                    "recipes refer to both by name: rename one of them",
                )

    def check_recipe_references(self) -> None:
        known = {name for _, name, _ in self.named("datasets")}
        known |= {name for _, name, _ in self.named("managed_folders")}
        for index, _, recipe in self.named("recipes"):
            for side in ("inputs", "outputs"):
                refs = recipe.get(side)
                if not isinstance(refs, list):
                    continue
                for position, ref in enumerate(refs):
                    if isinstance(ref, str) and ref not in known:
                        self.report(
                            ("recipes", index, side, position),
                            f"'{ref}' is not a dataset or managed folder of this project",
                            _closest_hint(ref, known, "declare it under datasets:"),
                        )

    def check_single_writer(self) -> None:
        writer: dict[str, str] = {}
        for index, name, recipe in self.named("recipes"):
            outputs = recipe.get("outputs")
            for position, output in enumerate(outputs if isinstance(outputs, list) else []):
                if not isinstance(output, str):
                    continue
                if output in writer and writer[output] != name:
                    self.report(
                        ("recipes", index, "outputs", position),
                        f"'{output}' is already written by recipe '{writer[output]}'",
                        "a dataset has one writing recipe in DSS",
                    )
                writer.setdefault(output, name)

    def check_zones(self) -> None:
        zones = {name for _, name, _ in self.named("zones")}
        for section in ("datasets", "recipes", "managed_folders"):
            for index, _, item in self.named(section):
                zone = item.get("zone")
                if isinstance(zone, str) and zone not in zones:
                    self.report(
                        (section, index, "zone"),
                        f"unknown zone '{zone}'",
                        _closest_hint(zone, zones, "declare it under zones:"),
                    )

    def check_cycles(self) -> None:
        """Recipes that (indirectly) read what they write; the cycle is printed."""
        producer: dict[str, str] = {}
        index_of: dict[str, int] = {}
        for index, name, recipe in self.named("recipes"):
            index_of[name] = index
            for output in _texts(recipe.get("outputs")):
                producer.setdefault(output, name)
        # Recipe -> the recipes writing its inputs: far smaller than the dataset graph.
        graph: dict[str, set[str]] = {}
        for _, name, recipe in self.named("recipes"):
            upstream = {producer[i] for i in _texts(recipe.get("inputs")) if i in producer}
            if upstream:
                graph[name] = upstream
        try:
            TopologicalSorter(graph).prepare()
        except CycleError as exc:
            cycle = [f"recipe {name}" for name in reversed(exc.args[1])]
            self.report(
                ("recipes", index_of.get(exc.args[1][0], 0)),
                "dependency cycle: " + " -> ".join(cycle),
                "a recipe cannot (indirectly) read what it writes",
            )


def _texts(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _known(names: frozenset[str]) -> str:
    return f"known: {', '.join(sorted(names))}"


def _closest_hint(name: str, known: set[str], otherwise: str) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"did you mean '{close[0]}'?" if close else otherwise
