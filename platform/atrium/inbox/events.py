"""Domain events through a transactional outbox.

``emit`` writes the event into the tenant's ``domain_events`` table in the
caller's transaction, so an event exists if and only if its change was
committed. After the commit, the events are published on the tenant's
Redis channel (for Server-Sent Events) and handed to the ``events`` queue,
where plugins (``on_domain_event``) and outbound webhooks receive them.
The ``domain_events`` id is the SSE event id, so a browser reconnecting with
``Last-Event-ID`` replays what it missed from PostgreSQL.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from atrium.cache import get_redis
from atrium.db.session import BoundSession
from atrium.inbox.models import DomainEvent
from atrium.tenancy.context import current_tenant

log = logging.getLogger(__name__)

PENDING = "atrium_pending_events"


def channel_name(tenant_id) -> str:
    """The Redis pub/sub channel of a tenant's realtime events."""
    return f"atrium:events:{tenant_id}"


def emit(db: Session, kind: str, data: dict[str, Any]) -> DomainEvent:
    """Record domain event ``kind`` with JSON-simple ``data`` in the current transaction."""
    row = DomainEvent(kind=kind, data=data)
    db.add(row)
    db.flush()
    db.info.setdefault(PENDING, []).append((current_tenant(), row.id, kind, data))
    return row


def serialise(event_id: int, kind: str, data: dict[str, Any]) -> str:
    """The JSON form of an event, as published and as sent over SSE."""
    return json.dumps({"id": event_id, "kind": kind, "data": data}, default=str, ensure_ascii=False)


@event.listens_for(BoundSession, "after_commit")
def _publish_after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    from atrium.inbox.dispatch import dispatch_events
    from atrium.tenancy.context import tenant_context

    try:
        redis = get_redis()
        with redis.pipeline(transaction=False) as pipe:
            for tenant, event_id, kind, data in pending:
                pipe.publish(channel_name(tenant.id), serialise(event_id, kind, data))
            pipe.execute()
        by_tenant: dict[Any, list[int]] = {}
        for tenant, event_id, _, _ in pending:
            by_tenant.setdefault(tenant, []).append(event_id)
        for tenant, event_ids in by_tenant.items():  # one fan-out job per company and commit
            with tenant_context(tenant):
                dispatch_events.send(event_ids)
    except Exception:  # the events are committed; SSE replay and the sweeper catch up
        log.exception("publishing domain events failed")


@event.listens_for(BoundSession, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)
