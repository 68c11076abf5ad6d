"""Authentication, error bodies and persistence of the DSS emulator."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import requests
from dataikuapi import DSSClient
from dataikuapi.utils import DataikuException

from data_iac.emulator import Emulator, EmulatorOptions


def test_wrong_api_key_is_refused_as_dss_does() -> None:
    with Emulator(options=EmulatorOptions(api_key="right")) as emu:
        with pytest.raises(DataikuException, match="Unknown API Key") as caught:
            DSSClient(emu.url, "wrong").list_project_keys()
        assert str(caught.value).startswith("com.dataiku.dip.exceptions.NotAuthenticatedException")
        assert DSSClient(emu.url, "right").list_project_keys() == []


def test_missing_key_is_refused_with_401(emulator: Emulator) -> None:
    answer = requests.get(f"{emulator.url}/dip/publicapi/projects/", timeout=5)
    assert answer.status_code == 401
    assert answer.json()["errorType"].endswith("NotAuthenticatedException")


def test_the_public_api_alias_serves_the_same_routes(emulator: Emulator) -> None:
    auth = "Basic " + base64.b64encode(b"k:").decode()
    answer = requests.get(f"{emulator.url}/public/api/projects/", headers={"Authorization": auth},
                          timeout=5)  # fmt: skip
    assert answer.status_code == 200 and answer.json() == []


def test_instance_and_auth_info(dss: DSSClient) -> None:
    assert dss.get_instance_info().node_type == "DESIGN"
    assert dss.get_auth_info()["authIdentifier"] == "test-key"


def test_objects_survive_a_restart_with_the_same_data_dir(tmp_path: Path) -> None:
    with Emulator(data_dir=tmp_path) as emu:
        client = DSSClient(emu.url, "k")
        project = client.create_project("KEEP", "Keep", "admin")
        project.create_dataset("ds", "Filesystem", params={"connection": "c", "path": "p"})
        folder_id = project.create_managed_folder("mf").id
    with Emulator(data_dir=tmp_path) as emu:
        client = DSSClient(emu.url, "k")
        assert client.list_project_keys() == ["KEEP"]
        project = client.get_project("KEEP")
        assert project.get_dataset("ds").get_settings().get_raw()["params"]["path"] == "p"
        assert project.list_managed_folders()[0]["id"] == folder_id
