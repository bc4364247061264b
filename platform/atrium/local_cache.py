"""A small per-process cache with expiry, for lookups on hot paths (webhook intake, processing)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LocalCache(Generic[V]):
    """Values loaded on first use and kept ``seconds``; ``None`` (not found) is not kept.

    Another process's change is seen within ``seconds``; the process that
    made it calls ``forget``. At ``size`` entries the cache starts afresh.
    """

    def __init__(self, seconds: float, size: int = 10_000) -> None:
        self.seconds, self.size = seconds, size
        self._entries: dict[Hashable, tuple[float, V]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, load: Callable[[], V | None]) -> V | None:
        """The value of ``key``: cached, or ``load()``-ed now."""
        cached = self._entries.get(key)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        value = load()
        if value is not None:
            with self._lock:
                if len(self._entries) >= self.size:
                    self._entries.clear()
                self._entries[key] = (time.monotonic() + self.seconds, value)
        return value

    def forget(self, key: Hashable) -> None:
        """Drop ``key`` (its value changed in this process)."""
        self._entries.pop(key, None)
