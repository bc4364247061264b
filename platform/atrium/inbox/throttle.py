"""A token bucket in Redis: the per-number send rate every worker shares.

Each channel has a bucket refilled at ``rate`` tokens per second up to
``max(rate, 1)`` tokens (one second of burst); a send takes one token. The bucket
lives in one Redis hash updated by a Lua script on Redis's clock, so any
number of worker processes see the same limit.
"""

from __future__ import annotations

from atrium.cache import get_redis

_SCRIPT = """
local rate = tonumber(ARGV[1])
local cap = math.max(rate, 1)
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'ts', 'tokens')
local tokens = tonumber(state[2]) or cap
local ts = tonumber(state[1]) or now
tokens = math.min(cap, tokens + math.max(0, now - ts) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'ts', tostring(now), 'tokens', tostring(tokens))
redis.call('PEXPIRE', KEYS[1], 2000 + math.ceil(1000 / rate))
return tostring(wait)
"""


def take(key: str, rate: float) -> float:
    """Take a token from bucket ``key`` refilled at ``rate``/s: 0 when taken, else the seconds to wait."""
    return float(get_redis().eval(_SCRIPT, 1, f"atrium:throttle:{key}", rate))
