"""The durable inbound event store (``public.inbound_events``): rows in, states out.

States: ``pending`` (stored, waiting for a worker), ``processed``,
``unroutable`` (no tenant owns its routing keys, or its channel is gone),
``failed`` (an attempt raised; retried at ``next_attempt_at``) and ``dead``
(``MAX_ATTEMPTS`` attempts failed). ``next_attempt_at`` is when the sweeper
should look at a ``pending``/``failed`` event: a fresh event belongs to the
queue for ``GRACE`` first, and a swept one is leased for ``LEASE``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text, tuple_, update
from sqlalchemy.orm import Session

from atrium.channels.models import EVENT_STATES, InboundEvent
from atrium.db.base import new_id
from atrium.db.session import get_engine, public_session

RUNNABLE = ("pending", "failed")
REPLAYABLE = ("failed", "dead", "unroutable")
MAX_ATTEMPTS = 8
GRACE = dt.timedelta(seconds=30)
LEASE = dt.timedelta(minutes=2)
BACKOFF_BASE = dt.timedelta(seconds=30)
BACKOFF_MAX = dt.timedelta(hours=1)
RETENTION = dt.timedelta(days=30)  # processed events are kept this long (the window duplicates are recognised in)
ERROR_CHARS = 2000


def dedupe_key(channel_type: str, channel_id: uuid.UUID | None, body: bytes) -> str:
    """SHA-256 of the channel type, the channel (if known) and the exact body."""
    digest = hashlib.sha256(f"{channel_type}\0{channel_id or ''}\0".encode())
    digest.update(body)
    return digest.hexdigest()


# Many events in one statement whatever their number (one prepared plan): arrays unnested into rows.
_INSERT_MANY = text(
    f"""
    INSERT INTO public.inbound_events
        (id, channel_type, channel_id, tenant_id, dedupe_key, body, status, attempts, next_attempt_at)
    SELECT id, channel_type, channel_id, tenant_id, dedupe_key, body, 'pending', 0, now() + interval '{int(GRACE.total_seconds())} seconds'
    FROM unnest(
        CAST(:ids AS uuid[]), CAST(:channel_types AS varchar[]), CAST(:channel_ids AS uuid[]),
        CAST(:tenant_ids AS uuid[]), CAST(:dedupe_keys AS varchar[]), CAST(:bodies AS bytea[])
    ) AS new (id, channel_type, channel_id, tenant_id, dedupe_key, body)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id
    """
)


@dataclass(frozen=True)
class Received:
    """A body as received, with what the intake knows of where it belongs."""

    channel_type: str
    body: bytes
    tenant_id: uuid.UUID | None = None
    channel_id: uuid.UUID | None = None

    @property
    def dedupe_key(self) -> str:
        """The key a repeat of this body on this channel has too."""
        return dedupe_key(self.channel_type, self.channel_id, self.body)


def insert_events(batch: list[Received], db: Session | None = None) -> list[uuid.UUID | None]:
    """Store received bodies in one statement; per body its new event id, or ``None`` when it was stored before.

    A body repeated within ``batch`` is stored once (the first). Without
    ``db``, the statement runs on a plain autocommit connection (the table
    is schema-qualified; a single ``INSERT`` is atomic by itself, and no
    ``BEGIN``/``COMMIT`` round trips): this runs before webhooks' 200.
    """
    ids = [new_id() for _ in batch]
    params = {
        "ids": ids,
        "channel_types": [r.channel_type for r in batch],
        "channel_ids": [r.channel_id for r in batch],
        "tenant_ids": [r.tenant_id for r in batch],
        "dedupe_keys": [r.dedupe_key for r in batch],
        "bodies": [r.body for r in batch],
    }
    if db is not None:
        stored = set(db.scalars(_INSERT_MANY, params))
    else:
        with get_engine().connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            stored = set(connection.scalars(_INSERT_MANY, params))
    return [event_id if event_id in stored else None for event_id in ids]


def make_due(event_ids: list[uuid.UUID]) -> None:
    """Let the sweeper pick these pending/failed events up at its next pass (their enqueue failed)."""
    with public_session() as db:
        db.execute(
            update(InboundEvent)
            .where(InboundEvent.id.in_(event_ids), InboundEvent.status.in_(RUNNABLE))
            .values(next_attempt_at=func.now())
        )


def backoff(attempts: int) -> dt.timedelta:
    """Delay before the next attempt after ``attempts`` failures: 30 s, 1 min, 2 min... at most 1 h."""
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def lease_due(limit: int = 500) -> list[uuid.UUID]:
    """Ids of up to ``limit`` pending/failed events whose ``next_attempt_at`` passed, leased for ``LEASE``.

    Events locked by a worker right now are skipped; a leased event is not
    handed out again before its lease ends.
    """
    due = (
        select(InboundEvent.id)
        .where(InboundEvent.status.in_(RUNNABLE), InboundEvent.next_attempt_at <= func.now())
        .order_by(InboundEvent.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    with public_session() as db:
        return list(
            db.scalars(
                update(InboundEvent)
                .where(InboundEvent.id.in_(due.scalar_subquery()))
                .values(next_attempt_at=func.now() + LEASE)
                .returning(InboundEvent.id)
            )
        )


def purge_processed(older_than: dt.timedelta = RETENTION, limit: int = 5000) -> int:
    """Delete up to ``limit`` processed events received more than ``older_than`` ago; return how many.

    Unroutable, failed and dead events are kept for operators.
    """
    old = (
        select(InboundEvent.id)
        .where(InboundEvent.status == "processed", InboundEvent.received_at < func.now() - older_than)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    with public_session() as db:
        return db.execute(delete(InboundEvent).where(InboundEvent.id.in_(old.scalar_subquery()))).rowcount


def reset_for_replay(event_id: uuid.UUID) -> bool:
    """Make a failed, dead or unroutable event pending again with fresh attempts; False otherwise."""
    with public_session() as db:
        done = db.scalar(
            update(InboundEvent)
            .where(InboundEvent.id == event_id, InboundEvent.status.in_(REPLAYABLE))
            .values(status="pending", attempts=0, next_attempt_at=func.now() + GRACE)
            .returning(InboundEvent.id)
        )
    return done is not None


@dataclass(frozen=True)
class EventSummary:
    """What an operator sees of a stored event (the body only on request)."""

    id: uuid.UUID
    channel_type: str
    tenant_id: uuid.UUID | None
    channel_id: uuid.UUID | None
    status: str
    attempts: int
    last_error: str | None
    received_at: dt.datetime
    next_attempt_at: dt.datetime
    processed_at: dt.datetime | None
    size: int


def _summary(row: InboundEvent) -> EventSummary:
    return EventSummary(
        row.id, row.channel_type, row.tenant_id, row.channel_id, row.status, row.attempts,
        row.last_error, row.received_at, row.next_attempt_at, row.processed_at, len(row.body),
    )


def check_status(status: str) -> str:
    """``status`` if it is an event state; ``ValueError`` naming the states otherwise."""
    if status not in EVENT_STATES:
        raise ValueError(f"unknown status '{status}'; one of: {', '.join(EVENT_STATES)}")
    return status


def list_events(status: str | None = None, limit: int = 50, channel_type: str | None = None) -> list[EventSummary]:
    """The most recently received events, optionally of one ``status`` and channel type."""
    stmt = select(InboundEvent).order_by(InboundEvent.received_at.desc(), InboundEvent.id.desc()).limit(limit)
    if status:
        stmt = stmt.where(InboundEvent.status == check_status(status))
    if channel_type:
        stmt = stmt.where(InboundEvent.channel_type == channel_type)
    with public_session() as db:
        return [_summary(row) for row in db.scalars(stmt)]


def get_event(event_id: uuid.UUID) -> tuple[EventSummary, bytes] | None:
    """An event and its raw body, or ``None``."""
    with public_session() as db:
        row = db.get(InboundEvent, event_id)
        return (_summary(row), row.body) if row is not None else None


def count_events(status: str) -> int:
    """How many events are in ``status``."""
    with public_session() as db:
        return db.scalar(select(func.count()).select_from(InboundEvent).where(InboundEvent.status == check_status(status)))


def ids_with_status(status: str, batch: int = 500) -> Iterator[uuid.UUID]:
    """Every event id in ``status``, oldest first, read in batches (keyset, so rows may change state meanwhile)."""
    check_status(status)
    after: tuple[dt.datetime, uuid.UUID] | None = None
    while True:
        stmt = select(InboundEvent.received_at, InboundEvent.id).where(InboundEvent.status == status)
        if after is not None:
            stmt = stmt.where(tuple_(InboundEvent.received_at, InboundEvent.id) > tuple_(*after))
        with public_session() as db:
            rows = db.execute(stmt.order_by(InboundEvent.received_at, InboundEvent.id).limit(batch)).all()
        if not rows:
            return
        yield from (row.id for row in rows)
        after = (rows[-1].received_at, rows[-1].id)
