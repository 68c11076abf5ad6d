"""A realistic mixed Databricks stack of about N resources, for the CLI benchmarks.

It is ``examples/databricks/workspace-estate`` (every Databricks kind once: storage
credentials to SQL alerts) plus N/``UNIT`` teams, each with what a team usually owns:

- an account group (assigned to the workspace) and a user in it;
- a catalog with 2 schemas of 1 volume each, grants to the team on all five;
- a folder with an access control list, a notebook and a workspace file in it;
- a job running that notebook, with an access control list;
- a secret scope with one secret and an ACL for the team;
- a cluster policy.

Grants and access control lists name the team's account group, as on a real workspace.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
ESTATE = ROOT / "examples" / "databricks" / "workspace-estate"
UNIT = 23
"""Resources one team adds (group, its workspace assignment, user, membership ...)."""


def team(i: int) -> dict[str, dict[str, Any]]:
    """The resources of team ``i``, by config section."""
    group = f"team-{i}"
    account = {"provider": "${resources.databricks.account}"}
    grant = [{"principal": group, "privileges": ["USE_SCHEMA", "SELECT"]}]
    schemas = [
        {
            "name": f"s{s}",
            "grants": grant,
            "volumes": [
                {"name": f"v{s}", "grants": [{"principal": group, "privileges": ["READ_VOLUME"]}]}
            ],
        }
        for s in range(2)
    ]
    folder = f"/Shared/teams/{group}"
    return {
        "groups": {
            f"grp-{i}": {
                "display_name": group,
                "workspace_permission_assignments": [
                    {"workspace_id": "${vars.workspace_id}", "permissions": ["USER"]}
                ],
                "resource_options": account,
            }
        },
        "users": {
            f"usr-{i}": {
                "user_name": f"member-{i}@example.com",
                "groups": [f"grp-{i}"],
                "resource_options": account,
            }
        },
        "catalogs": {
            f"cat-{i}": {
                "name": f"team_{i}",
                "comment": f"what team {i} owns",
                "grants": [{"principal": group, "privileges": ["USE_CATALOG"]}],
                "schemas": schemas,
            }
        },
        "directories": {
            f"dir-{i}": {
                "path": folder,
                "access_controls": [{"group_name": group, "permission_level": "CAN_READ"}],
            }
        },
        "notebooks": {f"nb-{i}": {"source": "files/refresh.py", "path": f"{folder}/refresh"}},
        "workspace_files": {
            f"file-{i}": {"source": "files/settings.json", "path": f"{folder}/settings.json"}
        },
        "jobs": {
            f"job-{i}": {
                "name": f"{group}-refresh",
                "tasks": [
                    {
                        "task_key": "refresh",
                        "notebook_task": {"notebook_path": f"${{resources.nb-{i}.path}}"},
                    }
                ],
                "access_controls": [{"group_name": group, "permission_level": "CAN_MANAGE_RUN"}],
            }
        },
        "secret_scopes": {
            f"scope-{i}": {
                "name": f"{group}-secrets",
                "secrets": [{"key": "token", "value": f"not-a-secret-{i}"}],
                "permissions": [{"principal": group, "permission": "READ"}],
            }
        },
        "cluster_policies": {
            f"pol-{i}": {
                "name": f"{group}-small",
                "definition": {"num_workers": {"type": "range", "maxValue": 2}},
            }
        },
    }


def write_stack(directory: Path, n_resources: int, url: str | None, account_id: str) -> Path:
    """Write the stack of about ``n_resources`` (its files too) into ``directory``; with
    ``url`` its providers point at that emulator, else at ``--emulator``'s."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ESTATE / "files", directory / "files", dirs_exist_ok=True)
    stack = yaml.safe_load((ESTATE / "stack.yaml").read_text())
    resources = stack["resources"]
    providers = resources["providers"]
    if url:
        providers["databricks"] = {"host": url}
        providers["databricks.account"] = {"host": f"{url}/accounts", "account_id": account_id}
    else:
        providers["databricks.account"].pop("host", None)
        providers["databricks.account"]["account_id"] = account_id
    for i in range(max(0, n_resources - 45) // UNIT):
        for section, entries in team(i).items():
            resources.setdefault(section, {}).update(entries)
    path = directory / "stack.yaml"
    path.write_text(yaml.safe_dump(stack, sort_keys=False))
    return path
