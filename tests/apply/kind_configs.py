"""A minimal stack per Databricks kind (with the parents it needs), the create request of
that kind, and a count of the objects it makes, for the per-kind crash and fault matrices.

Counts are read with the real SDK over HTTP; a count above one is a duplicate, a count of
zero after a converged apply is an object lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SOURCE = "# Databricks notebook source\nprint(1)\n"


@dataclass(frozen=True)
class KindCase:
    """One kind: its stack, the path glob (and method) of its create, and how to count it."""

    kind: str
    stack: str
    create: str
    count: Callable[[Any], int]
    files: dict[str, str] = field(default_factory=dict)
    method: str = "POST"
    project: str = ""  # a Dataiku project.yml instead of a stack
    killed: bool = True  # False: test_crash.py already kills this kind at every request


def _named(items: Any, attribute: str, value: str) -> int:
    return sum(1 for item in items if getattr(item, attribute, None) == value)


def _settings_named(items: Any, value: str) -> int:
    return sum(1 for item in items if item.settings is not None and item.settings.name == value)


def _path_exists(w: Any, path: str) -> int:
    try:
        w.workspace.get_status(path)
    except Exception:  # NotFound
        return 0
    return 1


CASES = [
    KindCase(
        "databricks_catalog",
        "  catalogs:\n    c: {name: kc}\n",
        "/api/2.1/unity-catalog/catalogs",
        lambda w: _named(w.catalogs.list(), "name", "kc"),
    ),
    KindCase(
        "databricks_schema",
        "  catalogs:\n    c:\n      name: kc\n      schemas:\n        - name: ks\n",
        "/api/2.1/unity-catalog/schemas",
        lambda w: _named(w.schemas.list("kc"), "name", "ks"),
    ),
    KindCase(
        "databricks_volume",
        "  catalogs:\n    c:\n      name: kc\n      schemas:\n        - name: ks\n"
        "          volumes:\n            - name: kv\n",
        "/api/2.1/unity-catalog/volumes",
        lambda w: _named(w.volumes.list("kc", "ks"), "name", "kv"),
    ),
    KindCase(
        "databricks_grants",
        # Grants name account-level principals: a group this stack made in the workspace
        # would be "Could not find principal" (tests/emulator/databricks/test_uc.py).
        "  catalogs:\n    c:\n      name: kc\n      grants:\n"
        "        - principal: account users\n          privileges: [USE_CATALOG]\n",
        "/api/2.1/unity-catalog/permissions/*",
        lambda w: 1,
        method="PATCH",
    ),
    KindCase(
        "databricks_group",
        "  groups:\n    g: {display_name: kg}\n",
        "/api/2.0/preview/scim/v2/Groups",
        lambda w: _named(w.groups.list(), "display_name", "kg"),
    ),
    KindCase(
        "databricks_user",
        "  users:\n    u: {user_name: ku@example.com, display_name: Ku}\n",
        "/api/2.0/preview/scim/v2/Users",
        lambda w: _named(w.users.list(), "user_name", "ku@example.com"),
    ),
    KindCase(
        "databricks_service_principal",
        "  service_principals:\n    sp:\n      display_name: ksp\n"
        "      application_id: 22222222-2222-2222-2222-222222222222\n",
        "/api/2.0/preview/scim/v2/ServicePrincipals",
        lambda w: _named(w.service_principals.list(), "display_name", "ksp"),
    ),
    KindCase(
        "databricks_secret_scope",
        "  groups:\n    g: {display_name: kg}\n"
        "  secret_scopes:\n    s:\n      name: ksc\n      secrets:\n"
        "        - {key: k1, value: v1}\n      permissions:\n"
        "        - {principal: kg, permission: READ}\n",
        "/api/2.0/secrets/*",
        lambda w: _named(w.secrets.list_scopes(), "name", "ksc"),
    ),
    KindCase(
        "databricks_notebook",
        "  groups:\n    g: {display_name: kg}\n"
        "  notebooks:\n    nb:\n      source: nb.py\n      path: /Shared/k/nb\n"
        "      access_controls:\n        - {group_name: kg, permission_level: CAN_RUN}\n",
        "/api/2.0/workspace/import",
        lambda w: _path_exists(w, "/Shared/k/nb"),
        {"nb.py": SOURCE},
    ),
    KindCase(
        "databricks_workspace_file",
        "  workspace_files:\n    wf:\n      source: conf.json\n      path: /Shared/k/conf.json\n",
        "/api/2.0/workspace/import",
        lambda w: _path_exists(w, "/Shared/k/conf.json"),
        {"conf.json": '{"a": 1}\n'},
    ),
    KindCase(
        "databricks_directory",
        "  directories:\n    d: {path: /Shared/kd}\n",
        "/api/2.0/workspace/mkdirs",
        lambda w: _path_exists(w, "/Shared/kd"),
    ),
    KindCase(
        "databricks_cluster_policy",
        "  cluster_policies:\n    p:\n      name: kp\n"
        "      definition: {num_workers: {type: range, maxValue: 2}}\n",
        "/api/2.0/policies/clusters/create",
        lambda w: _named(w.cluster_policies.list(), "name", "kp"),
    ),
    KindCase(
        "databricks_cluster",
        "  clusters:\n    cl:\n      name: kcl\n      spark_version: 15.4.x-scala2.12\n"
        "      node_type_id: Standard_DS3_v2\n      num_workers: 1\n",
        "/api/2.*/clusters/create",
        lambda w: _named(w.clusters.list(), "cluster_name", "kcl"),
    ),
    KindCase(
        "databricks_sql_warehouse",
        "  warehouses:\n    wh:\n      name: kwh\n      cluster_size: 2X-Small\n"
        "      max_num_clusters: 1\n",
        "/api/2.0/sql/warehouses",
        lambda w: _named(w.warehouses.list(), "name", "kwh"),
    ),
    KindCase(
        "databricks_job",
        "  jobs:\n    j:\n      name: kj\n      tasks:\n        - task_key: t\n"
        "          notebook_task: {notebook_path: /Shared/x}\n",
        "/api/2.*/jobs/create",
        lambda w: _settings_named(w.jobs.list(), "kj"),
    ),
    KindCase(
        "databricks_pipeline",
        "  databricks_pipelines:\n    pl:\n      name: kpl\n      catalog: main\n"
        "      target: k\n      development: true\n      libraries:\n"
        "        - notebook: {path: /Shared/x}\n",
        "/api/2.0/pipelines",
        lambda w: _named(w.pipelines.list_pipelines(), "name", "kpl"),
    ),
]


def _dss(kind: str) -> Callable[[Any], int]:
    """Count the objects of a DSS kind named ``k`` in project KP (and the project itself)."""

    def count(client: Any) -> int:
        keys = client.list_project_keys()
        if kind == "project":
            return keys.count("KP")
        if "KP" not in keys:
            return 0
        project = client.get_project("KP")
        if kind == "dataset":
            return sum(1 for d in project.list_datasets() if d["name"] == "k")
        if kind == "recipe":
            return sum(1 for r in project.list_recipes() if r["name"] == "k")
        if kind == "scenario":
            return sum(1 for s in project.list_scenarios() if s["name"] == "k")
        if kind == "managed_folder":
            return sum(1 for f in project.list_managed_folders() if f["name"] == "k")
        return sum(1 for z in project.get_flow().list_zones() if z.name == "k")

    return count


DSS_HEAD = 'version: "1.0"\nproject: {key: KP, name: Kp}\n'
DSS_CASES = [
    KindCase(
        "dataiku_project",
        "",
        "/dip/publicapi/projects*",
        _dss("project"),
        project=DSS_HEAD,
        killed=False,
    ),
    KindCase(
        "dataiku_dataset",
        "",
        "/dip/publicapi/projects/KP/datasets*",
        _dss("dataset"),
        project=DSS_HEAD + "datasets:\n  - {name: k, type: managed}\n",
        killed=False,
    ),
    KindCase(
        "dataiku_recipe",
        "",
        "/dip/publicapi/projects/KP/recipes*",
        _dss("recipe"),
        project=DSS_HEAD + "datasets:\n  - {name: a, type: managed}\n"
        "  - {name: b, type: managed}\nrecipes:\n"
        "  - {name: k, type: sync, inputs: [a], outputs: [b]}\n",
    ),
    KindCase(
        "dataiku_scenario",
        "",
        "/dip/publicapi/projects/KP/scenarios*",
        _dss("scenario"),
        project=DSS_HEAD + "scenarios:\n  - {name: k, active: false}\n",
    ),
    KindCase(
        "dataiku_managed_folder",
        "",
        "/dip/publicapi/projects/KP/managedfolders*",
        _dss("managed_folder"),
        project=DSS_HEAD + "managed_folders:\n  - name: k\n",
    ),
    KindCase(
        "dataiku_zone",
        "",
        "/dip/publicapi/projects/KP/flow/zones*",
        _dss("zone"),
        project=DSS_HEAD + "zones:\n  - name: k\n",
    ),
]


def stack_text(case: KindCase) -> str:
    return f"name: k\nresources:\n{case.stack}"
