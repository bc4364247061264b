"""Reading a tenant's domain events back from PostgreSQL, each read in its own short transaction."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from atrium.db.session import tenant_session
from atrium.inbox.events import serialise
from atrium.inbox.models import DomainEvent
from atrium.realtime.hub import LiveEvent


def latest_event_id(schema: str) -> int:
    """The id of the tenant's newest domain event (0 when there is none)."""
    with tenant_session(schema) as db:
        return db.scalar(select(func.max(DomainEvent.id))) or 0


def events_after(schema: str, after: int, limit: int, also: tuple[int, ...] = ()) -> list[LiveEvent]:
    """Up to ``limit`` events with an id above ``after`` or in ``also``, oldest first, as published."""
    condition = DomainEvent.id > after
    if also:
        condition = or_(condition, DomainEvent.id.in_(also))
    with tenant_session(schema) as db:
        rows = db.execute(
            select(DomainEvent.id, DomainEvent.kind, DomainEvent.data)
            .where(condition)
            .order_by(DomainEvent.id)
            .limit(limit)
        ).all()
    return [LiveEvent(row.id, row.kind, serialise(row.id, row.kind, row.data)) for row in rows]


def more_than(schema: str, after: int, count: int) -> bool:
    """Whether more than ``count`` events have an id above ``after``."""
    with tenant_session(schema) as db:
        beyond = db.scalar(
            select(DomainEvent.id).where(DomainEvent.id > after).order_by(DomainEvent.id).offset(count).limit(1)
        )
    return beyond is not None
