"""References to attributes a resource does not have, found before anything is applied.

``${resources.KEY.ATTR}`` resolves from the target's state attributes. An ATTR the target
has neither in state nor in its desired spec would stay "(known after apply)" for ever and
reach the platform as that text. When the target is already in state, everything it will
hold is known (its state attributes, plus the fields its spec sets), so a reference to any
other attribute is reported as a located error naming the referring resource. (A target
created by the same plan is checked at apply time, when its attributes are known.)
"""

from __future__ import annotations

import difflib

from data_iac.errors import ConfigValidationError, Diagnostic
from data_iac.model.references import find_references
from data_iac.model.resource import DesiredState
from data_iac.model.state import StateSnapshot

__all__ = ["check_reference_attributes"]


def check_reference_attributes(desired: DesiredState, prior: StateSnapshot) -> None:
    """Raise ConfigValidationError listing every reference to an attribute its target (in
    state) does not have."""
    problems: list[Diagnostic] = []
    for address, resource in desired.resources.items():
        for target, attr in find_references(resource.spec):
            entry = prior.resources.get(target)
            first = attr.split(".", 1)[0]
            if entry is None or first == "id" or first in entry.attributes:
                continue
            wanted = desired.resources.get(target)
            if wanted is not None and first in wanted.spec:
                continue
            known = sorted({"id", *entry.attributes, *(wanted.spec if wanted else ())})
            close = difflib.get_close_matches(first, known, n=1)
            problems.append(
                Diagnostic(
                    f"{target} has no attribute '{attr}' (referred to by {address})",
                    str(address),
                    resource.location,
                    (f"did you mean '{close[0]}'? " if close else "")
                    + f"its attributes: {', '.join(known[:15])}"
                    + (" ..." if len(known) > 15 else ""),
                )
            )
    if problems:
        raise ConfigValidationError(problems)
