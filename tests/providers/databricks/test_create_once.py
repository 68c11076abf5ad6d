"""_create_once: at-most-once creates, with pure fakes (no platform needed)."""

from __future__ import annotations

import pytest

from data_iac.errors import ProviderUnavailable, ResourceAlreadyExists
from data_iac.providers.databricks._create_once import CreateRetry, create_once, tagged_address


def _steps(*outcomes: object):
    queue = list(outcomes)

    def step() -> str:
        outcome = queue.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return str(outcome)

    return step


def test_delays_double_up_to_the_cap_with_jitter():
    retry = CreateRetry(base_delay=1.0, max_delay=4.0, jitter=lambda: 1.0)
    assert [retry.delay(n) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 4.0]
    assert CreateRetry(base_delay=1.0, jitter=lambda: 0.0).delay(1) == 0.5


def test_an_ambiguous_failure_that_landed_is_adopted():
    slept: list[float] = []
    found = create_once(
        _steps(ProviderUnavailable("503")), lambda: "landed", CreateRetry(sleep=slept.append)
    )
    assert found == "landed" and slept == []


def test_an_ambiguous_failure_that_did_not_land_is_retried():
    slept: list[float] = []
    created = create_once(
        _steps(ProviderUnavailable("503"), "new"), lambda: None, CreateRetry(sleep=slept.append)
    )
    assert created == "new" and len(slept) == 1


def test_a_duplicate_on_the_first_attempt_is_raised():
    with pytest.raises(ResourceAlreadyExists):
        create_once(
            _steps(ResourceAlreadyExists("dup")),
            lambda: "someone else's",
            CreateRetry(sleep=lambda s: None),
        )


def test_a_duplicate_after_a_retry_adopts_our_earlier_attempt():
    finds = iter([None, "ours"])
    created = create_once(
        _steps(ProviderUnavailable("503"), ResourceAlreadyExists("dup")),
        lambda: next(finds),
        CreateRetry(sleep=lambda s: None),
    )
    assert created == "ours"


def test_a_duplicate_of_an_object_carrying_our_address_tag_is_adopted():
    """``marked``: the lookup is by our address tag, so what it finds is ours."""
    created = create_once(
        _steps(ResourceAlreadyExists("dup")),
        lambda: "ours, by its tag",
        CreateRetry(sleep=lambda s: None),
        marked=True,
    )
    assert created == "ours, by its tag"
    with pytest.raises(ResourceAlreadyExists):  # nothing carries our tag: someone else's
        create_once(_steps(ResourceAlreadyExists("dup")), lambda: None, CreateRetry(), marked=True)


def test_a_create_retry_never_waits_past_the_action_deadline():
    from data_iac.apply.retry import action_deadline

    slept: list[float] = []
    retry = CreateRetry(base_delay=5.0, sleep=slept.append, jitter=lambda: 0.0)
    with action_deadline(1.0), pytest.raises(ProviderUnavailable, match="deadline"):
        create_once(_steps(ProviderUnavailable("503"), "new"), lambda: None, retry)
    assert slept == []


def test_tagged_address_accepts_only_addresses_of_the_kind():
    assert str(tagged_address("databricks_job.a", "databricks_job", "1")) == "databricks_job.a"
    assert str(tagged_address("junk", "databricks_job", "1")) == "databricks_job.1"
    assert str(tagged_address(None, "databricks_job", "1")) == "databricks_job.1"
