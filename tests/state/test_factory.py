"""Where states live and which backend a config's settings select."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.errors import ConfigError
from data_iac.state.factory import open_backend, s3_key, state_path
from data_iac.state.local import LocalBackend
from data_iac.state.s3 import S3Backend


def test_real_and_emulator_states_never_share_a_path(tmp_path: Path) -> None:
    real = state_path("shop", "prod", emulator=False, cwd=tmp_path)
    sandbox = state_path("shop", "prod", emulator=True, cwd=tmp_path)
    assert real == tmp_path / ".iac/state/shop/prod.json"
    assert sandbox == tmp_path / ".iac/emulator/state/shop/prod.json"


def test_local_is_the_default(tmp_path: Path) -> None:
    backend = open_backend({}, "shop", "dev", emulator=False, cwd=tmp_path)
    assert isinstance(backend, LocalBackend)
    assert backend.describe() == str(tmp_path / ".iac/state/shop/dev.json")


def test_the_emulator_always_uses_a_local_state(tmp_path: Path) -> None:
    settings = {"type": "s3", "bucket": "b"}
    backend = open_backend(settings, "shop", "dev", emulator=True, cwd=tmp_path)
    assert isinstance(backend, LocalBackend)
    assert ".iac/emulator/state/shop/dev.json" in backend.describe()


def test_s3_settings_build_an_s3_backend_without_network(tmp_path: Path) -> None:
    settings = {
        "type": "s3",
        "bucket": "b",
        "key": "states/{name}/{env}.json",
        "region": "eu-west-1",
        "endpoint_url": "http://127.0.0.1:1",
    }
    backend = open_backend(settings, "shop", "prod", emulator=False, cwd=tmp_path)
    assert isinstance(backend, S3Backend)
    assert backend.describe() == "s3://b/states/shop/prod.json"


def test_s3_key_fills_placeholders() -> None:
    assert s3_key("x/{env}/{name}.json", "n", "e") == "x/e/n.json"


@pytest.mark.parametrize(
    ("settings", "path"),
    [
        ({"type": "gcs"}, "backend.type"),
        ({"type": "s3"}, "backend.bucket"),
        ({"type": "s3", "bucket": "b", "buckit": "x"}, "backend.buckit"),
    ],
)
def test_bad_settings_name_the_setting(tmp_path: Path, settings: dict[str, str], path: str) -> None:
    with pytest.raises(ConfigError) as caught:
        open_backend(settings, "shop", "dev", emulator=False, cwd=tmp_path)
    assert caught.value.path == path
