"""One Redis pub/sub subscription per process, fanned out in memory to the open streams.

The hub pattern-subscribes to every tenant's events channel once, in a
background thread (a greenlet under gevent), and pushes each message to the
``Subscription`` of every stream of that tenant: a browser costs a small
in-memory buffer, never a Redis connection.

Pub/sub keeps nothing, so whenever the hub may have missed messages (its
subscription was (re)established, or a slow stream's buffer overflowed) the
affected subscriptions are marked ``lost`` and their streams replay from
PostgreSQL. Registering a subscription never waits for Redis.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import deque
from dataclasses import dataclass

from atrium.cache import get_redis
from atrium.inbox.events import channel_name

log = logging.getLogger(__name__)

PATTERN = channel_name("*")
PREFIX = channel_name("")
BUFFER = 1000  # live events held per stream before it falls back to a replay
MAX_RETRY_SECONDS = 30.0  # longest wait between attempts to subscribe again


@dataclass(frozen=True)
class LiveEvent:
    """A domain event as published: its id, kind and JSON text (``serialise``)."""

    id: int
    kind: str
    json: str


class Subscription:
    """The live events of one tenant for one stream, buffered until the stream takes them."""

    def __init__(self, tenant_id: str, capacity: int = BUFFER) -> None:
        self.tenant_id = tenant_id
        self._capacity = capacity
        self._items: deque[LiveEvent] = deque()
        self._lost = False
        self._closed = False
        self._cond = threading.Condition()

    def push(self, event: LiveEvent) -> None:
        """Buffer ``event``; on overflow drop the buffer and ask for a replay instead."""
        with self._cond:
            if len(self._items) >= self._capacity:
                self._items.clear()
                self._lost = True
            else:
                self._items.append(event)
            self._cond.notify()

    def mark_lost(self) -> None:
        """Events may have been missed: the stream must replay from PostgreSQL."""
        with self._cond:
            self._items.clear()
            self._lost = True
            self._cond.notify()

    def close(self) -> None:
        """End the stream (the process is shutting down)."""
        with self._cond:
            self._closed = True
            self._cond.notify()

    def take(self, timeout: float) -> tuple[list[LiveEvent], bool, bool]:
        """Wait up to ``timeout`` s for news; return ``(events, lost, closed)`` and clear them."""
        with self._cond:
            if not (self._items or self._lost or self._closed):
                self._cond.wait(timeout)
            events, lost = list(self._items), self._lost
            self._items.clear()
            self._lost = False
            return events, lost, self._closed


class Hub:
    """The process's single pub/sub listener and its registry of subscriptions."""

    def __init__(self) -> None:
        self._subscriptions: dict[str, set[Subscription]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._failures = 0
        self._thread: threading.Thread | None = None
        self.pid = os.getpid()

    def subscribe(self, tenant_id) -> Subscription:
        """Register a subscription to ``tenant_id``'s events (starting the listener if needed)."""
        subscription = Subscription(str(tenant_id))
        with self._lock:
            self._subscriptions.setdefault(subscription.tenant_id, set()).add(subscription)
            if self._thread is None:
                self._thread = threading.Thread(target=self._listen, name="atrium-realtime-hub", daemon=True)
                self._thread.start()
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        """Forget ``subscription``."""
        with self._lock:
            streams = self._subscriptions.get(subscription.tenant_id)
            if streams is not None:
                streams.discard(subscription)
                if not streams:
                    del self._subscriptions[subscription.tenant_id]

    @property
    def closed(self) -> bool:
        """Whether ``close`` was called."""
        return self._stop.is_set()

    def close(self) -> None:
        """Stop listening and end every open stream (worker shutdown)."""
        self._stop.set()
        for subscription in self._all():
            subscription.close()

    def _all(self) -> list[Subscription]:
        with self._lock:
            return [s for streams in self._subscriptions.values() for s in streams]

    def _listen(self) -> None:
        while not self._stop.is_set():
            pubsub = None
            try:
                pubsub = get_redis().pubsub()
                pubsub.psubscribe(PATTERN)
                while not self._stop.is_set():
                    message = pubsub.get_message(timeout=1.0)
                    if message is not None:
                        self._handle(message)
            except Exception:
                self._failures += 1
                delay = min(MAX_RETRY_SECONDS, 0.5 * 2**self._failures)
                log.warning(
                    "realtime subscription lost; retrying", extra={"retry_in": delay}, exc_info=self._failures == 1
                )
                self._stop.wait(delay)
            finally:
                if pubsub is not None:
                    try:
                        pubsub.close()
                    except Exception:
                        log.debug("closing the pub/sub connection failed", exc_info=True)

    def _handle(self, message: dict) -> None:
        if message["type"] == "psubscribe":
            # (Re)subscribed, possibly after a silent reconnect: whatever was
            # published meanwhile is only in PostgreSQL.
            self._failures = 0
            for subscription in self._all():
                subscription.mark_lost()
            return
        if message["type"] != "pmessage":
            return
        tenant_id = message["channel"][len(PREFIX) :]
        try:
            envelope = json.loads(message["data"])
            event = LiveEvent(int(envelope["id"]), str(envelope["kind"]), message["data"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed realtime message", extra={"channel": message["channel"]})
            return
        with self._lock:
            targets = list(self._subscriptions.get(tenant_id, ()))
        for subscription in targets:
            subscription.push(event)


_hub: Hub | None = None
_hub_lock = threading.Lock()


def get_hub() -> Hub:
    """The process's hub (a new one after a fork or after ``close_hub``)."""
    global _hub
    with _hub_lock:
        if _hub is None or _hub.pid != os.getpid() or _hub.closed:
            _hub = Hub()
        return _hub


def close_hub() -> None:
    """Close the process's hub, if any: every open stream ends."""
    with _hub_lock:
        hub = _hub
    if hub is not None:
        hub.close()
