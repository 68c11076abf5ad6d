"""Creates that happen at most once, for kinds whose create is not idempotent.

A job, cluster, pipeline, warehouse or policy create retried blindly after a 5xx or a dropped
connection can make a second object, because the first attempt may have landed. So the
create goes out through the SDK client with retries off, carrying the resource address in a
tag (or a unique name); when it fails ambiguously we look the object up by that marker and
adopt it if it is there, else try again with jittered exponential backoff.

Objects named by their id (a catalog, schema, volume, secret scope, notebook or workspace
file: the id is the name or path) take the same path through ``create_named``: retried by
the SDK, a create that landed but was answered 503 would come back as "already exists" and
fail the apply. Through ``create_named`` the first attempt goes out once; after an
ambiguous failure the object is read by its id and adopted when it is the one this apply
intended, and an "already exists" answering a later attempt is our own earlier attempt.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from data_iac.addresses import Address
from data_iac.errors import ProviderUnavailable, RateLimitedError, ResourceAlreadyExists
from data_iac.model.resource import Observed
from data_iac.providers.deadline import check_wait

if TYPE_CHECKING:
    from data_iac.providers.databricks.client import DatabricksClient

__all__ = [
    "CreateRetry",
    "CreatesOnce",
    "OnceHandler",
    "Reads",
    "carrying",
    "create_adopting",
    "create_named",
    "create_once",
    "must_exist",
    "read_back",
    "tagged_address",
]

T = TypeVar("T")
R = TypeVar("R")

# Failures after which the object may or may not exist on the platform.
AMBIGUOUS = (ProviderUnavailable, RateLimitedError)


@dataclass(frozen=True)
class CreateRetry:
    """How often and how patiently a non-idempotent create is retried."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = field(default=random.random)

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt ``attempt`` (1-based): doubling, capped,
        with up to 50% random jitter so parallel applies do not retry in step."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return float(ceiling * (0.5 + 0.5 * self.jitter()))


def create_once(
    create: Callable[[], T],
    find: Callable[[], T | None],
    retry: CreateRetry,
    *,
    marked: bool = False,
) -> T:
    """The result of ``create()``, or of ``find()`` when an ambiguous failure had landed.

    ``find`` must return the object carrying this resource's marker, or None. A duplicate
    error on the first attempt is raised as is (the object existed before we started),
    unless ``marked``: then ``find`` looks the object up by our address tag, so an object it
    finds is ours (an earlier run's create that landed) and is adopted. On a later attempt
    a duplicate error means our earlier attempt landed, so the object is adopted.

    Raises:
        ProviderUnavailable | RateLimitedError: every attempt failed and nothing landed.
        ResourceAlreadyExists: the object already existed before the first attempt.
    """
    for attempt in range(1, retry.attempts + 1):
        try:
            return create()
        except ResourceAlreadyExists:
            if attempt == 1 and not marked:
                raise
            found = find()
            if found is None:
                raise
            return found
        except AMBIGUOUS:
            found = find()
            if found is not None:
                return found
            if attempt == retry.attempts:
                raise
            wait = retry.delay(attempt)
            check_wait(wait, "retrying a create")  # --action-timeout bounds these too
            retry.sleep(wait)
    raise AssertionError("unreachable: the loop returns or raises")


class CreatesOnce:
    """The state of a handler whose create is not idempotent: the client and how patiently
    a create is retried. Holds nothing else, so handlers stay thread safe."""

    def __init__(self, client: DatabricksClient, retry: CreateRetry | None = None) -> None:
        self.client = client
        self.retry = retry or CreateRetry()


class Reads(Protocol):
    """A handler's ``read``: the object behind ``remote_id``, or None when it is gone."""

    def read(self, address: Address, remote_id: str) -> Observed | None: ...


class OnceHandler(Reads, Protocol):
    """What ``create_adopting`` needs of a handler (a ``CreatesOnce`` with a ``read``)."""

    client: DatabricksClient
    retry: CreateRetry


def create_adopting(
    handler: OnceHandler,
    address: Address,
    what: str,
    *,
    family: str,
    create: Callable[..., Any],
    kwargs: Mapping[str, Any],
    created_id: Callable[[Any], object],
    find: Callable[[], Observed | None],
    marked: bool = False,
) -> Observed:
    """``create(**kwargs)`` through ``create_once``, then the created (or adopted) object
    read back; ``what`` names it in errors ("job"). ``marked``: ``find`` looks the object
    up by its address tag, so an "already exists" for an object it finds is adopted.

    ``create`` should come from the client's no-retry SDK client; ``created_id`` takes the
    new remote id from its answer, and ``find`` returns the object carrying this resource's
    marker (tag or unique name), or None.
    """

    def attempt() -> str:
        answer = handler.client.call(family, create, address=str(address), **kwargs)
        return str(created_id(answer))

    def find_id() -> str | None:
        found = find()
        return None if found is None else found.remote_id

    created = create_once(attempt, find_id, handler.retry, marked=marked)
    return read_back(handler, address, created, what)


def create_named(
    handler: Reads,
    address: Address,
    what: str,
    *,
    send: Callable[[], object],
    remote_id: str,
    intended: Callable[[Observed], bool] | None = None,
) -> Observed:
    """Create an object whose remote id is known before it exists (``remote_id``: a name, a
    full name, a path) at most once, and read it back; ``what`` names it in errors.

    ``send`` makes one attempt, through the client's no-retry SDK client
    (``DatabricksClient.without_retries``), with errors mapped. After an ambiguous failure
    the object is read by ``remote_id``: when it is there and ``intended`` says it is what
    this apply wrote (default: any object there is), it is adopted; else the create is
    sent again. The retry policy is the handler's ``retry`` when it has one.
    """
    retry: CreateRetry = getattr(handler, "retry", None) or CreateRetry()

    def attempt() -> str:
        send()
        return remote_id

    def find() -> str | None:
        found = handler.read(address, remote_id)
        if found is None or (intended is not None and not intended(found)):
            return None
        return remote_id

    return read_back(handler, address, create_once(attempt, find, retry), what)


def read_back(handler: Reads, address: Address, remote_id: str, what: str) -> Observed:
    """The object just written, read again (``what`` names it in the error: "job").

    Raises:
        ResourceNotFound: it vanished right after being written.
    """
    return must_exist(handler.read(address, remote_id), f"{what} {remote_id}", str(address))


def carrying(raws: Iterable[R], marker_of: Callable[[R], str | None], marker: str) -> R | None:
    """The first of ``raws`` whose ``marker_of`` is ``marker`` (an address tag, a unique
    name), or None."""
    return next((raw for raw in raws if marker_of(raw) == marker), None)


def must_exist(observed: T | None, what: str, address: str) -> T:
    """``observed``, or ResourceNotFound when an object vanished right after being written
    (someone deleted it concurrently)."""
    if observed is None:
        from data_iac.errors import ResourceNotFound

        raise ResourceNotFound(
            f"{what} vanished right after it was written",
            platform="databricks",
            address=address,
            hint="another tool or person may be deleting it; run plan again",
        )
    return observed


def tagged_address(tag: str | None, kind: str, fallback_key: str) -> Address:
    """The address an object's marker tag names, when it is a valid address of ``kind``;
    else ``kind.<fallback_key>`` (objects made by hand, or tags edited by hand)."""
    if tag:
        try:
            address = Address.parse(tag)
        except ValueError:
            address = None
        if address is not None and address.kind == kind:
            return address
    return Address(kind, fallback_key)
