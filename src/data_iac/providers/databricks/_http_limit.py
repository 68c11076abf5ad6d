"""The requests adapter that puts every Databricks HTTP request through the rate limiter.

Mounted on the SDK's session (``client._bound_requests``), so the SDK's own retries and
every page of a listing are paced too, and each answer's status and ``Retry-After`` reach
the limiter (``_rate_limit.py``). Imports ``requests``: the SDK loads it anyway.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from data_iac.providers.databricks._rate_limit import RateLimiter, api_family
from data_iac.providers.http_deadline import DeadlineAdapter

__all__ = ["LimitedAdapter", "retry_after_seconds"]


class LimitedAdapter(DeadlineAdapter):
    """``DeadlineAdapter`` that takes a token of the request's API family before sending
    and reports the answer's status back to the limiter."""

    def __init__(self, limiter: RateLimiter, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.limiter = limiter

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        family = api_family(urlsplit(request.url or "").path)
        sent_at = self.limiter.acquire(family)
        response = super().send(request, *args, **kwargs)
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        self.limiter.observe(family, sent_at, response.status_code, wait)
        return response


def retry_after_seconds(value: str | None) -> float:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date (RFC 9110
    section 10.2.3); 0 when absent or unreadable."""
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return 0.0
