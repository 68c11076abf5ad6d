from __future__ import annotations

import pytest

from data_iac.addresses import Address


def test_parse_splits_at_the_first_dot_only():
    address = Address.parse("dataiku_dataset.SALES.RAW")
    assert (address.kind, address.key) == ("dataiku_dataset", "SALES.RAW")
    assert str(address) == "dataiku_dataset.SALES.RAW"
    assert address.platform == "dataiku"


@pytest.mark.parametrize("text", ["nodot", ".key", "kind.", ""])
def test_malformed_addresses_are_refused(text: str):
    with pytest.raises(ValueError, match="not an address"):
        Address.parse(text)


def test_addresses_sort_by_kind_then_key_and_hash_by_value():
    a, b = Address("k", "b"), Address("j", "z")
    assert sorted([a, b]) == [b, a]
    assert {Address("k", "b"): 1}[Address.parse("k.b")] == 1
