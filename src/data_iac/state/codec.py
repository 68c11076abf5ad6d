"""State file encoding: bytes <-> StateSnapshot, format upgrades, sensitive-value digests.

Every encoded state carries ``format_version``. Decoding reads any older format and upgrades
it step by step with numbered functions (``upgrade_v0_to_v1``, then ``upgrade_v1_to_v2`` when
a v2 exists), so an old state file is never rejected for its age. A newer format than this
release knows is refused rather than guessed at.

Sensitive values never reach a state file in clear: only ``hash_sensitive`` digests, salted
with ``state_salt(lineage, address)`` so that one secret used twice gives two digests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from data_iac.errors import StateCorruptError
from data_iac.model.sensitive import sensitive_digest, sensitive_matches
from data_iac.model.state import STATE_FORMAT_VERSION, StateSnapshot
from data_iac.state.validation import MAX_REPORTED, state_problems

__all__ = [
    "UPGRADES",
    "decode_state",
    "encode_state",
    "hash_sensitive",
    "matches_sensitive",
    "state_salt",
    "upgrade_v0_to_v1",
]

Document = dict[str, Any]


def encode_state(snapshot: StateSnapshot) -> bytes:
    """The bytes stored for ``snapshot``: stable (sorted keys), readable, newline-terminated."""
    document = snapshot.to_json()
    document["format_version"] = STATE_FORMAT_VERSION
    return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode("utf-8")


def decode_state(data: bytes, source: str) -> StateSnapshot:
    """Parse a stored state, upgrading an older format first.

    ``source`` (a path or URL) is named in every StateCorruptError, so the user knows which
    file to inspect or restore from its ``.backup``; the document is checked field by field
    first (``state/validation.py``) and every wrong field is named.
    """
    document = _parse_document(data, source)
    upgraded = upgrade_document(document, source)
    problems = state_problems(upgraded)
    if problems:
        shown = problems[:MAX_REPORTED]
        if len(problems) > len(shown):
            shown.append(f"... and {len(problems) - len(shown)} more")
        raise _corrupt(source, "\n".join(f"  {problem}" for problem in shown))
    try:
        return StateSnapshot.from_json(upgraded)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _corrupt(source, f"missing or malformed field: {exc!r}") from exc


def _parse_document(data: bytes, source: str) -> Document:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, too many digits
        raise _corrupt(source, f"not valid JSON: {exc}") from exc
    except RecursionError:
        raise _corrupt(source, "not valid JSON: nested too deeply") from None
    if not isinstance(document, dict):
        raise _corrupt(source, f"expected a JSON object, found {type(document).__name__}")
    return document


def _corrupt(source: str, detail: str) -> StateCorruptError:
    return StateCorruptError(
        f"the state at {source} cannot be read",
        detail=detail,
        hint="restore it from its .backup (local) or an earlier object version (s3), "
        "or from `iac state pull` output saved earlier",
    )


def _stored_version(document: Document, source: str) -> int:
    # v0 files had no format_version; some wrote "version": 0.
    raw = document.get("format_version", document.get("version", 0))
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
        raise _corrupt(source, f"format_version must be a non-negative integer, got {raw!r}")
    return raw


def upgrade_document(document: Document, source: str) -> Document:
    """Apply every numbered upgrade from the stored format to the current one."""
    version = _stored_version(document, source)
    if version > STATE_FORMAT_VERSION:
        raise _corrupt(
            source,
            f"format_version {version} is newer than this data-iac understands "
            f"({STATE_FORMAT_VERSION}); upgrade data-iac",
        )
    while version < STATE_FORMAT_VERSION:
        try:
            document = UPGRADES[version](document)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _corrupt(source, f"cannot upgrade from format {version}: {exc!r}") from exc
        version += 1
    return document


def upgrade_v0_to_v1(document: Mapping[str, Any]) -> Document:
    """v0 (prototype) -> v1.

    v0 kept ``resources`` as a list of ``{address, type, id, attributes, depends_on,
    sensitive_values}`` with sensitive values in clear and no environment. v1 keys resources
    by address, renames the fields and keeps only salted digests of the sensitive values.
    """
    lineage = str(document["lineage"])
    resources = {
        str(item["address"]): _upgrade_resource_v0(lineage, item)
        for item in document.get("resources", [])
    }
    return {
        "format_version": 1,
        "lineage": lineage,
        "serial": int(document.get("serial", 0)),
        "environment": str(document.get("environment", "default")),
        "resources": resources,
    }


def _upgrade_resource_v0(lineage: str, item: Mapping[str, Any]) -> Document:
    salt = state_salt(lineage, str(item["address"]))
    clear: Mapping[str, Any] = item.get("sensitive_values", {})
    return {
        "kind": str(item["type"]),
        "remote_id": str(item["id"]),
        "attributes": dict(item.get("attributes", {})),
        "dependencies": list(item.get("depends_on", [])),
        "sensitive_hashes": {name: hash_sensitive(str(v), salt) for name, v in clear.items()},
    }


UPGRADES: dict[int, Callable[[Mapping[str, Any]], Document]] = {0: upgrade_v0_to_v1}
"""``UPGRADES[n]`` turns a format-n document into format n+1; one entry per past format."""


def state_salt(lineage: str, address: str) -> str:
    """The salt for sensitive values of ``address``: derived from the state's lineage.

    The lineage is a random uuid set once per state, so the salt is unguessable from the
    config alone yet stable across serials (a digest stays comparable after every write).
    """
    return f"{lineage}/{address}"


def hash_sensitive(value: str, salt: str) -> str:
    """A salted sha256 digest of ``value``; the only form a sensitive value may be stored in."""
    return sensitive_digest(value, salt)


def matches_sensitive(value: str, digest: str, salt: str) -> bool:
    """Whether ``value`` is the value ``digest`` was made from (constant-time compare)."""
    return sensitive_matches(value, digest, salt)
