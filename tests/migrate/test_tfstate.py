import json
from pathlib import Path

import pytest

from data_iac.errors import StateCorruptError, StateError
from data_iac.migrate.tfstate import parse_terraform_state, read_terraform_state
from tests.migrate.tfstates import instance, resource, state


def test_instances_of_managed_resources_with_count_for_each_and_modules() -> None:
    data = state(
        resource("databricks_catalog", "main", instance({"id": "main", "name": "main"})),
        resource(
            "databricks_schema",
            "layers",
            instance({"id": "main.raw"}, index_key="raw"),
            instance({"id": "main.gold"}, index_key="gold"),
        ),
        resource(
            "databricks_job", "etl", instance({"id": "11"}, index_key=0), module="module.lake"
        ),
        resource("databricks_current_user", "me", instance({"id": "1"}), mode="data"),
    )
    found = parse_terraform_state(data, origin="t.tfstate")
    assert [i.address for i in found] == [
        "databricks_catalog.main",
        'databricks_schema.layers["raw"]',
        'databricks_schema.layers["gold"]',
        "module.lake.databricks_job.etl[0]",
    ]
    assert found[1].id == "main.raw"


def test_sensitive_attribute_paths_are_kept() -> None:
    data = state(
        resource(
            "databricks_secret",
            "pw",
            instance({"id": "etl|||pw", "string_value": "s3cret"}, sensitive=("string_value",)),
        )
    )
    (secret,) = parse_terraform_state(data, origin="t")
    assert secret.sensitive_paths == {"string_value"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "a Terraform state is a JSON object"),
        ({"version": 3, "resources": []}, "format version 3 is not supported"),
        ({"version": 4, "resources": {}}, "resources must be a list"),
        ({"version": 4, "resources": [{"type": 1, "name": "x"}]}, "resources[0]: type and name"),
        (
            {"version": 4, "resources": [{"type": "t", "name": "x", "instances": [{}]}]},
            "resources[0].instances[0]: an instance is an object with attributes",
        ),
    ],
)
def test_malformed_states_name_the_field(data: object, message: str) -> None:
    with pytest.raises(StateCorruptError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_terraform_state(data, origin="t.tfstate")


def test_read_names_missing_and_non_json_files(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="no Terraform state at"):
        read_terraform_state(str(tmp_path / "absent.tfstate"))
    broken = tmp_path / "broken.tfstate"
    broken.write_text("{\n  oops")
    with pytest.raises(StateCorruptError, match="is not JSON \\(line 2"):
        read_terraform_state(str(broken))
    good = tmp_path / "good.tfstate"
    good.write_text(
        json.dumps(state(resource("databricks_directory", "d", instance({"id": "/a"}))))
    )
    assert [i.id for i in read_terraform_state(str(good))] == ["/a"]


def test_a_state_in_s3_is_read_through_boto3(
    moto_endpoint: str,
    s3_client: object,
    bucket: str,
    aws_credentials: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Terraform's S3 backend keeps the state as one object at the backend's key.
    body = json.dumps(state(resource("databricks_catalog", "c", instance({"id": "main"}))))
    s3_client.put_object(Bucket=bucket, Key="lake/prd.tfstate", Body=body.encode())  # type: ignore[attr-defined]
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)  # boto3 reads it, as users set it
    (catalog,) = read_terraform_state(f"s3://{bucket}/lake/prd.tfstate")
    assert catalog.id == "main"
    with pytest.raises(StateError):
        read_terraform_state(f"s3://{bucket}/absent.tfstate")
    with pytest.raises(StateError, match="is not s3://BUCKET/KEY"):
        read_terraform_state("s3://only-a-bucket")
