"""The life every kind goes through in its provider test: create, read back with no diff,
update in place, delete, read None."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.model.resource import Observed
from data_iac.providers.base import ResourceHandler


def assert_no_diff(handler: ResourceHandler, spec: Mapping[str, Any], observed: Observed) -> None:
    diffs = diff_attributes(spec, observed.attributes, handler.schema)
    writable = [d for d in diffs if d.top not in handler.schema.write_only]
    assert writable == [], writable


def run_lifecycle(
    handler: ResourceHandler,
    address: Address,
    spec: Mapping[str, Any],
    changed: Mapping[str, Any],
) -> Observed:
    """Create ``spec``, update to ``changed``, delete; returns the object as created."""
    assert isinstance(handler, ResourceHandler)
    created = handler.create(address, spec)
    assert_no_diff(handler, spec, created)
    read = handler.read(address, created.remote_id)
    assert read is not None and read.remote_id == created.remote_id
    assert_no_diff(handler, spec, read)
    assert diff_attributes(changed, read.attributes, handler.schema), "the change must show"
    updated = handler.update(address, read, changed)
    assert updated.remote_id == created.remote_id
    reread = handler.read(address, created.remote_id)
    assert reread is not None
    assert_no_diff(handler, changed, reread)
    handler.delete(address, reread)
    assert handler.read(address, created.remote_id) is None
    handler.delete(address, reread)  # already gone: not an error
    return created
