"""``dataiku_code_env``: a code env of the DSS instance (admin), ``LANG.NAME``.

Projects and code recipes refer to it by name (``project.settings.code_envs``, a recipe's
``code_env``); declared in the same config, they depend on it. Its language, name,
deployment mode and Python interpreter are fixed at creation (DSS's save changes only the
fields ``DSSCodeEnv.set_definition`` lists, dataikuapi/dss/admin.py), so changing one
replaces the env.
"""

from __future__ import annotations

from data_iac.config.dataiku.instance import build_code_env
from data_iac.config.dataiku.schema import CodeEnv
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="dataiku_code_env",
    sections=("code_envs",),
    config_model=CodeEnv,
    build=build_code_env,
    immutable=frozenset({"lang", "name", "deployment_mode", "python_interpreter"}),
    computed=frozenset({"owner"}),
    unordered=frozenset({"packages"}),
    list_keys={"permissions": "group"},
    reasons={
        "immutable": "DSSCodeEnv.set_definition (dataikuapi/dss/admin.py) lists what a save "
        "changes: permissions, usableByAll, desc.owner, package lists, core packages, Jupyter",
        "packages": "one pip requirement a line (specPackageList); pip ignores their order",
    },
    scope=ListScope(("lang",)),
    identity=("lang", "name"),
    import_id="`<PYTHON|R>.<env name>`: `PYTHON.py311-ml`",
    refresh=Strategy.READ,
    handler="data_iac.providers.dataiku.code_envs:CodeEnvHandler",
)
