"""Fixed-window rate limits in Redis."""

from __future__ import annotations

from atrium.cache import get_redis
from atrium.errors import TooManyRequests


def hit(key: str, limit: int, window: int) -> None:
    """Count one attempt under ``key``; raise ``TooManyRequests`` past ``limit`` per ``window`` seconds."""
    redis = get_redis()
    name = f"atrium:rl:{key}"
    with redis.pipeline() as pipe:
        pipe.set(name, 0, ex=window, nx=True)  # starts the window (works on Redis 6.2)
        pipe.incr(name)
        pipe.ttl(name)
        _, count, ttl = pipe.execute()
    if count > limit:
        retry = max(int(ttl), 1)
        raise TooManyRequests(f"too many attempts; try again in {retry} s", headers={"Retry-After": str(retry)})


def clear(key: str) -> None:
    """Reset the counter under ``key`` (after a successful login)."""
    get_redis().delete(f"atrium:rl:{key}")
