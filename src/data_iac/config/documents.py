"""One document of a config (Dataiku project, Databricks stack or shared file) -> results.

After the environment overlay, a document is templated here and handed to its format's
builder (config/dataiku/document.py, config/stack/document.py); what it contributes to the
config (resources, connections, backend, notes...) is a DocumentResult.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.contribution import DocumentResult, take_shared
from data_iac.config.loader import ConfigDocument
from data_iac.config.schema import SharedConfig
from data_iac.config.schema_errors import validate_model
from data_iac.config.stack.deployer import PipelineDeployer
from data_iac.config.templating import render

__all__ = ["DocumentResult", "build_document"]


def build_document(
    document: ConfigDocument,
    data: dict[str, Any],
    variables: Mapping[str, Any],
    environ: Mapping[str, str],
    deployer: PipelineDeployer | None = None,
) -> DocumentResult:
    """Template, validate and build one document (already overlaid for the environment).

    Each format's builder is imported only when a document of that format is built: a
    Dataiku project never imports the stack's models, nor a stack the Dataiku ones.
    """
    if document.kind == "stack":
        from data_iac.config.stack.document import IGNORED_TOP_LEVEL, build_stack
        from data_iac.config.stack.settings import stack_settings, workspace_root
        from data_iac.config.stack.variables import render_stack

        # Laktory's own top-level keys are not rendered with the rest; its settings are
        # resolved first (config/stack/settings.py) and seen as ${settings.X}.
        ignored = [key for key in IGNORED_TOP_LEVEL if key in data]
        kept = {key: value for key, value in data.items() if key not in ignored}
        settings, problems = stack_settings(
            data.get("settings"), variables, environ, document.marks
        )
        rendered, found = render_stack(kept, variables, environ, document.marks, settings)
        problems += found
        result = build_stack(document, rendered, ignored, workspace_root(settings), deployer)
    else:
        rendered, problems = render(data, variables, environ, document.marks)
        build = _build_dataiku if document.kind == "dataiku" else _build_shared
        result = build(document, rendered)
    result.problems[:0] = problems
    return result


def _build_dataiku(document: ConfigDocument, data: dict[str, Any]) -> DocumentResult:
    from data_iac.config.dataiku.document import build_dataiku

    return build_dataiku(document, data)


def _build_shared(document: ConfigDocument, data: dict[str, Any]) -> DocumentResult:
    model, problems = validate_model(SharedConfig, data, document.marks)
    result = DocumentResult(problems=problems)
    if model is not None:
        take_shared(result, model)
    return result
