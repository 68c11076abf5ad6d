from pathlib import Path

from data_iac.addresses import Address
from data_iac.config import load_config
from data_iac.migrate.mapping import map_terraform_state
from data_iac.migrate.tfstate import parse_terraform_state
from tests.migrate.tfstates import instance, resource, state

LAKEHOUSE = Path(__file__).parents[2] / "examples" / "databricks" / "lakehouse"


def _lakehouse_terraform() -> list:
    """What Terraform (through Laktory) would hold for the lakehouse example: names are
    Laktory's resource names, ids in the provider's forms."""
    data = state(
        resource(
            "databricks_catalog",
            "catalog-dev_lakehouse",
            instance({"id": "dev_lakehouse", "name": "dev_lakehouse"}),
        ),
        resource(
            "databricks_schema",
            "schema-dev_lakehouse-bronze",
            instance(
                {"id": "dev_lakehouse.bronze", "catalog_name": "dev_lakehouse", "name": "bronze"}
            ),
        ),
        resource(
            "databricks_grants",
            "grants-catalog-dev_lakehouse",
            instance({"id": "catalog/dev_lakehouse", "catalog": "dev_lakehouse"}),
        ),
        resource(
            "databricks_notebook",
            "notebook-ingest",
            instance(
                {
                    "id": "/Shared/lakehouse/ingest",
                    "path": "/Shared/lakehouse/ingest",
                    "object_id": 4410,
                }
            ),
        ),
        resource(
            "databricks_job", "job-ingest", instance({"id": "1001", "name": "lakehouse-ingest-dev"})
        ),
        resource(
            "databricks_permissions",
            "permissions-job-ingest",
            instance({"id": "/jobs/1001", "job_id": "1001"}),
        ),
        resource(
            "databricks_permissions",
            "permissions-nb",
            instance({"id": "/notebooks/4410", "notebook_id": "4410"}),
        ),
        resource(
            "databricks_group",
            "grp-analysts",
            instance({"id": "7001", "display_name": "lakehouse-analysts"}),
        ),
        resource(
            "databricks_group_member",
            "m",
            instance({"id": "7001|8001", "group_id": "7001", "member_id": "8001"}),
        ),
        resource(
            "databricks_secret",
            "api-token",
            instance(
                {
                    "id": "lakehouse-ingest|||api-token",
                    "scope": "lakehouse-ingest",
                    "key": "api-token",
                    "string_value": "x",
                },
                sensitive=("string_value",),
            ),
        ),
        resource(
            "databricks_sql_endpoint", "other", instance({"id": "ab12", "name": "not-in-config"})
        ),
        resource("databricks_metastore", "m", instance({"id": "ms-1"})),
        resource("aws_s3_bucket", "landing", instance({"id": "bucket"})),
        resource("databricks_current_user", "me", instance({"id": "1"}), mode="data"),
    )
    return parse_terraform_state(data, origin="t")


def test_declared_resources_match_by_natural_id_key_or_name() -> None:
    desired = load_config(LAKEHOUSE, "dev").desired.resources
    plan = map_terraform_state(desired, _lakehouse_terraform())
    adopted = {str(a.address): a.remote_id for a in plan.adopted}
    assert adopted == {
        "databricks_catalog.cat-lakehouse": "dev_lakehouse",
        "databricks_schema.cat-lakehouse.bronze": "dev_lakehouse.bronze",
        "databricks_grants.cat-lakehouse": "catalog/dev_lakehouse",
        "databricks_notebook.nb-ingest": "/Shared/lakehouse/ingest",
        "databricks_job.job-ingest": "1001",
        "databricks_permissions.job-ingest": "jobs/1001",
        "databricks_permissions.nb-ingest": "notebooks/4410",
        # The example's groups are account groups: our id names the provider they live in.
        "databricks_group.grp-analysts": "databricks.account|7001",
        "databricks_secret.scope-ingest.api-token": "lakehouse-ingest/api-token",
    }
    assert Address("databricks_catalog", "cat-lakehouse") not in plan.creates
    assert Address("databricks_schema", "cat-lakehouse.silver") in plan.creates
    assert [i.address for i in plan.undeclared] == [
        "databricks_metastore.m",
        "databricks_sql_endpoint.other",
    ]
    assert [i.type for i in plan.folded] == ["databricks_group_member"]
    assert [i.type for i in plan.foreign] == ["aws_s3_bucket"]


def test_two_instances_that_fit_one_resource_are_ambiguous_not_guessed() -> None:
    desired = load_config(LAKEHOUSE, "dev").desired.resources
    found = _lakehouse_terraform()
    extra = state(
        resource(
            "databricks_job",
            "copies",
            instance({"id": "2001", "name": "lakehouse-ingest-dev"}, index_key=0),
            instance({"id": "2002", "name": "lakehouse-ingest-dev"}, index_key=1),
        )
    )
    found = [i for i in found if i.type != "databricks_job"]
    found += parse_terraform_state(extra, origin="t")
    plan = map_terraform_state(desired, found)
    assert not [a for a in plan.adopted if a.address.kind == "databricks_job"]
    ((address, candidates),) = plan.ambiguous
    assert address == Address("databricks_job", "job-ingest")
    assert sorted(c.id for c in candidates) == ["2001", "2002"]


def test_singular_grant_instances_fold_into_the_securables_grants() -> None:
    desired = load_config(LAKEHOUSE, "dev").desired.resources
    data = state(
        resource(
            "databricks_grant",
            "per-principal",
            instance(
                {
                    "id": "catalog/dev_lakehouse/account users",
                    "catalog": "dev_lakehouse",
                    "principal": "account users",
                },
                index_key="a",
            ),
            instance(
                {
                    "id": "catalog/dev_lakehouse/lakehouse-analysts",
                    "catalog": "dev_lakehouse",
                    "principal": "lakehouse-analysts",
                },
                index_key="b",
            ),
        )
    )
    plan = map_terraform_state(desired, parse_terraform_state(data, origin="t"))
    adopted = {str(a.address): a.remote_id for a in plan.adopted}
    assert adopted == {"databricks_grants.cat-lakehouse": "catalog/dev_lakehouse"}
    assert [i.type for i in plan.folded] == ["databricks_grant"]
    assert plan.undeclared == ()


def test_workspace_paths_match_with_or_without_a_trailing_slash(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(
        "name: dirs\nresources:\n  directories:\n    dir-jobs:\n      path: /laktory/jobs/\n"
    )
    desired = load_config(tmp_path / "stack.yaml", "default").desired.resources
    data = state(
        resource(
            "databricks_directory", "d", instance({"id": "/laktory/jobs", "path": "/laktory/jobs/"})
        )
    )
    plan = map_terraform_state(desired, parse_terraform_state(data, origin="t"))
    assert [(str(a.address), a.remote_id) for a in plan.adopted] == [
        ("databricks_directory.dir-jobs", "/laktory/jobs")
    ]
