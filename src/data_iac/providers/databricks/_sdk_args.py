"""Turn a spec in REST field names into the typed keyword arguments of an SDK method.

The SDK's generated methods take dataclasses and enums (``tasks: List[Task]``,
``warehouse_type: CreateWarehouseRequestWarehouseType``) and serialise them back with
``as_dict()``. Converting by the method's own annotations keeps one source of truth (the
installed SDK) and sends exactly the keys the spec holds, nothing the user did not write.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from data_iac.errors import ProviderError

if TYPE_CHECKING:
    from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["call_typed", "typed_kwargs"]


def call_typed(
    client: DatabricksClient,
    family: str,
    method: Callable[..., Any],
    *args: Any,
    body: Mapping[str, Any],
    address: str,
) -> Any:
    """``method(*args, **typed_kwargs(method, body))`` through ``client.call``.

    Raises:
        ProviderError: ``body`` holds a key ``method`` does not take (before any call).
    """
    kwargs = typed_kwargs(method, body, address=address)
    return client.call(family, method, *args, address=address, **kwargs)


def typed_kwargs(
    method: Callable[..., Any], spec: Mapping[str, Any], *, address: str = ""
) -> dict[str, Any]:
    """``spec``'s keys as ``method``'s keyword arguments, each converted to its annotated type.

    Raises:
        ProviderError: a key that ``method`` does not take (a typo in the config), or a
            value its type refuses (an unknown enum member).
    """
    hints = _hints(method)
    kwargs: dict[str, Any] = {}
    for key, value in spec.items():
        if key not in hints:
            raise ProviderError(
                f"{key!r} is not a field the Databricks API accepts here",
                platform="databricks",
                address=address,
                hint=f"accepted fields: {', '.join(sorted(hints))}",
            )
        try:
            kwargs[key] = _convert(hints[key], value)
        except ValueError as exc:  # an enum value the API does not know
            raise ProviderError(f"{key!r}: {exc}", platform="databricks", address=address) from exc
    return kwargs


@cache
def _hints(method: Callable[..., Any]) -> Mapping[str, Any]:
    hints = typing.get_type_hints(method)
    hints.pop("return", None)
    return hints


def _convert(annotation: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Union:  # Optional[X]
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin in (list, typing.List) and args:  # noqa: UP006 - the SDK annotates with List
        return [_convert(args[0], item) for item in value]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation(value)
    from_dict = getattr(annotation, "from_dict", None)
    if from_dict is not None and isinstance(value, Mapping):
        return from_dict(dict(value))
    return value
