"""State encoding, format upgrades and sensitive-value digests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.errors import StateCorruptError
from data_iac.model.state import STATE_FORMAT_VERSION, ResourceState, StateSnapshot
from data_iac.state.codec import (
    UPGRADES,
    decode_state,
    encode_state,
    hash_sensitive,
    matches_sensitive,
    state_salt,
    upgrade_v0_to_v1,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _snapshot() -> StateSnapshot:
    resource = ResourceState(
        kind="databricks_job",
        remote_id="123",
        attributes={"name": "nightly", "tags": {"b": "2", "a": "1"}},
        dependencies=(Address.parse("databricks_cluster.c"),),
        sensitive_hashes={"token": hash_sensitive("s3cret", state_salt("L", "databricks_job.j"))},
    )
    return StateSnapshot(lineage="L", serial=4, environment="prod").with_resource(
        Address.parse("databricks_job.j"), resource
    )


def test_round_trip() -> None:
    assert decode_state(encode_state(_snapshot()), "mem") == _snapshot()


def test_every_file_carries_the_format_version_and_is_stable() -> None:
    data = encode_state(_snapshot())
    assert json.loads(data)["format_version"] == STATE_FORMAT_VERSION
    assert data == encode_state(_snapshot())
    assert data.endswith(b"\n")


def test_there_is_one_upgrade_per_past_format() -> None:
    assert sorted(UPGRADES) == list(range(STATE_FORMAT_VERSION))


def test_the_stored_v0_file_upgrades_to_the_current_format() -> None:
    path = FIXTURES / "state_v0.json"
    snapshot = decode_state(path.read_bytes(), str(path))
    assert (snapshot.format_version, snapshot.serial) == (STATE_FORMAT_VERSION, 12)
    assert snapshot.environment == "default"
    connection = snapshot.resources[Address.parse("dataiku_connection.warehouse")]
    assert (connection.kind, connection.remote_id) == ("dataiku_connection", "warehouse")
    assert connection.dependencies == (Address.parse("dataiku_project.sales"),)
    assert (
        snapshot.resources[Address.parse("dataiku_project.sales")].attributes["name"]
        == "Sales analytics"
    )


def test_the_upgrade_keeps_only_digests_of_sensitive_values() -> None:
    path = FIXTURES / "state_v0.json"
    snapshot = decode_state(path.read_bytes(), str(path))
    assert b"hunter2" not in encode_state(snapshot)
    digest = snapshot.resources[Address.parse("dataiku_connection.warehouse")].sensitive_hashes[
        "password"
    ]
    salt = state_salt(snapshot.lineage, "dataiku_connection.warehouse")
    assert matches_sensitive("hunter2", digest, salt)
    assert not matches_sensitive("hunter3", digest, salt)


def test_upgrade_v0_to_v1_handles_an_empty_state() -> None:
    upgraded = upgrade_v0_to_v1({"lineage": "L"})
    assert upgraded == {
        "format_version": 1,
        "lineage": "L",
        "serial": 0,
        "environment": "default",
        "resources": {},
    }


def test_salts_differ_per_address_and_lineage() -> None:
    digests = {
        hash_sensitive("same", state_salt(lineage, address))
        for lineage in ("L1", "L2")
        for address in ("a.x", "a.y")
    }
    assert len(digests) == 4
    assert all(d.startswith("sha256:") and "same" not in d for d in digests)


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"format_version": 1, "lineage": "L"}', "serial: expected a non-negative integer"),
        (b'{"format_version": "one"}', "non-negative integer"),
        (b'{"format_version": 99}', "newer than this data-iac"),
        (b'{"version": 0, "resources": []}', "cannot upgrade from format 0"),
    ],
)
def test_unreadable_states_name_the_source(data: bytes, detail: str) -> None:
    with pytest.raises(StateCorruptError, match=r"/some/state\.json") as caught:
        decode_state(data, "/some/state.json")
    assert detail in caught.value.detail
    assert ".backup" in caught.value.hint


GOOD_ENTRY = {"kind": "databricks_job", "remote_id": "1", "attributes": {}, "dependencies": []}


def _state(**changes: object) -> bytes:
    entry = {**GOOD_ENTRY, **changes.pop("entry", {})}  # type: ignore[dict-item]
    document = {
        "format_version": 1,
        "lineage": "L",
        "serial": 3,
        "environment": "prod",
        "resources": {"databricks_job.j": entry},
        **changes,
    }
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (_state(serial="3"), "serial: expected a non-negative integer, found a string"),
        (_state(serial=-1), "serial: expected a non-negative integer"),
        (_state(serial=True), "serial: expected a non-negative integer, found a boolean"),
        (_state(lineage=7), "lineage: expected a non-empty string"),
        (_state(environment=""), "environment: expected a non-empty string"),
        (_state(resources=[]), "resources: expected an object, found a list"),
        (_state(entry={"remote_id": 17}), 'resources["databricks_job.j"].remote_id'),
        (_state(entry={"remote_id": None}), 'resources["databricks_job.j"].remote_id'),
        (_state(entry={"kind": "databricks_cluster"}), "is not the address's kind"),
        (_state(entry={"attributes": "x"}), '"].attributes: expected an object'),
        (_state(entry={"dependencies": ["nodot"]}), '"].dependencies[0]: expected an address'),
        (_state(entry={"dependencies": "a.b"}), '"].dependencies: expected a list'),
        (_state(entry={"sensitive_hashes": {"t": 1}}), "sensitive_hashes.t"),
        (_state(entry={"version": 3}), '"].version: expected a string or null'),
        (_state(resources={"nodot": GOOD_ENTRY}), "not an address"),
        (_state(resources={"databricks_job.j": 5}), "expected an object, found a number"),
        (b'{"serial": 1' + b"0" * 5000 + b"}", "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
)
def test_each_wrong_field_is_named(data: bytes, detail: str) -> None:
    with pytest.raises(StateCorruptError, match=r"/s\.json") as caught:
        decode_state(data, "/s.json")
    assert detail in caught.value.detail


def test_every_wrong_field_is_listed_at_once() -> None:
    data = _state(serial="x", lineage="", entry={"remote_id": 1, "attributes": []})
    with pytest.raises(StateCorruptError) as caught:
        decode_state(data, "/s.json")
    assert len(caught.value.detail.splitlines()) == 4
