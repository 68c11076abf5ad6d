"""One Dataiku project document (``project.yml``), templated -> validated -> resources."""

from __future__ import annotations

from typing import Any

from data_iac.config.contribution import DocumentResult, take_shared
from data_iac.config.dataiku.desired import build_dataiku_resources
from data_iac.config.dataiku.validate import validate_dataiku
from data_iac.config.loader import ConfigDocument

__all__ = ["build_dataiku"]


def build_dataiku(document: ConfigDocument, data: dict[str, Any]) -> DocumentResult:
    """Validate one rendered Dataiku project and build its resources."""
    model, problems = validate_dataiku(data, document.marks)
    result = DocumentResult(problems=problems)
    project = data.get("project")
    if isinstance(project, dict) and isinstance(project.get("key"), str):
        result.fallback_name = project["key"]
    if model is not None:
        take_shared(result, model)
        result.resources = build_dataiku_resources(model, document.marks)
        if model.version.split(".")[0] != "1":
            result.notes.append(
                f"{document.file.name}: version {model.version} is read as the Dataiku IaC "
                "format 1.0, the only one there is (the seed tool does the same)"
            )
    return result
