"""Resource addresses: ``<kind>.<key>``, e.g. ``dataiku_dataset.SALES.RAW_ORDERS``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import total_ordering

__all__ = ["Address"]


@total_ordering
@dataclass(frozen=True, slots=True)
class Address:
    """The identity of one managed object inside a config: hashable, sortable, printable.

    ``kind`` never contains a dot; ``key`` may (a Dataiku dataset key is ``PROJECT.NAME``).
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

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Address):
            return NotImplemented
        return (self.kind, self.key) < (other.kind, other.key)
