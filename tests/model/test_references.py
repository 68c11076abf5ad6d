from __future__ import annotations

from data_iac.addresses import Address
from data_iac.model.references import canonical_reference, find_references, resolve_references

JOB = Address("databricks_job", "nightly")
SCHEMA = Address("databricks_schema", "cat.raw")


def test_references_are_found_anywhere_in_a_spec():
    spec = {
        "a": canonical_reference(JOB, "id"),
        "b": [{"c": f"x {canonical_reference(SCHEMA, 'full_name')}"}],
    }
    assert sorted(find_references(spec)) == [(JOB, "id"), (SCHEMA, "full_name")]


def test_a_whole_reference_keeps_its_type_an_embedded_one_becomes_text():
    spec = {"id": canonical_reference(JOB, "id"), "path": f"/jobs/{canonical_reference(JOB, 'id')}"}
    resolved = resolve_references(spec, lambda address, attr: 42)
    assert resolved == {"id": 42, "path": "/jobs/42"}


def test_text_without_references_passes_through():
    spec = {"sql": "select '${projectKey}' -- {{job.parameters.x}}"}
    assert resolve_references(spec, lambda address, attr: 1 / 0) == spec
