"""The emulated connection API through the real ``DSSClient``.

Facts and their sources:
- ``create_connection`` POSTs ``/admin/connections/`` with ``name``, ``description``,
  ``type``, ``params``, ``usableBy``, ``allowedGroups`` and reads the answer as text;
  ``list_connections`` reads a mapping name -> item (dataikuapi/dssclient.py).
- ``DSSConnectionSettings`` reads ``usableBy``, ``allowedGroups``, ``detailsReadability``
  (``readableBy`` NONE | ALL | ALLOWED), ``allowWrite``, ``allowManagedDatasets``,
  ``allowManagedFolders``; ``save`` PUTs the whole definition (dataikuapi/dss/admin.py).
- ``DSSConnection.get_definition``: "passwords and secrets in their encrypted form".
- A missing connection: ``java.lang.IllegalArgumentException: Connection 'x' does not
  exist`` (platform-apis.md §2.1 and §7.C.3).
"""

from __future__ import annotations

from typing import Any

import pytest
from dataikuapi.utils import DataikuException


def test_create_list_read_save_delete(dss: Any) -> None:
    params = {"host": "db", "port": 5432, "db": "sales", "password": "hunter2"}
    dss.create_connection("pg_main", "PostgreSQL", params, usable_by="ALLOWED",
                          allowed_groups=["analysts"], description="sales db")  # fmt: skip
    assert list(dss.list_connections()) == ["pg_main"]
    settings = dss.get_connection("pg_main").get_settings()
    raw = settings.get_raw()
    assert (settings.type, settings.usable_by, settings.usable_by_allowed_groups) == (
        "PostgreSQL", "ALLOWED", ["analysts"])  # fmt: skip
    assert raw["params"]["password"].startswith("e:AES:")  # never in clear
    assert "hunter2" not in str(raw)
    settings.allow_write = False
    settings.details_readability.set_readability(False, "admins")
    raw["params"]["port"] = 5433
    settings.save()  # sends the encrypted password back: it is kept
    again = dss.get_connection("pg_main").get_settings().get_raw()
    assert (again["allowWrite"], again["params"]["port"]) == (False, 5433)
    assert again["params"]["password"] == raw["params"]["password"]
    assert again["detailsReadability"]["readableBy"] == "ALLOWED"
    dss.get_connection("pg_main").delete()
    assert dict(dss.list_connections()) == {}


def test_missing_and_duplicate(dss: Any) -> None:
    with pytest.raises(DataikuException, match="Connection 'nope' does not exist"):
        dss.get_connection("nope").get_settings()
    dss.create_connection("s3_raw", "S3", {"bucket": "raw"})
    with pytest.raises(DataikuException, match="already exists"):
        dss.create_connection("s3_raw", "S3", {"bucket": "raw"})
    with pytest.raises(DataikuException, match="usableBy"):
        dss.create_connection("s3_other", "S3", {}, usable_by="SOME")
