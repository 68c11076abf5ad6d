"""A Laktory stack (``stack.yaml``) -> Databricks resources, connection and data pipelines.

``resources:`` is keyed by kind, then by resource key. Kinds are accepted in the plain
spelling (``catalogs``, ``secret_scopes``...) and in newer Laktory's ``databricks_*`` one
(``databricks_catalogs``, ``databricks_secretscopes``...). ``resources: providers:
databricks:`` is the workspace connection (``host: emulator`` is kept for the CLI).
``databricks_pipelines:`` are DLT pipelines, and so are ``pipelines:`` entries without
``nodes:``; entries with ``nodes:`` are data pipelines, handed over raw in
``LoadedConfig.pipelines`` (and deployed as a job or DLT pipeline when they set an
``orchestrator``, see ``stack_pipelines``). Laktory's ``backend: terraform|pulumi``,
``organization``, ``config`` (and ``pulumi``/``terraform``/``settings``) are accepted and
ignored with a note.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import TypeAdapter, ValidationError

from data_iac.addresses import Address
from data_iac.config.contribution import DocumentResult, add_providers
from data_iac.config.loader import ConfigDocument
from data_iac.config.locations import NodePath, locate
from data_iac.config.schema import Backend, DatabricksProviderSettings
from data_iac.config.schema_errors import validate_model
from data_iac.config.stack.context import Draft, StackContext
from data_iac.config.stack.deployer import PipelineDeployer
from data_iac.config.stack.generic import build_entry
from data_iac.config.stack.grant_principals import workspace_group_grant_warnings
from data_iac.config.stack.lookups import build_lookup
from data_iac.config.stack.pipelines import build_deployed_pipeline
from data_iac.config.stack.schema import StackConfig, section_model
from data_iac.config.stack.spellings import normalise_entry
from data_iac.config.stack.standalone import add_securable_dependencies
from data_iac.errors import Diagnostic
from data_iac.kinds import section_key, spec_by_section, spec_of, specs_of
from data_iac.model.references import canonical_reference

__all__ = ["IGNORED_TOP_LEVEL", "build_stack", "canonical_kind"]

IGNORED_TOP_LEVEL = ("organization", "config", "pulumi", "terraform", "settings")
_BACKEND: TypeAdapter[Any] = TypeAdapter(Backend)


def canonical_kind(written: str) -> str | None:
    """``databricks_secretscopes`` / ``secret_scopes`` -> ``secretscopes`` (the key of the
    record's first section spelling); None when no record has that section."""
    spec = spec_by_section("databricks", written)
    return None if spec is None or spec.section is None else section_key(spec.section)


def _known_sections() -> list[str]:
    return sorted({section_key(s.section) for s in specs_of("databricks") if s.section})


def build_stack(
    document: ConfigDocument,
    data: dict[str, Any],
    ignored: list[str] | None = None,
    workspace_root: str = "/.laktory/",
    deployer: PipelineDeployer | None = None,
) -> DocumentResult:
    """Validate and build one templated stack document; ``ignored`` names the Laktory
    top-level keys removed before templating (each gets a note); ``workspace_root`` is
    Laktory's ``settings.workspace_root``; ``deployer`` deploys its data pipelines."""
    top = {key: value for key, value in data.items() if key != "resources"}
    model, problems = validate_model(StackConfig, top, document.marks)
    result = DocumentResult(problems=problems, name=_text(data.get("name")))
    if model is not None:
        result.moved = [(entry.from_, entry.to) for entry in model.moved]
        result.policy = model.policy
    result.notes += [f"{key}: is Laktory's and is ignored here" for key in ignored or []]
    _read_top_level(document, data, result)
    ctx = StackContext(
        document.marks, document.file.parent, workspace_root, document.roots, deployer
    )
    resources = data.get("resources") or {}
    if not isinstance(resources, dict):
        ctx.report(("resources",), "resources must be a mapping of kind -> key -> resource")
        resources = {}
    # Providers first: resources name them in resource_options.provider.
    for written, section in sorted(resources.items(), key=lambda item: item[0] != "providers"):
        _build_section(ctx, result, written, section)
    _add_memberships(ctx)
    _add_structural_dependencies(ctx)
    _add_principal_dependencies(ctx)
    add_securable_dependencies(ctx)
    result.resources = ctx.resolve_references()
    _note_laktory_grants(ctx)
    ctx.notes += workspace_group_grant_warnings(result.resources, result.providers)
    result.problems += ctx.problems
    result.notes += ctx.notes
    result.moved += ctx.moved
    result.sensitive_values |= ctx.sensitive
    result.generated.update(ctx.generated)
    return result


def _note_laktory_grants(ctx: StackContext) -> None:
    if ctx.laktory_grants:
        ctx.notes.append(
            f"{len(ctx.laktory_grants)} securable(s) set grants: without grants_mode: data-iac "
            "manages only the principals listed, while Laktory's Terraform translation makes "
            "grants: authoritative (it revokes every other principal); add grants_mode: "
            "authoritative to keep Laktory's behaviour (docs/databricks.md#grants)"
        )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _read_top_level(document: ConfigDocument, data: dict[str, Any], result: DocumentResult) -> None:
    backend = data.get("backend")
    if isinstance(backend, str):
        result.notes.append(f"backend: {backend} is ignored: data-iac plans and applies itself")
    elif backend is not None:
        try:
            result.backend = _BACKEND.validate_python(backend).model_dump(exclude_none=True)
        except ValidationError as exc:
            where = locate(document.marks, ("backend",))
            result.problems += [Diagnostic(e["msg"], "backend", where) for e in exc.errors()]
    providers = data.get("providers")
    if isinstance(providers, dict):
        add_providers(result, {k: v for k, v in providers.items() if isinstance(v, dict)})


def _build_section(ctx: StackContext, result: DocumentResult, written: str, section: Any) -> None:
    path = ("resources", written)
    if written == "providers":
        _read_providers(ctx, result, section)
        return
    spec = spec_by_section("databricks", written)
    if spec is None:
        known = _known_sections()
        close = difflib.get_close_matches(
            written.removeprefix("databricks_").replace("_", ""), known, n=1
        )
        ctx.report(
            path,
            f"resource kind '{written}' is not managed by data-iac",
            (f"did you mean '{close[0]}'? " if close else "") + f"managed: {', '.join(known)}",
        )
        return
    if section is None:
        return  # an empty section, e.g. every entry commented out
    if not isinstance(section, dict):
        ctx.report(path, f"{written} must be a mapping of resource key -> resource")
        return
    if canonical_kind(written) == "pipelines" and not written.startswith("databricks_"):
        section = _split_data_pipelines(ctx, section, result, path)
    kind = str(canonical_kind(written))
    section = {
        k: normalise_entry(ctx, kind, v, (*path, k)) for k, v in section.items() if not _disabled(v)
    }
    section = {
        k: v for k, v in section.items() if not build_lookup(ctx, kind, str(k), v, (*path, k))
    }
    _, problems = validate_model(section_model(kind), section, ctx.marks, path)
    if problems:
        ctx.problems += problems
        return
    for key, raw in section.items():
        if _named_as_key(ctx, str(key), raw, (*path, key)):
            first = len(ctx.drafts)
            build_entry(spec, ctx, str(key), raw, (*path, key))
            _inherit_provider(ctx.drafts[first:])


def _named_as_key(ctx: StackContext, key: str, raw: Any, path: NodePath) -> bool:
    """Laktory's ``resource_options.name`` of a stack entry must be its key."""
    options = raw.get("resource_options") if isinstance(raw, dict) else None
    name = options.get("name") if isinstance(options, dict) else None
    if name is None or name == key:
        return True
    ctx.report(
        (*path, "resource_options", "name"),
        f"resource_options.name '{name}' does not match the key '{key}'",
        "Laktory requires them equal: rename the key or drop the name",
    )
    return False


def _inherit_provider(drafts: list[Draft]) -> None:
    """Resources made from one entry (grants, permissions, nested schemas...) use the
    entry's provider unless they name their own."""
    if drafts and drafts[0].provider is not None:
        for draft in drafts[1:]:
            if draft.provider is None:
                draft.provider = drafts[0].provider


def _disabled(raw: Any) -> bool:
    options = raw.get("resource_options") if isinstance(raw, dict) else None
    return isinstance(options, dict) and options.get("is_enabled") is False


def _split_data_pipelines(
    ctx: StackContext, section: dict[str, Any], result: DocumentResult, path: NodePath
) -> dict[str, Any]:
    """Keep the DLT pipelines; hand the data pipelines (with ``nodes:``) over raw, and
    deploy those with an ``orchestrator`` (``stack_pipelines``)."""
    dlt = {}
    for key, raw in section.items():
        if isinstance(raw, dict) and "nodes" in raw:
            result.pipelines[str(key)] = raw
            if raw.get("orchestrator") is not None and not _disabled(raw):
                stack = result.name or ctx.directory.name
                build_deployed_pipeline(ctx, stack, str(key), raw, (*path, key))
        else:
            dlt[key] = raw
    return dlt


def _read_providers(ctx: StackContext, result: DocumentResult, section: Any) -> None:
    """``databricks`` and ``databricks.ALIAS`` connections (Terraform's provider names; a
    provider that sets ``account_id`` is account-level); other providers are noted."""
    path = ("resources", "providers")
    if not isinstance(section, dict):
        ctx.report(path, "providers must be a mapping, e.g. providers: {databricks: {host: ...}}")
        return
    for name, settings in section.items():
        if name.split(".")[0] != "databricks":
            result.notes.append(f"resources.providers.{name} is ignored (only databricks is read)")
            continue
        _, problems = validate_model(DatabricksProviderSettings, settings, ctx.marks, (*path, name))
        ctx.problems += problems
        ctx.providers.add(name)
        if not problems:
            add_providers(result, {name: {k: v for k, v in settings.items() if v is not None}})


def _add_memberships(ctx: StackContext) -> None:
    """A user's or service principal's ``groups:`` become members of those groups."""
    groups: dict[str, Draft] = {}
    for draft in ctx.drafts:
        if _holds_members(draft.address.kind):
            groups[draft.spec[spec_of(draft.address.kind).principal_fields[0]]] = draft
            groups[draft.address.key] = draft
    for member, names in ctx.memberships:
        member_id = _member_id(member)
        for index, name in enumerate(names):
            group = groups.get(name)
            if group is None:
                ctx.report(
                    (*member.path, "groups", index),
                    f"unknown group '{name}'",
                    "declare it under groups: (membership is managed on the group)",
                )
                continue
            group.spec.setdefault("members", []).append(member_id)
            group.depends_on.add(member.address)


def _holds_members(kind: str) -> bool:
    """A principal kind whose config model has ``members`` (a group), by its record."""
    record = spec_of(kind)
    fields = getattr(record.config_model, "model_fields", {})
    return bool(record.principal_fields) and "members" in fields


def _member_id(draft: Draft) -> str:
    """How a group lists a member: the first field its record names principals by (a
    user's ``user_name``, a service principal's ``application_id``), as a reference when
    the workspace assigns it."""
    field = spec_of(draft.address.kind).principal_fields[0]
    if draft.spec.get(field):
        return str(draft.spec[field])
    return canonical_reference(draft.address, field)


def _add_structural_dependencies(ctx: StackContext) -> None:
    """Children declared on their own (a schema, a volume) depend on the parent their scope
    fields name (``catalog_name``, ``schema_name``), and an object on what its ``refers``
    fields name (an external location on its credential), as their kinds' records say."""
    by_key: dict[tuple[str, str], Address] = {}
    for draft in ctx.drafts:
        key = spec_of(draft.address.kind).natural_key(draft.spec)
        if key is not None:
            by_key[(draft.address.kind, key)] = draft.address
    for draft in ctx.drafts:
        kind = spec_of(draft.address.kind)
        named = [(str(kind.parent), kind.parent_key(draft.spec))]
        named += [(target, draft.spec.get(f)) for f, target in kind.refers.items()]
        for target_kind, key in named:
            found = by_key.get((target_kind, key)) if isinstance(key, str) else None
            if found is not None and found != draft.address:
                draft.depends_on.add(found)
    _add_folder_dependencies(ctx)


def _add_folder_dependencies(ctx: StackContext) -> None:
    """An object at a workspace path (``path``, ``parent_path``, an experiment's ``name``)
    waits for the folders of the stack that hold it, so a destroy empties a folder before
    deleting it (the workspace refuses to delete a folder that is not empty). Folders are
    the objects of records listed by parent path (``ListScope.parent_path``)."""
    folders: dict[str, Address] = {}
    for draft in ctx.drafts:
        record = spec_of(draft.address.kind)
        path = draft.spec.get(record.name_field)
        if record.scope.parent_path and isinstance(path, str):
            folders[path.rstrip("/")] = draft.address
    if not folders:
        return
    for draft in ctx.drafts:
        spec = draft.spec
        inside = [spec.get("path"), spec.get("name")]
        if isinstance(spec.get("parent_path"), str):
            inside.append(f"{spec['parent_path'].rstrip('/')}/object")
        for value in inside:
            if isinstance(value, str) and value.startswith("/"):
                _depend_on_folders_above(draft, value, folders)


def _depend_on_folders_above(draft: Draft, path: str, folders: dict[str, Address]) -> None:
    """Add the folders holding ``path``: each prefix of it that ends before a ``/`` (one
    lookup per level, not a scan of every folder per object: 2,000 folders took 4 million
    comparisons)."""
    parent = path
    while "/" in parent:
        parent = parent.rsplit("/", 1)[0]
        address = folders.get(parent)
        if address is not None and address != draft.address:
            draft.depends_on.add(address)


def _add_principal_dependencies(ctx: StackContext) -> None:
    """Grants and ACLs naming a group, user or service principal of the stack wait for it:
    the platform refuses a privilege for a principal that does not exist yet."""
    principals: dict[str, Address] = {}
    for draft in ctx.drafts:
        for name_field in spec_of(draft.address.kind).principal_fields:
            if isinstance(draft.spec.get(name_field), str):
                principals.setdefault(draft.spec[name_field], draft.address)
    if not principals:
        return
    # An account principal reaches workspace ACLs through its workspace assignment: the
    # Permissions API answers "Principal: GroupName(x) does not exist" until it is made.
    assigned: dict[Address, set[Address]] = {}
    for draft in ctx.drafts:
        if draft.address.kind == "databricks_mws_permission_assignment":
            for principal in draft.depends_on:
                assigned.setdefault(principal, set()).add(draft.address)
    for draft in ctx.drafts:
        for name in _principals_named(draft.spec):
            if name in principals and principals[name] != draft.address:
                draft.depends_on.add(principals[name])
                draft.depends_on.update(assigned.get(principals[name], ()))


def _principals_named(spec: dict[str, Any]) -> list[str]:
    names = [spec["principal"]] if isinstance(spec.get("principal"), str) else []
    for entry in spec.get("grants") or spec.get("access_control_list") or []:
        if isinstance(entry, dict):
            names += [
                str(entry[key])
                for key in ("principal", "group_name", "user_name", "service_principal_name")
                if key in entry
            ]
    return names
