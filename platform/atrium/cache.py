"""The process's Redis client (rate limits, token revocation, scheduler locks, pub/sub)."""

from __future__ import annotations

from functools import lru_cache

import redis

from atrium.config import get_settings


@lru_cache(maxsize=4)
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, decode_responses=True, health_check_interval=30, socket_connect_timeout=2)


def get_redis() -> redis.Redis:
    """A Redis client for ``REDIS_URL`` (``redis://`` or ``unix://``), shared by the process."""
    url = get_settings().redis_url
    if not url:
        raise RuntimeError("REDIS_URL is not set (run through `atrium` to start the embedded Redis)")
    return _client(url)
