"""Resource addresses: ``<kind>.<key>``, e.g. ``dataiku_dataset.SALES.RAW_ORDERS``."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Address"]


class Address(NamedTuple):
    """The identity of one managed object inside a config: hashable, sortable, printable.

    ``kind`` never contains a dot; ``key`` may (a Dataiku dataset key is ``PROJECT.NAME``).
    A tuple underneath, so hashing and ordering (by kind, then key) run at C speed: plans of
    tens of thousands of resources hash addresses millions of times.
    """

    kind: str
    key: str

    @classmethod
    def parse(cls, text: str) -> Address:
        """Parse ``kind.key``; raises ValueError for a string without a dot or an empty part."""
        kind, sep, key = text.partition(".")
        if not sep or not kind or not key:
            raise ValueError(f"{text!r} is not an address: expected <kind>.<key>")
        return cls(kind, key)

    @property
    def platform(self) -> str:
        """``dataiku`` or ``databricks``: the prefix of the kind."""
        return self.kind.split("_", 1)[0]

    def __str__(self) -> str:
        return f"{self.kind}.{self.key}"
