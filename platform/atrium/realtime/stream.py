"""One Server-Sent Events stream: what a client missed (from PostgreSQL), then live events.

The order of work guarantees no gap and no duplicate:

1. subscribe to the hub: from now on, published events are buffered;
2. replay the events after the client's ``Last-Event-ID`` from ``domain_events``,
   in bounded batches, each in its own short transaction;
3. send the buffered and the new live events, skipping ids already sent.

An event committed before a replay read is replayed; one committed after it
was published after step 1, so it arrives live. When the hub may have missed
messages (Redis reconnect, a slow stream's buffer overflowed), step 2 runs
again from the last id sent. No database connection is held between reads.

Event ids are taken when an event is written but published when its
transaction commits, so two transactions can commit out of id order (11
before 10). The SSE ``id`` is therefore a ``Cursor``: the highest id sent
plus the lower ids not seen yet (``"11:10"``). A client reconnecting with it
gets 10 replayed if it committed meanwhile. Ids still unseen after
``GAP_SECONDS`` belong to rolled-back transactions and are dropped.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from atrium.auth.service import is_revoked
from atrium.realtime import replay
from atrium.realtime.hub import Hub, get_hub
from atrium.tenancy.context import TenantRef

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15.0
RETRY_MS = 3000  # how long a disconnected EventSource waits before reconnecting
REPLAY_BATCH = 500
REPLAY_LIMIT = 5000  # further behind than this, the client is told to reload instead
REMEMBERED_IDS = 10_000
MAX_GAPS = 64  # unseen ids a cursor carries (in-flight transactions of one tenant)
GAP_SECONDS = 60.0


@dataclass(frozen=True)
class Listener:
    """Who is listening: the tenant, and the login whose expiry or sign-out ends the stream."""

    tenant: TenantRef
    family_id: uuid.UUID
    expires_at: int


class Cursor:
    """Where a client is: the highest event id sent and the lower ids not seen yet."""

    def __init__(self, last: int, pending: tuple[int, ...] = ()) -> None:
        self.last = last
        now = time.monotonic()
        self.pending: dict[int, float] = {i: now for i in pending if i < last}

    @classmethod
    def parse(cls, text: str) -> Cursor:
        """Read ``"11"`` or ``"11:9,10"``; raise ``ValueError`` for anything else."""
        last, _, gaps = text.partition(":")
        pending = tuple(int(g) for g in gaps.split(",") if g) if gaps else ()
        if not last.isdigit() or any(g < 0 for g in pending) or len(pending) > MAX_GAPS:
            raise ValueError(text)
        return cls(int(last), pending)

    def token(self) -> str:
        """The SSE ``id`` a client sends back as ``Last-Event-ID``."""
        if not self.pending:
            return str(self.last)
        return f"{self.last}:{','.join(str(i) for i in sorted(self.pending))}"

    def advance(self, event_id: int) -> None:
        """Record that ``event_id`` was sent."""
        now = time.monotonic()
        if event_id > self.last:
            for missing in range(max(self.last + 1, event_id - MAX_GAPS), event_id):
                self.pending.setdefault(missing, now)
            self.last = event_id
        self.pending.pop(event_id, None)
        for stale in [i for i, seen in self.pending.items() if now - seen > GAP_SECONDS]:
            del self.pending[stale]
        while len(self.pending) > MAX_GAPS:
            del self.pending[min(self.pending)]


def format_event(event_id: int | str | None, kind: str, data: str) -> str:
    """The SSE frame of one event (``id`` omitted when ``None``)."""
    lines = [f"id: {event_id}"] if event_id is not None else []
    lines.append(f"event: {kind}")
    lines += [f"data: {line}" for line in data.split("\n")]
    return "\n".join(lines) + "\n\n"


class _SentIds:
    """The ids sent most recently (bounded), to drop an event met both in a replay and live."""

    def __init__(self, size: int = REMEMBERED_IDS) -> None:
        self._size = size
        self._order: deque[int] = deque()
        self._ids: set[int] = set()

    def add(self, event_id: int) -> bool:
        """Remember ``event_id``; False if it was already sent."""
        if event_id in self._ids:
            return False
        self._ids.add(event_id)
        self._order.append(event_id)
        if len(self._order) > self._size:
            self._ids.discard(self._order.popleft())
        return True


def event_stream(
    listener: Listener, last_event_id: Cursor | None, heartbeat: float = HEARTBEAT_SECONDS, hub: Hub | None = None
) -> Iterator[str]:
    """The text of the stream: replay after ``last_event_id``, then live events and heartbeats.

    Ends when the access token expires or its login is signed out (with a
    ``stream.closed`` event), or when the process shuts down.
    """
    hub = hub or get_hub()
    subscription = hub.subscribe(listener.tenant.id)
    sent = _SentIds()
    schema = listener.tenant.schema
    try:
        yield f"retry: {RETRY_MS}\n\n"
        if last_event_id is None:
            cursor = Cursor(replay.latest_event_id(schema))
        else:
            cursor = last_event_id
            yield from _catch_up(schema, cursor, sent)
        next_check = time.monotonic() + heartbeat
        while True:
            events, lost, closed = subscription.take(timeout=heartbeat)
            if closed:
                return
            if lost:
                yield from _catch_up(schema, cursor, sent)
            for event in events:
                if sent.add(event.id):
                    cursor.advance(event.id)
                    yield format_event(cursor.token(), event.kind, event.json)
            if time.monotonic() >= next_check:
                reason = _ended(listener)
                if reason:
                    yield format_event(None, "stream.closed", json.dumps({"reason": reason}))
                    return
                if not events and not lost:
                    yield ": keepalive\n\n"
                next_check = time.monotonic() + heartbeat
    finally:
        hub.unsubscribe(subscription)


def _catch_up(schema: str, cursor: Cursor, sent: _SentIds) -> Iterator[str]:
    """Replay the events after ``cursor`` (and its unseen ids) in batches, advancing it.

    Too far behind (more than ``REPLAY_LIMIT`` events), the client gets a
    ``stream.reset`` event carrying the newest id instead: it should reload
    what it shows through the REST API.
    """
    if replay.more_than(schema, cursor.last, REPLAY_LIMIT):
        cursor.last, cursor.pending = replay.latest_event_id(schema), {}
        yield format_event(cursor.token(), "stream.reset", json.dumps({"reason": "too_many_missed_events"}))
        return
    also = tuple(cursor.pending)
    while True:
        batch = replay.events_after(schema, cursor.last, REPLAY_BATCH, also=also)
        also = ()
        for event in batch:
            if sent.add(event.id):
                cursor.advance(event.id)
                yield format_event(cursor.token(), event.kind, event.json)
        if len(batch) < REPLAY_BATCH:
            return


def _ended(listener: Listener) -> str | None:
    """Why the stream must end now (token expired, signed out), or None."""
    if time.time() >= listener.expires_at:
        return "token_expired"
    try:
        if is_revoked(listener.family_id):
            return "signed_out"
    except Exception:  # Redis unavailable: keep the stream; the token still expires
        log.warning("could not check the stream's login", exc_info=True)
    return None
