"""``databricks_permissions``: the access control list of one workspace object,
``{object_type, object_id, access_control_list: [{user_name|group_name|
service_principal_name, permission_level}]}``; remote id: ``<object_type>/<object_id>``.

Types are the permissions API's path segments (``jobs``, ``pipelines``, ``clusters``,
``cluster-policies``, ``sql/warehouses``, ``notebooks``, ``directories`` ...). The
``object_id`` may come from a reference the engine resolved. Only *direct* grants are
managed: inherited ones (``admins``) are ignored, and the owner (``IS_OWNER``, which jobs,
pipelines and warehouses always have exactly one of) is its own attribute ``owner``, managed
only when the spec names one (``normalize_spec`` moves an ``IS_OWNER`` entry there).

Create and update are one PUT. The service refuses a job or pipeline ACL without exactly one
``IS_OWNER`` ("The job must have exactly one owner.", databricks/cli
``acceptance/bundle/resources/permissions/factcheck/output.txt``), so when the spec names no
owner the PUT carries the current one, read first: applying an ACL never moves ownership.
Delete resets the ACL to its owner alone, the object's creator when the object reports one
(as the Terraform provider's ``PermissionsAPI.Delete`` does), never to an empty list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds.databricks.permissions import (
    OWNED_TYPES,
    OWNER,
    PRINCIPALS,
    normalize_spec,
)
from data_iac.kinds.databricks.permissions import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import must_exist
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["KIND", "SCHEMA", "Handler", "normalize_spec", "remote_id_of", "to_observed"]

KIND = "databricks_permissions"
FAMILY = "permissions"


def remote_id_of(spec: Mapping[str, Any]) -> str:
    return f"{spec['object_type']}/{spec['object_id']}"


def _split(remote_id: str) -> tuple[str, str]:
    if "//" in remote_id:  # a workspace path as the object id: notebooks//Shared/nb
        object_type, _, path = remote_id.partition("//")
        return object_type, f"/{path}"
    object_type, _, object_id = remote_id.rpartition("/")
    return object_type, object_id


def to_observed(raw: Mapping[str, Any], object_type: str, object_id: str) -> dict[str, Any]:
    """An ``ObjectPermissions`` JSON as attributes: direct grants, the owner apart."""
    direct: list[dict[str, Any]] = []
    for entry in raw.get("access_control_list") or []:
        principal = next((k for k in PRINCIPALS if entry.get(k)), None)
        for permission in entry.get("all_permissions") or []:
            if principal and not permission.get("inherited"):
                direct.append(
                    {
                        principal: entry[principal],
                        "permission_level": permission["permission_level"],
                    }
                )
    attributes = normalize_spec({"access_control_list": direct})
    attributes["access_control_list"].sort(key=lambda e: sorted(e.items()))
    return {"object_type": object_type, "object_id": object_id, **attributes}


class Handler:
    """The ACL of workspace objects through ``client``; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        object_type, object_id = _split(remote_id)
        try:
            found = self.client.call(
                FAMILY,
                self.client.w.permissions.get,
                object_type,
                self._numeric(object_id, address),
                address=str(address),
            )
        except ResourceNotFound:
            return None
        return Observed(remote_id, to_observed(found.as_dict(), object_type, object_id))

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        """ACLs cannot be enumerated workspace-wide; ``scope["objects"]`` may name
        ``(object_type, object_id)`` pairs to read."""
        for object_type, object_id in scope.get("objects") or []:
            remote_id = f"{object_type}/{object_id}"
            address = Address(KIND, remote_id)
            observed = self.read(address, remote_id)
            if observed is not None:
                yield address, observed

    def natural_id(self, address: Address, spec: Mapping[str, Any]) -> str | None:
        """The ACL's id, from the object it governs (recovery reads it after a crash)."""
        if not (spec.get("object_type") and spec.get("object_id")):
            return None
        return remote_id_of(spec)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return self._put(address, remote_id_of(spec), spec)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._put(address, observed.remote_id, spec)

    def delete(self, address: Address, observed: Observed) -> None:
        current = self.read(address, observed.remote_id)
        if current is None:
            return  # the object itself is gone, and its ACL with it
        entries: list[dict[str, Any]] = []
        if _split(observed.remote_id)[0] in OWNED_TYPES:
            owner = self._creator(address, observed.remote_id) or current.attributes.get("owner")
            entries = [{**owner, "permission_level": OWNER}] if owner else []
        try:
            self._send(address, observed.remote_id, entries)
        except ResourceNotFound:
            return  # deleted in between

    def _put(self, address: Address, remote_id: str, spec: Mapping[str, Any]) -> Observed:
        wanted = normalize_spec(spec)
        entries = list(wanted["access_control_list"])
        owner = wanted.get("owner")
        if owner is None and _split(remote_id)[0] in OWNED_TYPES:
            owner = self._current_owner(address, remote_id)
        if owner:
            entries.append({**owner, "permission_level": OWNER})
        self._send(address, remote_id, entries)
        return must_exist(self.read(address, remote_id), f"object {remote_id}", str(address))

    def _current_owner(self, address: Address, remote_id: str) -> dict[str, str] | None:
        """The principal holding ``IS_OWNER`` now (``{"user_name": ...}``), if any."""
        found = self.read(address, remote_id)
        owner = found.attributes.get("owner") if found is not None else None
        return dict(owner) if owner else None

    def _creator(self, address: Address, remote_id: str) -> dict[str, str] | None:
        """The user who created a job or pipeline, who owns it when no ACL says otherwise."""
        object_type, object_id = _split(remote_id)
        w, where = self.client.w, str(address)
        creator: str | None = None
        if object_type == "jobs":
            job = self.client.call("jobs", w.jobs.get, int(object_id), address=where)
            creator = job.creator_user_name
        elif object_type == "pipelines":
            pipeline = self.client.call("pipelines", w.pipelines.get, object_id, address=where)
            creator = pipeline.creator_user_name
        return {"user_name": creator} if creator else None

    def _numeric(self, object_id: str, address: Address) -> str:
        """A workspace object named by its path (a Laktory ``lookup_existing`` notebook,
        as Terraform's ``notebook_path``) -> its numeric id; other ids as they are."""
        if not object_id.startswith("/"):
            return object_id
        path = (
            object_id.removeprefix("/Workspace")
            if object_id.startswith("/Workspace/")
            else object_id
        )
        status = self.client.call(
            "workspace", self.client.w.workspace.get_status, path, address=str(address)
        )
        return str(status.object_id)

    def _send(self, address: Address, remote_id: str, entries: Sequence[Mapping[str, Any]]) -> None:
        from databricks.sdk.service.iam import AccessControlRequest

        object_type, object_id = _split(remote_id)
        acl = [AccessControlRequest.from_dict(dict(e)) for e in entries]
        self.client.call(
            FAMILY,
            self.client.w.permissions.set,
            object_type,
            self._numeric(object_id, address),
            access_control_list=acl,
            address=str(address),
        )
