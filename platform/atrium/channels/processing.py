"""Processing stored inbound events: route to a tenant, normalise, store in the inbox.

Events are processed by ``process_inbound_events`` (a few per message) on the ``inbound``
queue, which no other work shares; its priority puts it ahead of every other
actor a worker has prefetched, so campaigns, reports and fan-out never delay
an incoming message.

Exactly once in effect: the event row is locked (``FOR UPDATE SKIP LOCKED``)
in the tenant transaction that stores its messages and marks it
``processed``, so a second delivery of the same job skips it, and a crash
midway rolls both back for a later attempt. Storage itself is idempotent
(provider message ids are unique per channel). A failing attempt is recorded
with an exponential backoff; the sweeper retries it when it is due, and
after ``MAX_ATTEMPTS`` it is ``dead`` until an operator replays it.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import uuid
from typing import Any

from sqlalchemy import func, select, tuple_, update

from atrium.channels.bodies import parse_json
from atrium.channels.contract import ChannelAdapter
from atrium.channels.models import InboundEvent
from atrium.channels.registry import adapter_for, context
from atrium.channels.store import ERROR_CHARS, MAX_ATTEMPTS, RUNNABLE, Received, backoff, insert_events, make_due
from atrium.db.session import public_session, tenant_session
from atrium.inbox.ingest import apply_events
from atrium.inbox.models import Channel
from atrium.tenancy.context import TenantRef, tenant_context
from atrium.tenancy.models import RoutingKey, Tenant
from atrium.workers.actors import actor

log = logging.getLogger(__name__)

INBOUND_QUEUE = "inbound"
INBOUND_PRIORITY = -100  # Dramatiq runs lower numbers first; other actors default to 0


PER_MESSAGE = 10  # events per queue message: fewer messages to send, still spread over the worker threads


@actor(queue_name=INBOUND_QUEUE, priority=INBOUND_PRIORITY, max_retries=0, time_limit=300_000)
def process_inbound_events(event_ids: list[str]) -> None:
    """Process stored inbound events in turn (each a no-op when it is done or another worker holds it)."""
    for event_id in event_ids:
        process(uuid.UUID(event_id))


def enqueue(event_ids: list[uuid.UUID]) -> int:
    """Queue the processing of ``event_ids`` (``PER_MESSAGE`` per message); return how many were queued.

    When the broker is unreachable the failure is logged, the rest are made
    due for the sweeper at once, and the events stay safely stored.
    """
    for done in range(0, len(event_ids), PER_MESSAGE):
        try:
            process_inbound_events.send([str(event_id) for event_id in event_ids[done : done + PER_MESSAGE]])
        except Exception:
            log.exception("could not queue inbound events; the sweeper will pick them up", extra={"events": len(event_ids) - done})
            try:
                make_due(event_ids[done:])
            except Exception:
                log.exception("could not mark inbound events due; they are swept after their grace period")
            return done
    return len(event_ids)


class _SoonQueue:
    """Event ids queued by a background thread, a few milliseconds' worth at a time.

    The webhook's 200 waits only for PostgreSQL; queueing the processing
    (a Redis round trip per message) happens right after, for every event
    that arrived meanwhile at once. Ids still here when the process dies are
    found by the sweeper, as when Redis is down.
    """

    def __init__(self, gather_seconds: float = 0.002) -> None:
        self.gather_seconds = gather_seconds
        self._ids: list[uuid.UUID] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, event_ids: list[uuid.UUID]) -> None:
        """Queue ``event_ids`` soon (starting the thread on first use, and again after a fork)."""
        if not event_ids:
            return
        with self._lock:
            self._ids.extend(event_ids)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="atrium-inbound-queue", daemon=True)
                self._thread.start()
        self._wake.set()

    def flush(self) -> None:
        """Queue whatever is waiting, now (at exit, and in tests that need it done)."""
        with self._lock:
            event_ids, self._ids = self._ids, []
        if event_ids:
            enqueue(event_ids)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(self.gather_seconds)
            self._wake.clear()
            try:
                self.flush()
            except Exception:  # enqueue logs and falls back on the sweeper; this loop must live on
                log.exception("queueing inbound events failed")


_soon = _SoonQueue()
atexit.register(_soon.flush)


def enqueue_soon(event_ids: list[uuid.UUID]) -> None:
    """Queue the processing of ``event_ids`` from a background thread within a few milliseconds."""
    _soon.add(event_ids)


def process(event_id: uuid.UUID) -> str | None:
    """Process one event now; return its new status, or ``None`` when there was nothing to do."""
    with public_session() as db:  # the event and, when it is known, its company, in one query
        found = db.execute(
            select(InboundEvent, Tenant)
            .outerjoin(Tenant, Tenant.id == InboundEvent.tenant_id)
            .where(InboundEvent.id == event_id, InboundEvent.status.in_(RUNNABLE))
        ).first()
        if found is None:
            return None
        event, company = found
        channel_type, tenant_id, channel_id, body = event.channel_type, event.tenant_id, event.channel_id, event.body
        tenant: TenantRef | None = company.ref() if company is not None else None
    try:
        adapter = adapter_for(channel_type)
        payload = parse_json(body)
        if tenant_id is None:
            targets = resolve_routes(adapter, payload)
            if not targets:
                return mark_unroutable(event_id, "no channel is connected for the routing keys of this event")
            if len(targets) > 1:
                return split(event_id, channel_type, body, targets)
            tenant_id, channel_id = targets[0]
            tenant = tenant_ref(tenant_id)
        if tenant is None:
            return mark_unroutable(event_id, "the company of this channel no longer exists")
        return _apply(event_id, tenant, channel_id, adapter, payload)
    except BaseException as exc:  # recorded, then interrupts (time limit, shutdown) propagate
        log.warning("inbound event failed", exc_info=True, extra={"event_id": str(event_id), "channel_type": channel_type})
        status = record_failure(event_id, exc, tenant, channel_id)
        if not isinstance(exc, Exception):
            raise
        return status


def _apply(event_id: uuid.UUID, tenant: TenantRef, channel_id: uuid.UUID | None, adapter: ChannelAdapter, payload: Any) -> str | None:
    with tenant_context(tenant), tenant_session(tenant.schema) as db:
        event = db.scalars(
            select(InboundEvent).where(InboundEvent.id == event_id, InboundEvent.status.in_(RUNNABLE)).with_for_update(skip_locked=True)
        ).first()
        if event is None:
            return None
        channel = db.get(Channel, channel_id) if channel_id else None
        if channel is None or channel.type != adapter.type:
            event.status, event.last_error = "unroutable", "the channel of this event no longer exists"
            return event.status
        apply_events(db, channel, adapter.parse(context(channel), payload))
        event.status, event.processed_at, event.last_error = "processed", func.now(), None
        event.tenant_id, event.channel_id = tenant.id, channel.id
        return event.status


def resolve_routes(adapter: ChannelAdapter, payload: Any) -> list[tuple[uuid.UUID, uuid.UUID | None]]:
    """``(tenant id, channel id)`` of every channel that registered a routing key found in ``payload``, in order."""
    keys = [(str(kind), str(key)) for kind, key in adapter.route(payload) or ()]
    if not keys:
        return []
    with public_session() as db:
        rows = db.execute(
            select(RoutingKey.kind, RoutingKey.key, RoutingKey.tenant_id, RoutingKey.target_id).where(
                tuple_(RoutingKey.kind, RoutingKey.key).in_(keys)
            )
        ).all()
    found = {(row.kind, row.key): (row.tenant_id, row.target_id) for row in rows}
    return list(dict.fromkeys(found[key] for key in keys if key in found))


def split(event_id: uuid.UUID, channel_type: str, body: bytes, targets: list[tuple[uuid.UUID, uuid.UUID | None]]) -> str | None:
    """Hand a global event that concerns several channels to one new event per channel.

    The copies are stored as if each channel's own webhook had received the
    body (so they are de-duplicated against it) in the transaction that marks
    the original processed; each adapter's ``parse`` then keeps its channel's part.
    """
    with public_session() as db:
        event = db.scalars(
            select(InboundEvent).where(InboundEvent.id == event_id, InboundEvent.status.in_(RUNNABLE)).with_for_update(skip_locked=True)
        ).first()
        if event is None:
            return None
        copies = insert_events([Received(channel_type, body, tenant_id, channel_id) for tenant_id, channel_id in targets], db)
        event.status, event.processed_at = "processed", func.now()
    log.info("global inbound event split per channel", extra={"event_id": str(event_id), "channels": len(targets)})
    enqueue([copy for copy in copies if copy is not None])
    return "processed"


def tenant_ref(tenant_id: uuid.UUID) -> TenantRef | None:
    """The tenant with ``tenant_id``, or ``None`` when it was deleted."""
    with public_session() as db:
        tenant = db.get(Tenant, tenant_id)
        return tenant.ref() if tenant is not None else None


def mark_unroutable(event_id: uuid.UUID, reason: str) -> str:
    """Keep an event no tenant can take as ``unroutable`` (visible to operators, replayable)."""
    with public_session() as db:
        db.execute(
            update(InboundEvent)
            .where(InboundEvent.id == event_id, InboundEvent.status.in_(RUNNABLE))
            .values(status="unroutable", last_error=reason)
        )
    log.warning("inbound event unroutable", extra={"event_id": str(event_id), "reason": reason})
    return "unroutable"


def record_failure(event_id: uuid.UUID, exc: BaseException, tenant: TenantRef | None, channel_id: uuid.UUID | None) -> str | None:
    """Count a failed attempt: ``failed`` with a backoff, ``dead`` after the last; note it on the channel."""
    error = f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
    try:
        with public_session() as db:
            event = db.scalars(
                select(InboundEvent).where(InboundEvent.id == event_id, InboundEvent.status.in_(RUNNABLE)).with_for_update()
            ).first()
            if event is None:
                return None
            event.attempts += 1
            event.last_error = error
            if event.attempts >= MAX_ATTEMPTS:
                event.status = "dead"
            else:
                event.status, event.next_attempt_at = "failed", func.now() + backoff(event.attempts)
            status = event.status
        if tenant is not None and channel_id is not None:
            with tenant_session(tenant.schema) as db:
                db.execute(update(Channel).where(Channel.id == channel_id).values(last_error=error, last_error_at=func.now()))
    except Exception:
        log.exception("could not record an inbound failure; the sweeper retries the event", extra={"event_id": str(event_id)})
        return None
    if status == "dead":
        log.error("inbound event is dead after its last attempt", extra={"event_id": str(event_id), "error": error})
    return status
