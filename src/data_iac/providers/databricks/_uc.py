"""What the Unity Catalog kinds (catalogs, schemas, volumes) share: one API family, JSON
to ``Observed`` by a name field, and creates whose leftover fields go out in a PATCH."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import as_plain, get_plain
from data_iac.providers.databricks._sdk_args import call_typed, typed_kwargs
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["FAMILY", "ToObserved", "as_observed", "create_then_patch", "read_observed"]

FAMILY = "unity-catalog"

ToObserved = Callable[[Mapping[str, Any]], dict[str, Any]]


def as_observed(info: Any, id_key: str, to_observed: ToObserved) -> Observed:
    """An SDK info object (or its JSON) as ``Observed``, its remote id ``info[id_key]``."""
    raw = as_plain(info)
    return Observed(remote_id=str(raw[id_key]), attributes=to_observed(raw))


def read_observed(
    client: DatabricksClient,
    get_fn: Callable[..., Any],
    remote_id: str,
    address: Address,
    *,
    id_key: str,
    to_observed: ToObserved,
) -> Observed | None:
    """``get_fn(remote_id)`` as ``Observed``, or None when it does not exist."""
    raw = get_plain(client, FAMILY, get_fn, remote_id, address=str(address))
    return None if raw is None else as_observed(raw, id_key, to_observed)


def create_then_patch(
    client: DatabricksClient,
    create_fn: Callable[..., Any],
    update_fn: Callable[..., Any],
    *,
    create_args: Mapping[str, Any],
    later: Mapping[str, Any],
    full_name: str,
    address: Address,
) -> Any:
    """Create with ``create_args``, then PATCH ``full_name`` with ``later`` (the fields the
    create call does not take) when there are any; returns the last info the API sent.

    Raises:
        ProviderError: a field neither call takes, before anything is sent.
    """
    at = str(address)
    kwargs = typed_kwargs(create_fn, create_args, address=at)
    typed_kwargs(update_fn, later, address=at)  # refuse typos up front
    info = client.call(FAMILY, create_fn, address=at, **kwargs)
    if later:
        info = call_typed(client, FAMILY, update_fn, full_name, body=later, address=at)
    return info
