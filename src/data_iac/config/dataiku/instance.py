"""Instance-level DSS objects a project document may declare (admin): code envs and
connections. Their address keys are their own (``PYTHON.py311``, ``pg_main``), not the
project's; projects, recipes, datasets and folders naming one that the same document
declares depend on it (config/dataiku/desired.py)."""

from __future__ import annotations

from data_iac.config.dataiku.desired import ProjectBuilder, optional
from data_iac.config.dataiku.schema import CodeEnv, Connection
from data_iac.config.dataiku.types import dss_dataset_type
from data_iac.model.resource import Resource

__all__ = ["build_code_env", "build_connection"]


def build_code_env(b: ProjectBuilder, env: CodeEnv) -> Resource:
    spec = optional(
        {"lang": env.lang, "name": env.name, "deployment_mode": env.deployment_mode},
        python_interpreter=env.python_interpreter,
        packages=env.packages,
        install_core_packages=env.install_core_packages,
        install_jupyter_support=env.install_jupyter_support,
        usable_by_all=env.usable_by_all,
        permissions=env.permissions,
    )
    return b.instance_resource(f"{env.lang}.{env.name}", spec, set(), env.lifecycle)


def build_connection(b: ProjectBuilder, connection: Connection) -> Resource:
    spec = optional(
        {"name": connection.name, "type": dss_dataset_type(connection.type) or connection.type},
        description=connection.description,
        params=connection.params,
        credentials=connection.credentials,
        usable_by=connection.usable_by,
        allowed_groups=connection.allowed_groups,
        details_readable_by=connection.details_readable_by,
        allow_write=connection.allow_write,
        allow_managed_datasets=connection.allow_managed_datasets,
        allow_managed_folders=connection.allow_managed_folders,
    )
    return b.instance_resource(connection.name, spec, set(), connection.lifecycle)
