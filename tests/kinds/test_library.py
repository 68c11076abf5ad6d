"""databricks_library on the emulator. Facts and sources: ``compute.LibrariesAPI``
(databricks-sdk 0.162: ``install``/``uninstall`` with ``cluster_id`` and ``libraries``,
``cluster-status`` answering ``library_statuses``; ``LibraryInstallStatus``'s
``UNINSTALL_ON_RESTART`` for an uninstalled library until the cluster restarts); a missing
cluster answers as the clusters API does (400 "Cluster <id> does not exist")."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.libraries import Handler
from tests.providers.databricks.lifecycle import assert_no_diff

ADDRESS = Address("databricks_library", "shared.pypi-pandas")


def _cluster(dbx: DatabricksClient) -> str:
    created = dbx.w.clusters.create(
        cluster_name="shared", spark_version="15.4.x-scala2.12", node_type_id="i3.xlarge",
        num_workers=1,
    ).response  # fmt: skip
    return str(created.cluster_id)


def test_install_read_uninstall(dbx: DatabricksClient) -> None:
    cluster_id = _cluster(dbx)
    handler = Handler(dbx)
    spec = {"cluster_id": cluster_id, "pypi": {"package": "pandas==2.2.2"}}
    created = handler.create(ADDRESS, spec)
    assert created.remote_id == f"{cluster_id}/pypi:pandas==2.2.2"
    assert created.attributes["status"] == "INSTALLED"
    assert_no_diff(handler, spec, created)
    jar = {"cluster_id": cluster_id, "jar": "/Volumes/main/raw/libs/x.jar"}
    assert handler.create(Address("databricks_library", "j"), jar).remote_id.endswith("x.jar")
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None  # uninstalled on restart


def test_a_missing_cluster_is_an_error(dbx: DatabricksClient) -> None:
    with pytest.raises(ProviderError, match="does not exist"):
        Handler(dbx).create(ADDRESS, {"cluster_id": "0000-nope", "whl": "/x.whl"})
