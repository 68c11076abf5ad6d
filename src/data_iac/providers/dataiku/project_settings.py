"""A project's ``settings`` (the keys the Dataiku IaC format uses), each where DSS keeps it.

DSS has no single "project settings" object holding these; each lives in its own document,
read and written through dataikuapi:

``owner``
    the ``owner`` of the permissions document (``DSSProject.get_permissions`` returns "the
    owner and the permissions", ``set_permissions`` takes the same structure;
    dataikuapi/dss/project.py).
``git``
    ``{"enabled": true, "remote": URL}``: DSS versions every project in git, so ``enabled``
    is always true; ``remote`` is the URL of the remote ``origin``
    (``DSSProjectGit.get_remote`` / ``set_remote``: GET / POST
    ``/projects/{K}/git/remotes/origin``, dataikuapi/dss/project.py).
``exposed``
    DSS has no project-level switch of that name (it exposes single objects to other
    projects, in ``exposedObjects``); the seed only records the flag. It is kept in the
    project's custom metadata, ``custom.kv.exposed`` (``DSSProject.get_metadata``: "label,
    description, checklists, tags and custom metadata"), where DSS stores free-form keys.
``code_envs``
    ``{"python": NAME, "r": NAME}``: the project's default code env per language, in the
    settings document's ``settings.codeEnvs.<lang>`` (``DSSProjectSettings.set_python_code_env``
    / ``set_r_code_env``, dataikuapi/dss/project.py: mode ``EXPLICIT_ENV`` and ``envName``;
    mode ``USE_BUILTIN_MODE`` is DSS's built-in env, read as None).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["EXPOSED_KEY", "observed_settings", "write_settings"]

EXPOSED_KEY = "exposed"


def observed_settings(
    metadata: Mapping[str, Any],
    permissions: Mapping[str, Any],
    remote: str | None,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``settings`` attribute of a project, from the DSS documents holding it (pure)."""
    custom = metadata.get("custom")
    kv = custom.get("kv") if isinstance(custom, Mapping) else None
    exposed = kv.get(EXPOSED_KEY) if isinstance(kv, Mapping) else None
    return {
        "owner": permissions.get("owner"),
        "exposed": exposed,
        "git": {"enabled": True, "remote": remote},
        "code_envs": code_envs_of(settings or {}),
    }


def code_envs_of(settings: Mapping[str, Any]) -> dict[str, str | None]:
    """The explicit code env of each language in a project settings document (pure)."""
    envs = (settings.get("settings") or {}).get("codeEnvs") or {}
    out: dict[str, str | None] = {}
    for lang in ("python", "r"):
        selection = envs.get(lang) or {}
        explicit = selection.get("mode") == "EXPLICIT_ENV"
        out[lang] = str(selection.get("envName")) if explicit else None
    return out


def metadata_with_settings(
    metadata: Mapping[str, Any], wanted: Mapping[str, Any]
) -> dict[str, Any]:
    """``metadata`` with ``exposed`` written into its custom key-values (pure)."""
    out = dict(metadata)
    if "exposed" in wanted:
        custom = dict(out.get("custom") or {})
        kv = dict(custom.get("kv") or {})
        kv[EXPOSED_KEY] = wanted["exposed"]
        custom["kv"] = kv
        out["custom"] = custom
    return out


def write_settings(project: Any, wanted: Mapping[str, Any]) -> None:
    """Write each managed setting of ``wanted`` where DSS keeps it; others are untouched."""
    if "exposed" in wanted:
        project.set_metadata(metadata_with_settings(project.get_metadata(), wanted))
    if wanted.get("owner"):
        permissions = project.get_permissions()
        if permissions.get("owner") != wanted["owner"]:
            permissions["owner"] = wanted["owner"]
            project.set_permissions(permissions)
    if wanted.get("code_envs"):
        write_code_envs(project, wanted["code_envs"])
    remote = (wanted.get("git") or {}).get("remote")
    if remote:
        git = project.get_project_git()
        if git.get_remote() != remote:
            git.set_remote(remote)


def write_code_envs(project: Any, wanted: Mapping[str, Any]) -> None:
    """Set the project's default code envs that ``wanted`` names; others are untouched."""
    settings = project.get_settings()
    current = code_envs_of(settings.get_raw())
    if all(current.get(lang) == name for lang, name in wanted.items() if name):
        return
    if wanted.get("python"):
        settings.set_python_code_env(wanted["python"])
    if wanted.get("r"):
        settings.set_r_code_env(wanted["r"])
    settings.save()
