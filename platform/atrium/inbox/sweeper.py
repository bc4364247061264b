"""The outbound sweeper, run every ``SWEEP_EVERY_SECONDS`` for each tenant by the scheduler.

It releases scheduled messages that fell due, re-enqueues queued messages
whose job was lost (Redis down, worker killed before the claim), and marks
failed ``delivery_unknown`` the messages left ``sending`` by an attempt that
never finished, once ``SENDING_GRACE`` has passed without a status webhook
settling them. It also deletes uploaded files no message used within a day.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from atrium.db.session import tenant_session
from atrium.inbox.messages import release_due
from atrium.inbox.models import Message
from atrium.inbox.outbound import SENDING_GRACE, enqueue_send, fail, now
from atrium.inbox.uploads import delete_unused
from atrium.tenancy.context import current_tenant
from atrium.workers.actors import actor

SWEEP_EVERY_SECONDS = 10
BATCH = 500
LOST_AFTER = dt.timedelta(minutes=1)  # a queued message not attempted by then has lost its job


def sweep(db: Session) -> dict[str, int]:
    """One pass over the bound tenant's outbox; returns how many messages each step touched."""
    at = now()
    due = db.scalars(
        select(Message)
        .where(Message.status == "scheduled", Message.scheduled_at <= at)
        .order_by(Message.scheduled_at)
        .limit(BATCH)
        .with_for_update(skip_locked=True)
    ).all()
    for message in due:
        release_due(db, message)
    lost = db.scalars(
        select(Message)
        .where(Message.status == "queued", func.coalesce(Message.next_attempt_at, Message.created_at) < at - LOST_AFTER)
        .limit(BATCH)
        .with_for_update(skip_locked=True)
    ).all()
    for message in lost:
        message.next_attempt_at = at
        enqueue_send(db, message.id)
    stuck = db.scalars(
        select(Message)
        .where(Message.status == "sending", or_(Message.claimed_at.is_(None), Message.claimed_at < at - SENDING_GRACE))
        .limit(BATCH)
        .with_for_update(skip_locked=True)
    ).all()
    for message in stuck:
        fail(
            db,
            message,
            "delivery_unknown",
            "the send was interrupted and the provider never confirmed it; check the chat before sending it again",
        )
    return {"released": len(due), "requeued": len(lost), "unknown": len(stuck), "uploads_deleted": delete_unused(db)}


@actor(queue_name="outbound", max_retries=0)
def sweep_outbound() -> None:
    """Sweep the bound tenant's outbox (see ``sweep``)."""
    with tenant_session(current_tenant().schema) as db:
        sweep(db)
