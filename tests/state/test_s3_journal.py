"""The apply journal kept in S3 beside the state, through real boto3 against moto."""

from __future__ import annotations

from typing import Any

from data_iac.addresses import Address
from data_iac.apply.journal import Intent, Journal, journal_for
from data_iac.model.plan import Action, ResourceChange
from data_iac.state.s3 import S3Backend


def backend(s3_client: Any, bucket: str) -> S3Backend:
    return S3Backend(bucket, "team/prod.json", client=s3_client)


def intent(name: str) -> Intent:
    change = ResourceChange(Address("dataiku_dataset", f"P.{name}"), Action.CREATE)
    return Intent.for_change(change, {"project_key": "P", "name": name}, None)


def test_journal_lives_beside_the_state_and_survives_a_new_process(s3_client: Any, bucket: str):
    journal = journal_for(backend(s3_client, bucket))
    assert journal.store.describe() == f"s3://{bucket}/team/prod.json.journal/"
    first, second = journal.begin(intent("A")), journal.begin(intent("B"))
    journal.finish(first)
    # A new process (new backend object) sees what the dead one left open.
    reopened = journal_for(backend(s3_client, bucket))
    assert [i.address for i in reopened.pending()] == [second.address]
    listed = s3_client.list_objects_v2(Bucket=bucket, Prefix="team/prod.json.journal/")
    assert listed["KeyCount"] == 3


def test_clear_removes_every_record(s3_client: Any, bucket: str):
    journal = Journal(backend(s3_client, bucket).journal())
    for name in ("A", "B", "C"):
        journal.begin(intent(name))
    journal.clear()
    assert journal.pending() == []
    assert s3_client.list_objects_v2(Bucket=bucket, Prefix="team/")["KeyCount"] == 0
