"""The Dramatiq broker on Redis, with the tenant middleware, created on first use."""

from __future__ import annotations

import threading

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from atrium.config import get_settings
from atrium.workers.middleware import TenantMiddleware

_lock = threading.Lock()
_broker: dramatiq.Broker | None = None


def get_broker() -> dramatiq.Broker:
    """The process's broker (``REDIS_URL``), installed as Dramatiq's global broker."""
    global _broker
    with _lock:
        if _broker is None:
            url = get_settings().redis_url
            if not url:
                raise RuntimeError("REDIS_URL is not set (run through `atrium` to start the embedded Redis)")
            _broker = RedisBroker(url=url, namespace="atrium", socket_connect_timeout=2)
            _broker.add_middleware(TenantMiddleware())
            dramatiq.set_broker(_broker)
        return _broker


def reset_broker() -> None:
    """Forget the broker (tests that point the process at another Redis)."""
    global _broker
    with _lock:
        if _broker is not None:
            _broker.close()
        _broker = None
