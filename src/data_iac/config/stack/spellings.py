"""Laktory 0.12-0.13 spellings of a stack entry -> the spellings data-iac builds from.

Laktory's resource models are generated from the Databricks Terraform provider's schema
(``laktory/models/resources/databricks/*_base.py``), so a nested block keeps Terraform's
singular name (``task``, ``job_cluster``, ``library``, ``access_control``...), and Laktory
accepts the plural as an alias. The REST API, which our providers speak, uses the plural.
Both spellings are accepted here and the plural is kept; writing both is an error.

Other Terraform names are mapped to ours: a secret's ``string_value`` (our older
``value``), a user's or service principal's ``group_ids`` (``${resources.KEY.id}`` of
groups, our ``groups``), a secret scope's ``backend_type`` / ``keyvault_metadata``, a
securable's singular ``grant`` (one principal's privileges, non-destructive: our
``grants`` semantics). Terraform-only switches that change how Terraform deletes an
object (``force_delete_home_dir``...) are dropped with a note.
"""

from __future__ import annotations

import base64
import copy
import re
from typing import Any

from data_iac.config.locations import NodePath, relocate
from data_iac.config.stack.context import StackContext

__all__ = ["TERRAFORM_SWITCHES", "normalise_entry"]

# Where, inside one entry of a kind, Terraform's singular block names are found:
# (path of the containing mapping, with "*" for every list element) -> singular -> plural.
_Rename = tuple[tuple[str, ...], dict[str, str]]
_CLUSTER = {"library": "libraries", "cluster_mount_info": "cluster_mount_infos"}
_WEBHOOKS = {
    f"on_{event}s": f"on_{event}"
    for event in (
        "start",
        "failure",
        "duration_warning_threshold_exceeded",
        "streaming_backlog_exceeded",
    )
} | {"on_successes": "on_success"}
_RENAMES: dict[str, list[_Rename]] = {
    "jobs": [
        (
            (),
            {
                "task": "tasks",
                "job_cluster": "job_clusters",
                "parameter": "parameters",
                "environment": "environments",
            },
        ),
        (("tasks", "*"), {"library": "libraries"}),
        (("tasks", "*", "new_cluster"), _CLUSTER),
        (("job_clusters", "*", "new_cluster"), _CLUSTER),
        (("webhook_notifications",), _WEBHOOKS),
        (("tasks", "*", "webhook_notifications"), _WEBHOOKS),
    ],
    "pipelines": [
        (
            (),
            {
                "cluster": "clusters",
                "library": "libraries",
                "notification": "notifications",
            },
        ),
        (("clusters", "*"), {"name": "label"}),
    ],
    "clusters": [((), _CLUSTER)],
    # Older Laktory named a DLT pipeline's cluster by ``name``; the API says ``label``.
    "permissions": [((), {"access_control": "access_controls"})],
    "secretscopes": [
        ((), {"backend_type": "scope_backend_type", "keyvault_metadata": "backend_azure_keyvault"}),
        (("secrets", "*"), {"string_value": "value"}),
    ],
    "serviceprincipals": [((), {"group_ids": "groups"})],
    "users": [((), {"group_ids": "groups"})],
    "groups": [((), {"member_ids": "members"})],
}
# Renamed fields (not Terraform blocks, which may be written as one mapping for a list).
_FIELD_RENAMES = frozenset(
    {"string_value", "backend_type", "keyvault_metadata", "group_ids", "member_ids", "name"}
)
# Terraform switches about how an object is deleted, not fields of the object.
TERRAFORM_SWITCHES: dict[str, tuple[str, ...]] = {
    "users": ("disable_as_user_deletion", "force", "force_delete_home_dir", "force_delete_repos"),
    "serviceprincipals": (
        "disable_as_user_deletion",
        "force",
        "force_delete_home_dir",
        "force_delete_repos",
    ),
    "groups": ("force",),
    "directories": ("delete_recursive",),
    # Terraform waits (or not) for the object to be running; md5 re-triggers an upload;
    # force_destroy / force_update are how Terraform deletes or updates a securable.
    "clusters": ("no_wait",),
    "warehouses": ("no_wait",),
    "externallocations": ("force_destroy", "force_update"),
    "storagecredentials": ("force_destroy", "force_update"),
    "globalinitscripts": ("md5",),
    "notebooks": ("md5",),
    "workspacefiles": ("md5",),
    "dbfsfiles": ("md5",),
}
_KEY_REFERENCE = re.compile(r"^\$\{resources\.(?P<key>[A-Za-z0-9_\-]+)(?:\.id)?\}$")


def normalise_entry(ctx: StackContext, kind: str, raw: Any, path: NodePath) -> Any:
    """``raw`` (the entry at ``path`` of stack kind ``kind``) in data-iac's spellings."""
    if not isinstance(raw, dict):
        return raw
    entry = copy.deepcopy(raw)
    for where, names in _RENAMES.get(kind, []):
        for container, at in _containers(entry, where, path):
            _rename(ctx, container, names, at)
    switches = TERRAFORM_SWITCHES.get(kind, ())
    dropped = [name for name in switches if entry.pop(name, None) is not None]
    if dropped:
        ctx.notes.append(f"{path[-1]}: {', '.join(dropped)} ignored (Terraform's own switches)")
    if kind in ("users", "serviceprincipals") and isinstance(entry.get("groups"), list):
        entry["groups"] = [_group_key(item) for item in entry["groups"]]
    if kind in _SECURABLES:
        _securable_grants(ctx, entry, path, _SECURABLES[kind])
    if kind in ("jobs", "pipelines"):
        _affixed_name(entry, str(path[-1]))
    if kind == "globalinitscripts":
        _init_script(ctx, entry, path)
    if kind == "repos":
        _git_provider(ctx, entry, path)
    return entry


