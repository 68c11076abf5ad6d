"""Small I/O and normalising helpers shared by the Unity Catalog, workspace and secrets kinds.

Everything here goes through ``DatabricksClient.call`` so rate limits and error mapping
apply; nothing imports the SDK at module level.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from data_iac.errors import ResourceNotFound
from data_iac.providers.databricks.client import DatabricksClient

__all__ = [
    "accepted_fields",
    "as_plain",
    "delete_quietly",
    "get_plain",
    "list_plain",
    "pick",
    "read_or_none",
    "sha256_hex",
    "split_spec",
]

T = TypeVar("T")


def read_or_none(
    client: DatabricksClient,
    family: str,
    fn: Callable[..., T],
    *args: Any,
    address: str = "",
    **kwargs: Any,
) -> T | None:
    """``client.call(...)``, or None when the object does not exist."""
    try:
        return client.call(family, fn, *args, address=address, **kwargs)
    except ResourceNotFound:
        return None


def get_plain(
    client: DatabricksClient, family: str, fn: Callable[..., Any], *args: Any, address: str = ""
) -> dict[str, Any] | None:
    """The JSON dict of ``fn(*args)``, or None when the object does not exist."""
    found = read_or_none(client, family, fn, *args, address=address)
    return None if found is None else as_plain(found)


def list_plain(
    client: DatabricksClient, family: str, fn: Callable[..., Iterable[Any]], **kwargs: Any
) -> Iterator[dict[str, Any]]:
    """Every object ``fn(**kwargs)`` lists, as its JSON dict; errors raised while the SDK
    pages lazily are mapped too."""
    with client.mapped_errors():
        for item in client.call(family, fn, **kwargs):
            yield as_plain(item)


def delete_quietly(
    client: DatabricksClient,
    family: str,
    fn: Callable[..., Any],
    *args: Any,
    address: str = "",
    **kwargs: Any,
) -> None:
    """Delete; an object that is already gone is not an error (the protocol's promise)."""
    try:
        client.call(family, fn, *args, address=address, **kwargs)
    except ResourceNotFound:
        return


def as_plain(value: Any) -> dict[str, Any]:
    """An SDK dataclass as its JSON dict (``as_dict``), or the mapping itself."""
    if isinstance(value, Mapping):
        return dict(value)
    as_dict = getattr(value, "as_dict", None)
    return dict(as_dict()) if as_dict is not None else {}


def pick(raw: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The listed fields of ``raw`` that are present and not None."""
    return {name: raw[name] for name in fields if raw.get(name) is not None}


def split_spec(
    spec: Mapping[str, Any], accepted: Iterable[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the keys in ``accepted``, the rest), None values dropped."""
    wanted = set(accepted)
    inside = {k: v for k, v in spec.items() if k in wanted and v is not None}
    outside = {k: v for k, v in spec.items() if k not in wanted and v is not None}
    return inside, outside


def accepted_fields(method: Callable[..., Any]) -> frozenset[str]:
    """The keyword parameters an SDK method takes (its REST body and query fields)."""
    import inspect

    return frozenset(inspect.signature(method).parameters) - {"self"}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
