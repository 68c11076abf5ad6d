"""``dataiku_code_env``: a code env's definition and packages, through ``DSSCodeEnv``.
Remote id ``LANG.NAME`` (``PYTHON.py311-ml``).

DSS keeps the requested packages (``specPackageList``) apart from the installed ones; after
a change of ``packages`` the handler asks DSS to install them (``update_packages``), as the
admin UI's "save and update" does. A missing env is found from the listing: DSS answers a
500, not a 404, for one (platform-apis.md §7.C.3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.dataiku.client import DssConnection
from data_iac.providers.dataiku.common import ignore_missing, split_remote_id
from data_iac.providers.dataiku.projects import normalise_permissions

__all__ = ["CodeEnvHandler", "apply_spec", "to_observed"]

KIND = "dataiku_code_env"
# spec field -> its place in the definition's ``desc``
DESC_FIELDS = {
    "install_core_packages": "installCorePackages",
    "install_jupyter_support": "installJupyterSupport",
}


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The spec-contract attributes of a code env definition (pure)."""
    desc = raw.get("desc") or {}
    lines = str(raw.get("specPackageList") or "").splitlines()
    out = {
        "lang": raw["envLang"],
        "name": raw["envName"],
        "deployment_mode": raw.get("deploymentMode"),
        "python_interpreter": desc.get("pythonInterpreter"),
        "packages": [line.strip() for line in lines if line.strip()],
        "usable_by_all": bool(raw.get("usableByAll")),
        "permissions": normalise_permissions(raw.get("permissions")),
        "owner": desc.get("owner", raw.get("owner")),
    }
    out.update({field: bool(desc.get(key)) for field, key in DESC_FIELDS.items()})
    return out


def apply_spec(raw: dict[str, Any], spec: Mapping[str, Any]) -> None:
    """Write the spec's changeable fields into a fetched definition, in place."""
    if "packages" in spec:
        raw["specPackageList"] = "\n".join(spec["packages"])
    if "usable_by_all" in spec:
        raw["usableByAll"] = spec["usable_by_all"]
    if "permissions" in spec:
        raw["permissions"] = [dict(p) for p in spec["permissions"]]
    desc = raw.setdefault("desc", {})
    for field, key in DESC_FIELDS.items():
        if field in spec:
            desc[key] = spec[field]


class CodeEnvHandler:
    """CRUD for code envs (needs an admin API key, or one allowed to create code envs)."""

    schema: KindSchema = spec_of(KIND)

    def __init__(self, conn: DssConnection) -> None:
        self._conn = conn

    def _exists(self, lang: str, name: str) -> bool:
        return any(
            e.get("envLang") == lang and e.get("envName") == name
            for e in self._conn.client.list_code_envs()
        )

    def read(self, address: Address, remote_id: str) -> Observed | None:
        lang, name = split_remote_id(remote_id)
        if not self._exists(lang, name):
            return None
        raw = self._conn.client.get_code_env(lang, name).get_settings().get_raw()
        return Observed(remote_id, to_observed(raw))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every code env (of ``scope["lang"]`` when given), each read once."""
        wanted = scope.get("lang")
        for env in self._conn.client.list_code_envs():
            lang, name = str(env.get("envLang")), str(env.get("envName"))
            if wanted and lang != wanted:
                continue
            raw = self._conn.client.get_code_env(lang, name).get_settings().get_raw()
            yield Address(KIND, f"{lang}.{name}"), Observed(f"{lang}.{name}", to_observed(raw))

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        """Create with the creation-time fields, then save the rest and install packages."""
        lang, name = str(spec["lang"]), str(spec["name"])
        params: dict[str, Any] = {
            key: spec[field] for field, key in DESC_FIELDS.items() if field in spec
        }
        if spec.get("python_interpreter"):
            params["pythonInterpreter"] = spec["python_interpreter"]
        self._conn.client.create_code_env(lang, name, str(spec["deployment_mode"]), params)
        return self._write(f"{lang}.{name}", spec, install=bool(spec.get("packages")))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        changed = "packages" in spec and sorted(spec["packages"]) != sorted(
            observed.attributes.get("packages") or []
        )
        return self._write(observed.remote_id, spec, install=changed)

    def delete(self, address: Address, observed: Observed) -> None:
        lang, name = split_remote_id(observed.remote_id)
        if self._exists(lang, name):
            with ignore_missing():
                self._conn.client.get_code_env(lang, name).delete()

    def _write(self, remote_id: str, spec: Mapping[str, Any], *, install: bool) -> Observed:
        lang, name = split_remote_id(remote_id)
        env = self._conn.client.get_code_env(lang, name)
        settings = env.get_settings()
        apply_spec(settings.get_raw(), spec)
        settings.save()
        if install:
            env.update_packages()
        observed = self.read(Address(KIND, remote_id), remote_id)
        if observed is None:
            raise ResourceNotFound(f"code env {remote_id} vanished", platform="dataiku")
        return observed
