"""A requests adapter whose request timeouts end no later than the action's deadline.

Kept apart from ``deadline.py`` because it imports ``requests`` (the SDK adapters load it
anyway; ``iac validate`` never does).
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter

from data_iac.providers.deadline import bounded_timeout

__all__ = ["DeadlineAdapter"]


class DeadlineAdapter(HTTPAdapter):
    """``HTTPAdapter`` with each request's (connect, read) timeout clamped to the time left
    before the current action's deadline (unchanged outside an action)."""

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if "timeout" in kwargs:
            kwargs["timeout"] = bounded_timeout(kwargs["timeout"])
        elif len(args) >= 2:  # send(request, stream, timeout, ...)
            args = (args[0], bounded_timeout(args[1]), *args[2:])
        else:
            kwargs["timeout"] = bounded_timeout(None)
        return super().send(request, *args, **kwargs)