def _affixed_name(entry: dict[str, Any], key: str) -> None:
    """Laktory's ``name_prefix`` / ``name_suffix`` (set per environment) around the name."""
    prefix, suffix = entry.pop("name_prefix", None), entry.pop("name_suffix", None)
    if prefix is not None or suffix is not None:
        entry["name"] = f"{prefix or ''}{entry.get('name') or key}{suffix or ''}"


def _rename(
    ctx: StackContext, container: dict[str, Any], names: dict[str, str], at: NodePath
) -> None:
    for singular, plural in names.items():
        if singular not in container:
            continue
        if plural in container:
            ctx.report(
                (*at, singular),
                f"'{singular}' and '{plural}' are the same field: write one",
                f"'{plural}' is the REST spelling, '{singular}' Terraform's",
            )
            continue
        value = container.pop(singular)
        block = singular not in _FIELD_RENAMES and isinstance(value, dict)
        container[plural] = [value] if block else value
        relocate(ctx.marks, (*at, singular), (*at, plural))


def _containers(
    node: Any, where: tuple[str, ...], at: NodePath
) -> list[tuple[dict[str, Any], NodePath]]:
    """The mappings found at ``where`` ("*": every element of a list) under ``node``."""
    if not where:
        return [(node, at)] if isinstance(node, dict) else []
    head, rest = where[0], where[1:]
    if head == "*":
        items = node if isinstance(node, list) else []
        return [
            found for i, item in enumerate(items) for found in _containers(item, rest, (*at, i))
        ]
    child = node.get(head) if isinstance(node, dict) else None
    return _containers(child, rest, (*at, head))


def _group_key(item: Any) -> Any:
    """``${resources.KEY.id}`` (Terraform's group id) -> KEY, the group's stack key."""
    found = _KEY_REFERENCE.match(item) if isinstance(item, str) else None
    return found["key"] if found else item


# Stack kind -> the nested securables below it (catalog -> schemas -> volumes).
_SECURABLES: dict[str, tuple[str, ...]] = {
    "catalogs": ("schemas", "volumes"),
    "schemas": ("volumes",),
    "volumes": (),
    "externallocations": (),
    "storagecredentials": (),
    "connections": (),
}


# Git host -> the Repos API's provider, as Terraform derives ``git_provider`` from ``url``
# when it is not written (terraform-provider-databricks repos/resource_repo.go,
# GetGitProviderFromUrl; the names from the SDK's ReposAPI.create docstring).
_GIT_HOSTS = {
    "github.com": "gitHub",
    "dev.azure.com": "azureDevOpsServices",
    "visualstudio.com": "azureDevOpsServices",
    "gitlab.com": "gitLab",
    "bitbucket.org": "bitbucketCloud",
    "amazonaws.com": "awsCodeCommit",
}


def _git_provider(ctx: StackContext, entry: dict[str, Any], path: NodePath) -> None:
    """Terraform's ``git_provider`` is our ``provider``; unwritten, it comes from the url."""
    if "git_provider" in entry:
        if "provider" in entry:
            ctx.report((*path, "git_provider"), "'git_provider' and 'provider' are the same field")
            return
        entry["provider"] = entry.pop("git_provider")
        relocate(ctx.marks, (*path, "git_provider"), (*path, "provider"))
    elif "provider" not in entry and isinstance(entry.get("url"), str):
        host = re.sub(r"^[a-z]+://([^/@]*@)?", "", entry["url"]).split("/")[0].lower()
        found = next(
            (p for h, p in _GIT_HOSTS.items() if host == h or host.endswith(f".{h}")), None
        )
        if found is not None:
            entry["provider"] = found


def _init_script(ctx: StackContext, entry: dict[str, Any], path: NodePath) -> None:
    """Terraform's ``content_base64`` (inline) or ``source`` (a local file, relative to the
    stack) -> the REST ``script`` (base64), which our kind takes."""
    written = [name for name in ("content_base64", "source", "script") if name in entry]
    if len(written) > 1:
        ctx.report(
            (*path, written[1]),
            f"{' and '.join(written)} are the same script: write one",
            "source: a local file; content_base64: the base64 content",
        )
        for extra in written[1:]:  # the first is kept: no second error for a missing script
            entry.pop(extra)
    if "content_base64" in entry:
        entry["script"] = entry.pop("content_base64")
        relocate(ctx.marks, (*path, "content_base64"), (*path, "script"))
    elif "source" in entry:
        found = ctx.local_file(entry.pop("source"), (*path, "source"), "source")
        if found is not None:
            entry["script"] = base64.b64encode(found.read_bytes()).decode("ascii")


def _securable_grants(
    ctx: StackContext, entry: dict[str, Any], path: NodePath, children: tuple[str, ...]
) -> None:
    """Laktory's ``grant:`` (one mapping or a list) is per principal and non-destructive,
    which is what our ``grants:`` does: it becomes ``grants``. Laktory's own ``grants:`` is
    authoritative over the securable; ours is not unless ``grants_mode`` says so: noted."""
    grant = entry.pop("grant", None)
    if grant is not None and entry.get("grants") is not None:
        ctx.report((*path, "grant"), "'grant' and 'grants' cannot both be set", "use grants:")
    elif grant is not None:
        entry["grants"] = grant if isinstance(grant, list) else [grant]
        relocate(ctx.marks, (*path, "grant"), (*path, "grants"))
    elif entry.get("grants") is not None and entry.get("grants_mode") is None:
        ctx.laktory_grants.append(path)
    nested = entry.get(children[0]) if children else None
    if isinstance(nested, list):  # another shape is the model's to report
        for index, child in enumerate(nested):
            if isinstance(child, dict):
                _securable_grants(ctx, child, (*path, children[0], index), children[1:])
