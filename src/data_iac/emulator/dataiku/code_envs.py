"""DSS code envs (admin): list, create, definition get/save, package update, delete.

A code env is stored as the definition ``GET /admin/code-envs/{lang}/{name}`` answers:
``envName``, ``envLang``, ``deploymentMode``, ``owner``, ``usableByAll``, ``permissions``
(``[{group, use, update, manageUsers}]``), ``desc`` (``owner``, ``pythonInterpreter``,
``installCorePackages``, ``installJupyterSupport``, ``corePackagesSet``),
``specPackageList`` (requested, one pip spec a line) and ``actualPackageList`` (installed,
set by a package update).

Sources: the calls and their answers' ``messages`` check, ``dataikuapi/dssclient.py``
(``create_code_env``, ``list_code_envs``) and ``dataikuapi/dss/admin.py`` (``DSSCodeEnv``:
``delete``, ``get_settings``, ``update_packages``; ``set_definition``'s docstring lists
the fields a save may change); the create body and the three design deployment modes,
DSS's admin UI (``AdminCodeEnvsDesignNewPythonController``: ``deploymentMode``,
``pythonInterpreter``, ``conda``, ``installCorePackages``, ``installJupyterSupport``); a
missing env answers 500 ``CodedIOException`` "PYTHON env X doesn't exist"
(platform-apis.md §7.C.3).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from data_iac.emulator.dataiku.common import (
    DssContext,
    already_exists,
    bad_request,
    dss_error,
    keep_known,
    route,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

ENVS = r"/admin/code-envs"
ENV = ENVS + r"/(?P<lang>[^/]+)/(?P<name>[^/]+)"
LANGS = ("PYTHON", "R")
DESIGN_MODES = ("DESIGN_MANAGED", "DESIGN_NON_MANAGED", "EXTERNAL_CONDA_NAMED")
NAME = re.compile(r"^[A-Za-z0-9_-]+$")
CODED_IO = "com.dataiku.dip.exceptions.CodedIOException"
SAVED = ("permissions", "usableByAll", "specPackageList", "specCondaEnvironment",
         "allContainerConfs", "containerConfs", "allSparkKubernetesConfs",
         "sparkKubernetesConfs")  # fmt: skip
SAVED_DESC = ("owner", "installCorePackages", "installJupyterSupport", "corePackagesSet",
              "yarnPythonBin", "yarnRBin", "envSettings")  # fmt: skip
PERMISSION_FLAGS = ("use", "update", "manageUsers")
DEFAULT_INTERPRETER = "PYTHON311"  # an emulator choice: DSS picks one when none is sent


def messages(**extra: Any) -> dict[str, Any]:
    """The answer of a code env operation: its messages, none of them an error."""
    empty = {"anyMessage": False, "success": False, "warning": False, "error": False,
             "fatal": False, "messages": []}  # fmt: skip
    return {"messages": empty, **extra}


def normalise_permission(entry: Any) -> dict[str, Any]:
    """A code env permission with every flag, false when not granted."""
    if not isinstance(entry, dict) or not entry.get("group"):
        raise bad_request("A code env permission needs a 'group'")
    return {"group": str(entry["group"]), **{f: bool(entry.get(f)) for f in PERMISSION_FLAGS}}


def new_env(lang: str, name: str, body: dict[str, Any], owner: str) -> dict[str, Any]:
    """The definition of a code env created from the POST body."""
    desc: dict[str, Any] = {
        "owner": owner,
        "deploymentMode": body["deploymentMode"],
        "conda": bool(body.get("conda", False)),
        "installCorePackages": bool(body.get("installCorePackages", False)),
        "installJupyterSupport": bool(body.get("installJupyterSupport", False)),
        "corePackagesSet": "PANDAS23",
    }
    if lang == "PYTHON":
        desc["pythonInterpreter"] = str(body.get("pythonInterpreter") or DEFAULT_INTERPRETER)
    return {
        "envName": name,
        "envLang": lang,
        "deploymentMode": body["deploymentMode"],
        "owner": owner,
        "usableByAll": False,
        "permissions": [],
        "desc": desc,
        "specPackageList": "",
        "specCondaEnvironment": "",
        "actualPackageList": "",
        "allContainerConfs": False,
        "containerConfs": [],
        "allSparkKubernetesConfs": False,
        "sparkKubernetesConfs": [],
    }


def saved(old: dict[str, Any], body: Any) -> dict[str, Any]:
    """A save: only the fields ``set_definition`` documents change; others are dropped."""
    new = copy.deepcopy(old)
    new.update(keep_known(body, SAVED))
    new["permissions"] = [normalise_permission(p) for p in new.get("permissions") or []]
    new["usableByAll"] = bool(new.get("usableByAll"))
    desc = body.get("desc") if isinstance(body, dict) else None
    if isinstance(desc, dict):
        new["desc"].update(keep_known(desc, SAVED_DESC))
    new["owner"] = new["desc"]["owner"]
    return new


def routes(ctx: DssContext) -> list[Route]:
    """Every code env route."""

    def fetch(request: Request) -> dict[str, Any]:
        lang, name = request.params["lang"], request.params["name"]
        found: dict[str, Any] | None = ctx.table("code_envs").get(f"{lang}/{name}")
        if found is None:
            raise dss_error(500, CODED_IO, f"{lang} env {name} doesn't exist")
        return found

    def list_envs(request: Request) -> Response:
        envs = ctx.table("code_envs")
        rows = [envs[key] for key in sorted(envs)]
        return Response(200, [
            {k: row[k] for k in ("envName", "envLang", "deploymentMode", "owner")}
            for row in rows
        ])  # fmt: skip

    def create(request: Request) -> Response:
        lang, name, body = request.params["lang"], request.params["name"], request.json()
        envs = ctx.table("code_envs")
        if lang not in LANGS:
            raise bad_request(f"Unknown code env language '{lang}': PYTHON or R")
        if not NAME.match(name):
            raise bad_request(f"Invalid code env name '{name}': use letters, digits, - and _")
        if not isinstance(body, dict) or body.get("deploymentMode") not in DESIGN_MODES:
            mode = body.get("deploymentMode") if isinstance(body, dict) else None
            raise bad_request(f"Unsupported deployment mode '{mode}' on a design node")
        if f"{lang}/{name}" in envs:
            raise already_exists(f"Code env {lang} {name} already exists")
        envs[f"{lang}/{name}"] = new_env(lang, name, body, ctx.login)
        return Response(200, messages(envName=name))

    def get(request: Request) -> Response:
        return Response(200, copy.deepcopy(fetch(request)))

    def save(request: Request) -> Response:
        row = fetch(request)
        new = saved(row, request.json())
        ctx.table("code_envs")[f"{request.params['lang']}/{request.params['name']}"] = new
        return Response(200, copy.deepcopy(new))

    def update_packages(request: Request) -> Response:
        row = fetch(request)
        row["actualPackageList"] = row["specPackageList"]
        return Response(200, messages())

    def delete(request: Request) -> Response:
        fetch(request)
        del ctx.table("code_envs")[f"{request.params['lang']}/{request.params['name']}"]
        return Response(200, messages())

    return [
        route("GET", ENVS + "/?", list_envs),
        route("POST", ENV + "/?", create),
        route("GET", ENV + "/?", get),
        route("PUT", ENV + "/?", save),
        route("POST", ENV + "/packages", update_packages),
        route("DELETE", ENV + "/?", delete),
    ]
