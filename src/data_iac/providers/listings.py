"""Listings shared within one refresh: two kinds listing the same place list it once.

Notebooks and workspace files of one folder are two refresh groups (one per kind) that
each list that folder; the listing carries both. ``shared_listings()`` opens a memo for the
duration of a refresh, and ``memoized(key, fetch)`` returns what ``fetch`` gave for the
same key within it (the first caller fetches; concurrent callers wait for its answer).
Outside a refresh nothing is kept, so an apply, whose writes change what a listing would
return, never reads an old listing. The memo lives in a context variable: a thread pool
task sees it only when submitted through ``run_in(context, ...)`` (``refresh/bulk.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

__all__ = ["memoized", "shared_listings"]

T = TypeVar("T")


class _Memo:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answers: dict[Hashable, Future[Any]] = {}

    def get(self, key: Hashable, fetch: Callable[[], T]) -> T:
        with self._lock:
            answer = self._answers.get(key)
            mine = answer is None
            if answer is None:
                answer = self._answers[key] = Future()
        if mine:
            try:
                answer.set_result(fetch())
            except BaseException as exc:
                answer.set_exception(exc)
        result: T = answer.result()
        return result


_memo: ContextVar[_Memo | None] = ContextVar("data_iac_shared_listings", default=None)


@contextmanager
def shared_listings() -> Iterator[None]:
    """Within the block (and the tasks started with its context), equal listings are
    fetched once."""
    token = _memo.set(_Memo())
    try:
        yield
    finally:
        _memo.reset(token)


def memoized(key: Hashable, fetch: Callable[[], T]) -> T:
    """``fetch()``, or within ``shared_listings()`` the answer already fetched for ``key``
    (an error is shared too: every caller of that key sees it)."""
    memo = _memo.get()
    return fetch() if memo is None else memo.get(key, fetch)
