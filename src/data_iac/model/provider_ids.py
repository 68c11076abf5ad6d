"""Remote ids of objects reached through a named provider other than the default.

A config may name several Databricks providers (``databricks``, ``databricks.dev``,
``databricks.account``): the same object id means different objects in two workspaces, or
in a workspace and the account. An object of a provider other than the default therefore
carries the provider's name in front of its id in state: ``databricks.dev|dev.sales``. The
platform's own id (what ``${resources.KEY.id}`` resolves to) is the part after the bar.
"""

from __future__ import annotations

__all__ = ["ROUTING_FIELD", "SEPARATOR", "platform_id", "scoped_id", "split_provider"]

SEPARATOR = "|"
# The spec, attribute and listing-scope key naming the provider an object is reached
# through. Not "provider": platform objects have fields of that name (a Git folder's
# ``provider: gitHub``).
ROUTING_FIELD = "via_provider"


def split_provider(remote_id: str) -> tuple[str | None, str]:
    """``"databricks.dev|dev.sales"`` -> ``("databricks.dev", "dev.sales")``; an id with no
    provider in front -> ``(None, remote_id)``."""
    head, sep, tail = remote_id.partition(SEPARATOR)
    if sep and (head == "databricks" or head.startswith("databricks.")):
        return head, tail
    return None, remote_id


def platform_id(remote_id: str) -> str:
    """The platform's own id of a state entry."""
    return split_provider(remote_id)[1]


def scoped_id(provider: str | None, remote_id: str) -> str:
    """The state id of ``remote_id`` reached through ``provider`` (None: the default)."""
    return remote_id if provider is None else f"{provider}{SEPARATOR}{remote_id}"
