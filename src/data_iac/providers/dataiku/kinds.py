"""One handler per ``dataiku_*`` record, all sharing one DSS connection."""

from __future__ import annotations

from data_iac.kinds import specs_of
from data_iac.providers.base import ResourceHandler
from data_iac.providers.dataiku.client import DssConnection

__all__ = ["handlers_for"]


def handlers_for(conn: DssConnection) -> dict[str, ResourceHandler]:
    """Every DSS kind's handler, keyed by kind name (the class each record names)."""
    from data_iac.providers.registry import handler_class

    return {spec.kind: handler_class(spec)(conn) for spec in specs_of("dataiku") if spec.handler}
